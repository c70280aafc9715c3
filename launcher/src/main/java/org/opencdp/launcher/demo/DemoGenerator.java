package org.opencdp.launcher.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * Generates the demo tenant's history, deterministically from a {@link DemoSpec}: customers who
 * browse anonymously and then identify, view, add to cart and order, visit stores, open support
 * tickets and sometimes cancel; shaped by the calendar, the weather and one regional collapse.
 */
public final class DemoGenerator {

  private static final String[] TOPICS = {"delivery", "refund", "product", "account"};
  static final double SLOW_RESPONSE_MINUTES = 5.0;
  static final double CHURN_AFTER_FAST = 0.04;
  static final double CHURN_AFTER_SLOW = 0.30;

  private final DemoSpec spec;
  private final SplittableRandom random;
  private final Catalog catalog;
  private final List<Customer> customers;
  private final Weather weather;
  private final DemandCalendar calendar;
  private final EventFactory events;
  private final InvalidEvents invalid;
  private final GroundTruthRecorder truth;
  private final Map<Customer, LocalDate> cancellations = new HashMap<>();
  private DemoSink sink;
  private long orders;
  private long tickets;

  public DemoGenerator(DemoSpec spec) {
    this.spec = spec;
    SplittableRandom world = new SplittableRandom(spec.seed());
    this.catalog = new Catalog(spec.products(), world.split());
    this.customers = new ArrayList<>();
    SplittableRandom people = world.split();
    for (int i = 0; i < spec.customers(); i++) {
      customers.add(new Customer(i, people));
    }
    this.weather = new Weather(spec.startDate(), spec.days(), world.split());
    String collapseRegion = Catalog.REGIONS.get(3).name();
    this.calendar = new DemandCalendar(spec.startDate(), spec.endDate(), collapseRegion);
    this.random = world.split();
    this.events = new EventFactory(spec.seed());
    this.invalid = new InvalidEvents(spec.invalidRate(), world.split(), events);
    this.truth = new GroundTruthRecorder(spec, calendar, weather, customers);
  }

  /** Streams every event to {@code to}, day by day; can run once per generator. */
  public void generate(DemoSink to) {
    this.sink = to;
    for (int d = 0; d < spec.days(); d++) {
      LocalDate day = spec.startDate().plusDays(d);
      for (Customer customer : customers) {
        if (!customer.churned) {
          live(customer, day);
        }
      }
      to.dayDone(day, d + 1, spec.days());
    }
  }

  /** What the stream holds that an analysis should find; complete once {@link #generate} ran. */
  public GroundTruthRecorder groundTruth() {
    return truth;
  }

  /** The product documents, past reports and the incident note for {@code /v1/documents}. */
  public List<DemoDocument> documents() {
    return DemoDocuments.all(catalog, calendar, spec);
  }

  /** The daily weather per region as CSV (what a forecast would join on). */
  public String weatherCsv() {
    return weather.csv();
  }

  private void live(Customer c, LocalDate day) {
    LocalDate cancelOn = cancellations.get(c);
    if (day.equals(cancelOn)) {
      emit(events.subscriptionCancelled(c, at(day, 2), "support_experience"));
      c.churned = true;
      truth.cancelled(c, day);
      return;
    }
    boolean collapsed = calendar.collapse().covers(day, c.region.name());
    double online =
        c.activity
            * calendar.online(day)
            * weather.onlineMultiplier(day, c.region.name())
            * (collapsed ? calendar.collapse().sessionFactor() : 1.0);
    if (random.nextDouble() < online) {
      onlineSession(c, day, collapsed);
    }
    double store =
        c.activity
            * c.storeShare
            * calendar.store(day)
            * weather.storeMultiplier(day, c.region.name());
    if (random.nextDouble() < store) {
      storeVisit(c, day);
    }
  }

  private void onlineSession(Customer c, LocalDate day, boolean collapsed) {
    String channel = random.nextDouble() < c.appShare ? "app" : "web";
    Instant t = at(day, random.nextInt(16));
    boolean newDevice = c.identified && random.nextDouble() < 0.2;
    String anonymousId = newDevice ? c.newDevice() : c.anonymousId;
    boolean known = c.identified && !newDevice;
    EventFactory.Identity who = new EventFactory.Identity(known ? c.userId : null, anonymousId);
    int pages = 1 + random.nextInt(3);
    for (int i = 0; i < pages; i++) {
      String category = i == 0 ? null : pickCategory(c);
      emit(
          events.page(
              c, who, t = later(t), channel, category == null ? "Home" : category, category));
    }
    if (!known && (!c.identified || random.nextDouble() < 0.7)) {
      // signing up or logging in links this device's anonymous browsing to the customer
      emit(
          events.identify(
              c, new EventFactory.Identity(c.userId, anonymousId), t = later(t), channel));
      c.identified = true;
      known = true;
      who = new EventFactory.Identity(c.userId, anonymousId);
    }
    List<EventFactory.Line> cart = new ArrayList<>();
    String cartId = "cart-" + c.userId + "-" + day;
    int views = 1 + random.nextInt(4);
    for (int i = 0; i < views; i++) {
      Catalog.Product product = catalog.pick(pickCategory(c), random);
      emit(events.productViewed(c, who, t = later(t), channel, product));
      if (random.nextDouble() < 0.3) {
        int quantity = 1 + (random.nextDouble() < 0.2 ? 1 : 0);
        emit(events.productAdded(c, who, t = later(t), channel, product, cartId, quantity));
        cart.add(new EventFactory.Line(product, quantity, price(product, day)));
      }
    }
    double orderChance = 0.55 * (collapsed ? calendar.collapse().orderFactor() : 1.0);
    if (known && !cart.isEmpty() && random.nextDouble() < orderChance) {
      t = order(c, who, later(t), channel, cart, day);
      maybeTicket(c, day, t, 0.04);
    } else {
      maybeTicket(c, day, t, collapsed ? 0.08 : 0.01);
    }
  }

