package org.opencdp.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo tenant's documents; one of them explains the regional collapse. */
final class DemoDocuments {

  private DemoDocuments() {}

  static String incidentId(DemandCalendar.Collapse c) {
    return "doc-incident-logistics-" + c.region().toLowerCase(Locale.ROOT) + "-" + c.from();
  }

  static List<DemoDocument> all(Catalog catalog, DemandCalendar calendar, DemoSpec spec) {
    List<DemoDocument> docs = new ArrayList<>();
    for (String category : Catalog.CATEGORY_NAMES) {
      StringBuilder text = new StringBuilder("Product guide for the " + category + " category. ");
      for (Catalog.Product p :
          catalog
              .inCategory(category)
              .subList(0, Math.min(5, catalog.inCategory(category).size()))) {
        text.append(p.name())
            .append(" (")
            .append(p.sku())
            .append(") sells at ")
            .append(p.price())
            .append(" CNY. ");
      }
      text.append("Popular items sell out during 618 and Double 11; stock up two weeks ahead.");
      docs.add(
          new DemoDocument(
              "doc-product-" + category.toLowerCase(Locale.ROOT),
              category + " product guide",
              text.toString(),
              "en",
              List.of("product", category.toLowerCase(Locale.ROOT))));
    }
    DemandCalendar.Collapse c = calendar.collapse();
    docs.add(
        new DemoDocument(
            incidentId(c),
            "Logistics incident: "
                + c.region()
                + " region deliveries suspended "
                + c.from()
                + " to "
                + c.to(),
            "Incident report. From "
                + c.from()
                + " to "
                + c.to()
                + " our logistics partner closed its "
                + c.region()
                + " regional sorting hub after a fire-safety inspection. Deliveries to every city of the "
                + c.region()
                + " region were suspended and web and app checkout showed 'delivery unavailable', so online orders "
                + "in the region nearly stopped. Stores in the region kept selling from local stock. Service resumed on "
                + c.to().plusDays(1)
                + ". Root cause: a single sorting hub for the whole region; action: a second hub.",
            "en",
            List.of("incident", "logistics", c.region().toLowerCase(Locale.ROOT))));
    docs.add(
        new DemoDocument(
            "doc-report-support-review",
            "Support quality review",
            "Past report. Customers whose tickets wait long for a first answer cancel their membership far more "
                + "often. Target: first response within 5 minutes for every ticket.",
            "en",
            List.of("report", "support", "churn")));
    for (DemandCalendar.Holiday h : calendar.holidays()) {
      if (h.from().equals(h.to())) {
        docs.add(
            new DemoDocument(
                "doc-report-"
                    + h.name().toLowerCase(Locale.ROOT).replace(' ', '-')
                    + "-"
                    + h.date().getYear(),
                h.name() + " " + h.date().getYear() + " plan",
                "Past report. "
                    + h.name()
                    + " on "
                    + h.date()
                    + " is the biggest online sales day of its season; "
                    + "expect online orders at several times a normal day, prices 15% off, and stores only a little busier.",
                "en",
                List.of("report", "holiday")));
      }
    }
    docs.add(
        new DemoDocument(
            "doc-report-weather-zh",
            "天气与门店客流",
            "以往报告：下雨和暴雨天门店客流明显下降，线上订单上升；晴天周末门店销售最好。",
            "zh",
            List.of("report", "weather")));
    return docs;
  }
}
