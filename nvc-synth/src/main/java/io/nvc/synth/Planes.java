package io.nvc.synth;

/**
 * Float-plane operations: Gaussian blur as three box passes per axis (cost independent of sigma),
 * lattice value noise and hashed Gaussian pixel noise. Stateless and thread-safe; planes are not.
 */
final class Planes {
  private Planes() {
  }

  /** Blurs {@code a} in place with a Gaussian of {@code sigma} px approximated by three box filters. */
  static void blur(float[] a, float[] tmp, int w, int h, double sigma) {
    if (sigma < 0.3) {
      return;
    }
    int n = 3;
    double wIdeal = Math.sqrt(12 * sigma * sigma / n + 1);
    int wl = (int) Math.floor(wIdeal);
    if (wl % 2 == 0) {
      wl--;
    }
    int wu = wl + 2;
    double mIdeal = (12 * sigma * sigma - n * wl * wl - 4.0 * n * wl - 3.0 * n) / (-4.0 * wl - 4);
    long m = Math.round(mIdeal);
    for (int i = 0; i < n; i++) {
      int size = i < m ? wl : wu;
      int rad = (size - 1) / 2;
      if (rad <= 0) {
        continue;
      }
      boxH(a, tmp, w, h, rad);
      boxV(tmp, a, w, h, rad);
    }
  }

  /**
   * Blurs {@code a} in place like {@link #blur}; for sigma of 3 px or more it works on a 2x2-averaged
   * copy and interpolates back, which a blur that wide cannot tell apart and costs a quarter.
   */
  static void blurWide(float[] a, int w, int h, double sigma) {
    if (sigma < 3 || w < 8 || h < 8) {
      blur(a, new float[a.length], w, h, sigma);
      return;
    }
    int w2 = (w + 1) / 2;
    int h2 = (h + 1) / 2;
    float[] small = new float[w2 * h2];
    for (int y = 0; y < h2; y++) {
      int ya = Math.min(h - 1, 2 * y);
      int yb = Math.min(h - 1, 2 * y + 1);
      for (int x = 0; x < w2; x++) {
        int xa = Math.min(w - 1, 2 * x);
        int xb = Math.min(w - 1, 2 * x + 1);
        small[y * w2 + x] = 0.25f * (a[ya * w + xa] + a[ya * w + xb] + a[yb * w + xa] + a[yb * w + xb]);
      }
    }
    // The 2x2 average already blurs by a variance of 1/4 px^2 (1/16 in half-scale pixels).
    blurHalf(small, w2, h2, a, w, h, Math.sqrt(Math.max(0, sigma * sigma / 4 - 1.0 / 16)));
  }

  /**
   * Blurs a half-resolution plane by {@code sigmaHalf} (half-scale pixels) and writes it, bilinearly
   * interpolated, to the full-resolution plane {@code out}.
   */
  static void blurHalf(float[] small, int w2, int h2, float[] out, int w, int h, double sigmaHalf) {
    blur(small, new float[small.length], w2, h2, sigmaHalf);
    int[] i0 = new int[w];
    int[] i1 = new int[w];
    float[] tx = new float[w];
    for (int x = 0; x < w; x++) {
      double fx = (x + 0.5) / 2 - 0.5;
      int i = (int) Math.floor(fx);
      tx[x] = (float) (fx - i);
      i0[x] = Math.max(0, i);
      i1[x] = Math.min(w2 - 1, i + 1);
    }
    for (int y = 0; y < h; y++) {
      double fy = (y + 0.5) / 2 - 0.5;
      int j = (int) Math.floor(fy);
      float ty = (float) (fy - j);
      int j0 = Math.max(0, j) * w2;
      int j1 = Math.min(h2 - 1, j + 1) * w2;
      int off = y * w;
      for (int x = 0; x < w; x++) {
        float t = tx[x];
        float top = small[j0 + i0[x]] + (small[j0 + i1[x]] - small[j0 + i0[x]]) * t;
        float bottom = small[j1 + i0[x]] + (small[j1 + i1[x]] - small[j1 + i0[x]]) * t;
        out[off + x] = top + (bottom - top) * ty;
      }
    }
  }

  private static void boxH(float[] src, float[] dst, int w, int h, int rad) {
    float inv = 1f / (2 * rad + 1);
    for (int y = 0; y < h; y++) {
      int off = y * w;
      float acc = (rad + 1) * src[off];
      for (int k = 1; k <= rad; k++) {
        acc += src[off + Math.min(k, w - 1)];
      }
      for (int x = 0; x < w; x++) {
        dst[off + x] = acc * inv;
        acc += src[off + Math.min(x + rad + 1, w - 1)] - src[off + Math.max(x - rad, 0)];
      }
    }
  }

