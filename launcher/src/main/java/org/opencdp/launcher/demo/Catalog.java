package org.opencdp.launcher.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The demo shop: regions and cities, twelve categories, products with prices and popularity. */
final class Catalog {

  /** A sales region and its cities. */
  record Region(String name, List<String> cities) {}

  /** A product as the Segment e-commerce spec describes it. */
  record Product(
      String id, String sku, String name, String category, double price, double weight) {}

  static final List<Region> REGIONS =
      List.of(
          new Region("East", List.of("Shanghai", "Hangzhou", "Nanjing")),
          new Region("North", List.of("Beijing", "Tianjin", "Shenyang")),
          new Region("South", List.of("Guangzhou", "Shenzhen", "Xiamen")),
          new Region("West", List.of("Chengdu", "Chongqing", "Xi'an")),
          new Region("Central", List.of("Wuhan", "Changsha", "Zhengzhou")));

  /** Category -> {lowest, highest} price in CNY. */
  static final Map<String, double[]> CATEGORIES =
      java.util.Collections.unmodifiableMap(
          new java.util.LinkedHashMap<>(
              Map.ofEntries(
                  Map.entry("Electronics", new double[] {199, 4999}),
                  Map.entry("Phones", new double[] {999, 7999}),
                  Map.entry("Home", new double[] {49, 899}),
                  Map.entry("Kitchen", new double[] {29, 699}),
                  Map.entry("Beauty", new double[] {39, 599}),
                  Map.entry("Apparel", new double[] {59, 899}),
                  Map.entry("Shoes", new double[] {149, 1299}),
                  Map.entry("Sports", new double[] {49, 1499}),
                  Map.entry("Toys", new double[] {29, 499}),
                  Map.entry("Books", new double[] {19, 149}),
                  Map.entry("Grocery", new double[] {9, 199}),
                  Map.entry("Pet", new double[] {19, 399}))));

  static final List<String> CATEGORY_NAMES =
      List.of(
          "Electronics",
          "Phones",
          "Home",
          "Kitchen",
          "Beauty",
          "Apparel",
          "Shoes",
          "Sports",
          "Toys",
          "Books",
          "Grocery",
          "Pet");

  private static final List<String> ADJECTIVES =
      List.of("Classic", "Smart", "Eco", "Pro", "Mini", "Deluxe", "Urban", "Lite", "Max", "Air");

  private final List<Product> products;
  private final Map<String, List<Product>> byCategory;

  Catalog(int productCount, SplittableRandom random) {
    List<Product> all = new ArrayList<>();
    Map<String, List<Product>> grouped = new java.util.LinkedHashMap<>();
    for (int i = 0; i < productCount; i++) {
      String category = CATEGORY_NAMES.get(i % CATEGORY_NAMES.size());
      double[] range = CATEGORIES.get(category);
      // log-uniform: most products cheap, a few expensive, as in any shop
      double price =
          Math.exp(
              Math.log(range[0]) + random.nextDouble() * (Math.log(range[1]) - Math.log(range[0])));
      int rank = i / CATEGORY_NAMES.size() + 1;
      String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + category + " " + rank;
      Product product =
          new Product(
              "p-%04d".formatted(i + 1),
              "SKU-%s-%04d"
                  .formatted(category.substring(0, 3).toUpperCase(java.util.Locale.ROOT), i + 1),
              name,
              category,
              Math.round(price) - 0.01,
              1.0 / rank);
      all.add(product);
      grouped.computeIfAbsent(category, c -> new ArrayList<>()).add(product);
    }
    this.products = List.copyOf(all);
    this.byCategory = grouped;
  }

  List<Product> products() {
    return products;
  }

  List<Product> inCategory(String category) {
    return byCategory.get(category);
  }

  /** A product of the category, popular ones (low rank) more often. */
  Product pick(String category, SplittableRandom random) {
    List<Product> candidates = byCategory.get(category);
    double total = 0;
    for (Product p : candidates) {
      total += p.weight();
    }
    double u = random.nextDouble() * total;
    for (Product p : candidates) {
      u -= p.weight();
      if (u <= 0) {
        return p;
      }
    }
    return candidates.get(candidates.size() - 1);
  }
}
