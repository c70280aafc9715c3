package org.opencdp.launcher.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latent customer groups and the categories each prefers: never written into the events, only
 * visible through what the groups buy (and in the ground truth).
 */
enum Affinity {
  YOUNG_TECH("age < 30", Map.of("Electronics", 3.0, "Phones", 3.0, "Sports", 1.5)),
  PARENTS("30 <= age < 45, half of them", Map.of("Toys", 4.0, "Grocery", 2.0, "Home", 1.5)),
  STYLE(
      "gender female, age < 45, not parents", Map.of("Beauty", 3.5, "Apparel", 2.5, "Shoes", 2.0)),
  HOMEBODIES("age >= 45", Map.of("Kitchen", 2.5, "Home", 2.5, "Books", 2.0, "Pet", 2.0)),
  GENERAL("everyone else", Map.of());

  private final String rule;
  private final Map<String, Double> lift;

  Affinity(String rule, Map<String, Double> lift) {
    this.rule = rule;
    this.lift = lift;
  }

  String rule() {
    return rule;
  }

  /** Category -> how much likelier than baseline this group picks it, in catalog order. */
  Map<String, Double> lift() {
    Map<String, Double> ordered = new LinkedHashMap<>();
    for (String category : Catalog.CATEGORY_NAMES) {
      if (lift.containsKey(category)) {
        ordered.put(category, lift.get(category));
      }
    }
    return ordered;
  }

  /** Category weights for a pick: 1 for every category, the lift where the group has one. */
  double[] weights(List<String> categories) {
    double[] weights = new double[categories.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = lift.getOrDefault(categories.get(i), 1.0);
    }
    return weights;
  }

  String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
