package org.opencdp.quality.rules;

import java.util.List;

/** What one tenant's events are judged by: its enabled plans and rules, current versions. */
public record TenantRules(List<TrackingPlan> plans, List<Rule> rules) {

  public static final TenantRules NONE = new TenantRules(List.of(), List.of());

  public TenantRules {
    plans = List.copyOf(plans);
    rules = List.copyOf(rules);
  }

  public boolean isEmpty() {
    return plans.isEmpty() && rules.isEmpty();
  }
}