  private static void boxV(float[] src, float[] dst, int w, int h, int rad) {
    float inv = 1f / (2 * rad + 1);
    float[] acc = new float[w];
    for (int x = 0; x < w; x++) {
      acc[x] = (rad + 1) * src[x];
    }
    for (int k = 1; k <= rad; k++) {
      int off = Math.min(k, h - 1) * w;
      for (int x = 0; x < w; x++) {
        acc[x] += src[off + x];
      }
    }
    for (int y = 0; y < h; y++) {
      int out = y * w;
      int add = Math.min(y + rad + 1, h - 1) * w;
      int sub = Math.max(y - rad, 0) * w;
      for (int x = 0; x < w; x++) {
        dst[out + x] = acc[x] * inv;
        acc[x] += src[add + x] - src[sub + x];
      }
    }
  }

  /** Value noise on a square lattice of {@code cell} px with smooth interpolation, values in [-1, 1]. */
  static final class Lattice {
    private final double cell;
    private final int gw;
    private final float[] values;

    Lattice(long seed, double cell, int w, int h) {
      this.cell = cell;
      this.gw = (int) (w / cell) + 3;
      int gh = (int) (h / cell) + 3;
      values = new float[gw * gh];
      for (int i = 0; i < values.length; i++) {
        values[i] = (float) ((Rng.hash(seed, i) >>> 11) * 0x1.0p-53 * 2 - 1);
      }
    }

    double at(double px, double py) {
      double fx = px / cell;
      double fy = py / cell;
      int i = (int) Math.floor(fx);
      int j = (int) Math.floor(fy);
      double tx = Loop.smoothstep(0, 1, fx - i);
      double ty = Loop.smoothstep(0, 1, fy - j);
      int k = Math.max(0, j) * gw + Math.max(0, i);
      double top = values[k] + (values[k + 1] - values[k]) * tx;
      double bottom = values[k + gw] + (values[k + gw + 1] - values[k + gw]) * tx;
      return top + (bottom - top) * ty;
    }

    /** Adds {@code amp * noise} at every pixel centre of {@code out}. */
    void addTo(float[] out, int w, int h, double amp) {
      int[] ix = new int[w];
      float[] tx = new float[w];
      for (int x = 0; x < w; x++) {
        double fx = (x + 0.5) / cell;
        ix[x] = (int) fx;
        tx[x] = (float) Loop.smoothstep(0, 1, fx - ix[x]);
      }
      float a = (float) amp;
      for (int y = 0; y < h; y++) {
        double fy = (y + 0.5) / cell;
        int j = (int) fy;
        float ty = (float) Loop.smoothstep(0, 1, fy - j);
        int r0 = j * gw;
        int r1 = r0 + gw;
        int off = y * w;
        for (int x = 0; x < w; x++) {
          int i = ix[x];
          float t = tx[x];
          float top = values[r0 + i] + (values[r0 + i + 1] - values[r0 + i]) * t;
          float bottom = values[r1 + i] + (values[r1 + i + 1] - values[r1 + i]) * t;
          out[off + x] += a * (top + (bottom - top) * ty);
        }
      }
    }
  }

  /**
   * Two planes of Gaussian-like pixel noise (each an Irwin-Hall sum of two 16-bit draws, from one hash
   * per pixel) smoothed by a 3-tap kernel [0.3, 1, 0.3] per axis (lag-1 correlation about 0.5, as
   * measured on real photos), unit std. The second plane is filled only when {@code second} is not null.
   */
  static void grain(long seed, int w, int h, float[] first, float @org.jspecify.annotations.Nullable [] second,
      float[] tmp) {
    int n = w * h;
    // Sum of two uniforms on [0, 65535]: mean 65535, std 65536 * sqrt(2/12).
    float scale = (float) (1.0 / 26755.0);
    for (int i = 0; i < n; i++) {
      long v = Rng.hash(seed, i);
      first[i] = ((v & 0xFFFF) + ((v >>> 16) & 0xFFFF) - 65535L) * scale;
      if (second != null) {
        second[i] = (((v >>> 32) & 0xFFFF) + ((v >>> 48) & 0xFFFF) - 65535L) * scale;
      }
    }
    smooth3(first, tmp, w, h);
    if (second != null) {
      smooth3(second, tmp, w, h);
    }
  }

  private static void smooth3(float[] a, float[] tmp, int w, int h) {
    float k = 0.3f;
    // Variance gain of [k, 1, k] is 1 + 2k^2 per axis; the two axes together need 1 / (1 + 2k^2).
    float norm = (float) (1.0 / (1 + 2 * k * k));
    for (int y = 0; y < h; y++) {
      int off = y * w;
      for (int x = 0; x < w; x++) {
        float l = a[off + Math.max(0, x - 1)];
        float r = a[off + Math.min(w - 1, x + 1)];
        tmp[off + x] = a[off + x] + k * (l + r);
      }
    }
    for (int y = 0; y < h; y++) {
      int off = y * w;
      int up = Math.max(0, y - 1) * w;
      int down = Math.min(h - 1, y + 1) * w;
      for (int x = 0; x < w; x++) {
        a[off + x] = (tmp[off + x] + k * (tmp[up + x] + tmp[down + x])) * norm;
      }
    }
  }
}
