package org.opencdp.bench.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Business-style English and Chinese sentences from templates, reproducible from a seed. */
final class SyntheticCorpus {

  private static final String[] PRODUCTS = {"A", "B", "C", "D", "E", "F", "G", "H"};
  private static final String[] REGIONS = {"Berlin", "Paris", "Shanghai", "Austin", "Madrid"};
  private static final String[] CHANNELS = {"email", "social ads", "search", "retail stores"};
  private static final String[] ZH_REGIONS = {"华东", "华南", "西南", "华北", "东北"};
  private static final String[] ZH_CHANNELS = {"直播带货", "线下门店", "社交广告", "搜索推广"};

  private final Random random;

  SyntheticCorpus(long seed) {
    this.random = new Random(seed);
  }

  String english() {
    return switch (random.nextInt(3)) {
      case 0 ->
          "Product %s sales in %s grew %d%% in Q%d, driven by %s."
              .formatted(
                  pick(PRODUCTS),
                  pick(REGIONS),
                  random.nextInt(60),
                  1 + random.nextInt(4),
                  pick(CHANNELS));
      case 1 ->
          "Support response time for product %s customers in %s fell to %d minutes."
              .formatted(pick(PRODUCTS), pick(REGIONS), 2 + random.nextInt(30));
      default ->
          "Churn among %s subscribers of product %s rose to %d.%d%% after the price change."
              .formatted(pick(REGIONS), pick(PRODUCTS), random.nextInt(9), random.nextInt(10));
    };
  }

  String chinese() {
    return switch (random.nextInt(2)) {
      case 0 ->
          "产品%s在%s地区的销量在Q%d同比增长%d%%，主要来自%s。"
              .formatted(
                  pick(PRODUCTS),
                  pick(ZH_REGIONS),
                  1 + random.nextInt(4),
                  random.nextInt(60),
                  pick(ZH_CHANNELS));
      default ->
          "%s地区产品%s的用户流失率上升到%d%%，主要原因是配送慢。"
              .formatted(pick(ZH_REGIONS), pick(PRODUCTS), random.nextInt(20));
    };
  }

  List<String> sentences(int count, boolean chinese) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(chinese ? chinese() : english());
    }
    return out;
  }

  /** A unit vector near the base: base plus Gaussian noise of the given size, normalized. */
  float[] near(float[] base, double noise) {
    float[] v = new float[base.length];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (base[i] + noise * random.nextGaussian() / Math.sqrt(v.length));
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  int nextInt(int bound) {
    return random.nextInt(bound);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }
}
