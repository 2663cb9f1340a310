package io.nvc.synth;

import java.util.Arrays;

/**
 * A vessel centreline as a polyline in continuous pixel coordinates with a radius and a visibility
 * weight (0..1) per vertex. Mutable while built, then read only. Not thread-safe.
 */
final class Tube {
  float[] x = new float[64];
  float[] y = new float[64];
  float[] r = new float[64];
  float[] w = new float[64];
  int n;

  void add(double px, double py, double radius, double weight) {
    if (n == x.length) {
      int cap = n * 2;
      x = Arrays.copyOf(x, cap);
      y = Arrays.copyOf(y, cap);
      r = Arrays.copyOf(r, cap);
      w = Arrays.copyOf(w, cap);
    }
    x[n] = (float) px;
    y[n] = (float) py;
    r[n] = (float) radius;
    w[n] = (float) weight;
    n++;
  }

  /**
   * Extends {@code bounds} (minX, minY, maxX, maxY) by every segment that has a vertex with weight >=
   * {@code minWeight}: the disc of radius r around each of its vertices covers the whole segment's tube.
   */
  void extend(double[] bounds, double minWeight) {
    for (int i = 0; i < n; i++) {
      boolean drawn = w[i] >= minWeight || (i > 0 && w[i - 1] >= minWeight) || (i + 1 < n && w[i + 1] >= minWeight);
      if (drawn) {
        bounds[0] = Math.min(bounds[0], x[i] - r[i]);
        bounds[1] = Math.min(bounds[1], y[i] - r[i]);
        bounds[2] = Math.max(bounds[2], x[i] + r[i]);
        bounds[3] = Math.max(bounds[3], y[i] + r[i]);
      }
    }
  }
}