  private void storeVisit(Customer c, LocalDate day) {
    Instant t = at(day, 1 + random.nextInt(12));
    EventFactory.Identity member = new EventFactory.Identity(c.userId, null);
    if (!c.identified) {
      emit(events.identify(c, member, t, "store"));
      c.identified = true;
    }
    if (random.nextDouble() < 0.8) {
      List<EventFactory.Line> basket = new ArrayList<>();
      int items = 1 + random.nextInt(3);
      for (int i = 0; i < items; i++) {
        Catalog.Product product = catalog.pick(pickCategory(c), random);
        basket.add(new EventFactory.Line(product, 1, price(product, day)));
      }
      order(c, member, later(t), "store", basket, day);
    }
  }

  private Instant order(
      Customer c,
      EventFactory.Identity who,
      Instant t,
      String channel,
      List<EventFactory.Line> lines,
      LocalDate day) {
    double revenue = 0;
    for (EventFactory.Line line : lines) {
      revenue += line.price() * line.quantity();
    }
    revenue = Math.round(revenue * 100) / 100.0;
    String orderId = "order-%d-%07d".formatted(spec.seed(), ++orders);
    emit(events.orderCompleted(c, who, t, channel, orderId, lines, revenue));
    truth.order(c, day, channel, revenue, lines);
    return t;
  }

  private void maybeTicket(Customer c, LocalDate day, Instant t, double chance) {
    if (!c.identified || random.nextDouble() >= chance) {
      return;
    }
    double firstResponse =
        Math.round(Math.exp(Math.log(3.5) + 0.9 * random.nextGaussian()) * 10) / 10.0;
    int resolution = (int) Math.round(firstResponse + 10 + random.nextDouble() * 240);
    int satisfaction =
        firstResponse > SLOW_RESPONSE_MINUTES ? 1 + random.nextInt(3) : 3 + random.nextInt(3);
    String topic = TOPICS[random.nextInt(TOPICS.length)];
    Instant closed = t.plusSeconds(resolution * 60L);
    emit(
        events.supportTicketClosed(
            c,
            closed,
            "ticket-%d-%06d".formatted(spec.seed(), ++tickets),
            topic,
            firstResponse,
            resolution,
            satisfaction));
    double churn = firstResponse > SLOW_RESPONSE_MINUTES ? CHURN_AFTER_SLOW : CHURN_AFTER_FAST;
    boolean churns = random.nextDouble() < churn && !cancellations.containsKey(c);
    if (churns) {
      cancellations.put(c, day.plusDays(1 + random.nextInt(7)));
    }
    truth.ticket(firstResponse, churns);
  }

  private String pickCategory(Customer c) {
    double[] weights = c.affinity.weights(Catalog.CATEGORY_NAMES);
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double u = random.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u <= 0) {
        return Catalog.CATEGORY_NAMES.get(i);
      }
    }
    return Catalog.CATEGORY_NAMES.get(weights.length - 1);
  }

  private double price(Catalog.Product product, LocalDate day) {
    boolean sale =
        calendar.holidays().stream().anyMatch(h -> h.covers(day) && !h.name().startsWith("Spring"));
    return sale ? Math.round(product.price() * 85) / 100.0 : product.price();
  }

  private void emit(ObjectNode event) {
    sink.event(event);
    truth.event();
    invalid
        .maybeAfter(event)
        .ifPresent(
            bad -> {
              sink.event(bad.event());
              truth.invalid(bad.kind());
            });
  }

  // Shoppers are awake 08:00-24:00 China time, i.e. 00:00-16:00 UTC.
  private Instant at(LocalDate day, int hourUtc) {
    return day.atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .plusSeconds(hourUtc * 3600L + random.nextInt(3600));
  }

  private Instant later(Instant t) {
    return t.plusSeconds(15 + random.nextInt(165));
  }
}
