package org.opencdp.quality.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled, current plans and rules of every tenant, as the intake sees them. A background
 * thread compares the store's revision every {@code refreshInterval} and reloads on a change, so a
 * save in any process takes effect within about that; a save in this process calls {@link
 * #changed()} and takes effect at once. Compiled versions are kept: a reload compiles only what is
 * new.
 */
public final class ActiveRules implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ActiveRules.class);

  private final Definitions definitions;
  private final Compiler compiler;
  private final Map<String, Object> compiled = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher;
  private volatile Map<String, TenantRules> byTenant = Map.of();
  private volatile long revision = -1;

  public ActiveRules(Definitions definitions, Compiler compiler, Duration refreshInterval) {
    this.definitions = definitions;
    this.compiler = compiler;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "quality-rules-refresh");
              t.setDaemon(true);
              return t;
            });
    long millis = Math.max(50, refreshInterval.toMillis());
    refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Compiles stored bodies; the same code validates a body when it is saved. */
  public record Compiler(PlanSchemas schemas, Expressions expressions) {
    public Compiler() {
      this(new PlanSchemas(), new Expressions());
    }

    TrackingPlan plan(String id, int version, tools.jackson.databind.JsonNode body) {
      return TrackingPlan.parse(id, version, body, schemas);
    }

    Rule rule(String id, int version, tools.jackson.databind.JsonNode body) {
      return Rule.parse(id, version, body, expressions);
    }
  }

  /** The tenant's current plans and rules; none until the first load. */
  public TenantRules of(String tenantId) {
    return byTenant.getOrDefault(tenantId, TenantRules.NONE);
  }

  /** Reloads now (after a save in this process). */
  public synchronized void changed() {
    refresh(true);
  }

  /** Reloads if anything was saved since the last load; blocking, for tests and start-up. */
  public synchronized void refresh() {
    refresh(false);
  }

  private void refreshQuietly() {
    try {
      synchronized (this) {
        refresh(false);
      }
    } catch (RuntimeException e) {
      log.warn("Could not reload quality rules; keeping the last ones: {}", e.toString());
    }
  }

  private void refresh(boolean force) {
    long now = definitions.revision();
    if (!force && now == revision) {
      return;
    }
    Map<String, List<TrackingPlan>> plans = new HashMap<>();
    Map<String, List<Rule>> rules = new HashMap<>();
    java.util.Set<String> current = new java.util.HashSet<>();
    for (Definitions.Stored stored : definitions.allActive()) {
      current.add(key(stored));
      Object compiledForm = compile(stored);
      if (compiledForm instanceof TrackingPlan plan) {
        plans.computeIfAbsent(stored.tenantId(), t -> new ArrayList<>()).add(plan);
      } else if (compiledForm instanceof Rule rule) {
        rules.computeIfAbsent(stored.tenantId(), t -> new ArrayList<>()).add(rule);
      }
    }
    Map<String, TenantRules> next = new HashMap<>();
    for (String tenant : union(plans.keySet(), rules.keySet())) {
      next.put(
          tenant,
          new TenantRules(
              plans.getOrDefault(tenant, List.of()), rules.getOrDefault(tenant, List.of())));
    }
    byTenant = Map.copyOf(next);
    revision = now;
    compiled.keySet().retainAll(current); // versions no longer current are not kept compiled
  }

  private static String key(Definitions.Stored stored) {
    return stored.tenantId() + "/" + stored.kind() + "/" + stored.id() + "/" + stored.version();
  }

  private Object compile(Definitions.Stored stored) {
    return compiled.computeIfAbsent(
        key(stored),
        k -> {
          try {
            return stored.kind() == Definitions.Kind.PLAN
                ? compiler.plan(stored.id(), stored.version(), stored.body())
                : compiler.rule(stored.id(), stored.version(), stored.body());
          } catch (DefinitionInvalid e) {
            // saved bodies were validated; one that no longer compiles is skipped, not fatal
            log.warn("Skipping {}: {} {}", k, e.field(), e.getMessage());
            return Boolean.FALSE;
          }
        });
  }

  private static java.util.Set<String> union(java.util.Set<String> a, java.util.Set<String> b) {
    java.util.Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
