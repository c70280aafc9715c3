package org.opencdp.quality.outliers;

import java.util.Arrays;

/**
 * A streaming estimate of one quantile in constant memory: the P² algorithm (Jain and Chlamtac,
 * 1985), five markers moved by piecewise-parabolic interpolation. Not thread-safe.
 */
final class P2Quantile {

  private final double p;
  private final double[] q = new double[5];
  private final double[] n = new double[5];
  private final double[] desired = new double[5];
  private final double[] increment = new double[5];
  private long count;

  P2Quantile(double p) {
    if (p <= 0 || p >= 1) {
      throw new IllegalArgumentException("p must be in (0, 1)");
    }
    this.p = p;
    increment[0] = 0;
    increment[1] = p / 2;
    increment[2] = p;
    increment[3] = (1 + p) / 2;
    increment[4] = 1;
  }

  long count() {
    return count;
  }

  void add(double x) {
    if (count < 5) {
      q[(int) count++] = x;
      if (count == 5) {
        Arrays.sort(q);
        for (int i = 0; i < 5; i++) {
          n[i] = i + 1;
        }
        desired[0] = 1;
        desired[1] = 1 + 2 * p;
        desired[2] = 1 + 4 * p;
        desired[3] = 3 + 2 * p;
        desired[4] = 5;
      }
      return;
    }
    count++;
    int k = cell(x);
    for (int i = k + 1; i < 5; i++) {
      n[i]++;
    }
    for (int i = 0; i < 5; i++) {
      desired[i] += increment[i];
    }
    for (int i = 1; i <= 3; i++) {
      adjust(i);
    }
  }

  /** The estimate; before five observations, the largest seen below the quantile's rank. */
  double value() {
    if (count >= 5) {
      return q[2];
    }
    if (count == 0) {
      return Double.NaN;
    }
    double[] seen = Arrays.copyOf(q, (int) count);
    Arrays.sort(seen);
    return seen[(int) Math.min(count - 1, Math.floor(p * count))];
  }

  private int cell(double x) {
    if (x < q[0]) {
      q[0] = x;
      return 0;
    }
    if (x >= q[4]) {
      q[4] = x;
      return 3;
    }
    int k = 0;
    while (k < 3 && x >= q[k + 1]) {
      k++;
    }
    return k;
  }

  private void adjust(int i) {
    double d = desired[i] - n[i];
    boolean up = d >= 1 && n[i + 1] - n[i] > 1;
    boolean down = d <= -1 && n[i - 1] - n[i] < -1;
    if (!up && !down) {
      return;
    }
    int s = up ? 1 : -1;
    double parabolic = parabolic(i, s);
    q[i] = q[i - 1] < parabolic && parabolic < q[i + 1] ? parabolic : linear(i, s);
    n[i] += s;
  }

  private double parabolic(int i, int s) {
    return q[i]
        + s
            / (n[i + 1] - n[i - 1])
            * ((n[i] - n[i - 1] + s) * (q[i + 1] - q[i]) / (n[i + 1] - n[i])
                + (n[i + 1] - n[i] - s) * (q[i] - q[i - 1]) / (n[i] - n[i - 1]));
  }

  private double linear(int i, int s) {
    return q[i] + s * (q[i + s] - q[i]) / (n[i + s] - n[i]);
  }
}
