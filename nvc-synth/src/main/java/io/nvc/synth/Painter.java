package io.nvc.synth;

/**
 * Rasterises tubes and blobs into float planes (row-major, width x height), evaluating each shape only
 * inside its bounding region, at pixel centres. Stateless and thread-safe; the planes are not.
 */
final class Painter {
  private Painter() {
  }

  /**
   * Paints a tube with a chord profile (the thickness of blood a ray crosses: {@code sqrt(1 - (d/r)^2)}),
   * scaled by {@code amp} and the vertex weights, max-combined into {@code plane}.
   */
  static void tube(float[] plane, int w, int h, Tube t, double amp) {
    tube(plane, w, h, t, amp, 1f);
  }

  /** As {@link #tube(float[], int, int, Tube, double)} on a plane whose pixels are 1/{@code scale} image pixels. */
  static void tube(float[] plane, int w, int h, Tube t, double amp, float scale) {
    float a = (float) amp;
    for (int i = 0; i + 1 < t.n; i++) {
      float w0 = t.w[i];
      float w1 = t.w[i + 1];
      if (w0 <= 0 && w1 <= 0) {
        continue;
      }
      float x0 = t.x[i] * scale;
      float y0 = t.y[i] * scale;
      float x1 = t.x[i + 1] * scale;
      float y1 = t.y[i + 1] * scale;
      float r0 = t.r[i] * scale;
      float r1 = t.r[i + 1] * scale;
      float rm = Math.max(r0, r1);
      int ix0 = Math.max(0, (int) Math.floor(Math.min(x0, x1) - rm - 1));
      int ix1 = Math.min(w - 1, (int) Math.ceil(Math.max(x0, x1) + rm + 1));
      int iy0 = Math.max(0, (int) Math.floor(Math.min(y0, y1) - rm - 1));
      int iy1 = Math.min(h - 1, (int) Math.ceil(Math.max(y0, y1) + rm + 1));
      if (ix0 > ix1 || iy0 > iy1) {
        continue;
      }
      float ex = x1 - x0;
      float ey = y1 - y0;
      float ll = ex * ex + ey * ey;
      float inv = ll > 0 ? 1f / ll : 0f;
      float dr = r1 - r0;
      float dw = w1 - w0;
      for (int y = iy0; y <= iy1; y++) {
        float py = y + 0.5f - y0;
        int row = y * w;
        for (int x = ix0; x <= ix1; x++) {
          float px = x + 0.5f - x0;
          float tt = (px * ex + py * ey) * inv;
          tt = tt < 0 ? 0 : (tt > 1 ? 1 : tt);
          float dx = px - tt * ex;
          float dy = py - tt * ey;
          float d2 = dx * dx + dy * dy;
          float r = r0 + tt * dr;
          float rr = r * r;
          if (d2 >= rr) {
            continue;
          }
          float v = a * (w0 + tt * dw) * (float) Math.sqrt(1f - d2 / rr);
          if (v > plane[row + x]) {
            plane[row + x] = v;
          }
        }
      }
    }
  }

  /** Paints a blob, max-combined into {@code plane}. */
  static void blob(float[] plane, int w, int h, Blob b) {
    double r = b.radius();
    int ix0 = Math.max(0, (int) Math.floor(b.x() - r - 1));
    int ix1 = Math.min(w - 1, (int) Math.ceil(b.x() + r + 1));
    int iy0 = Math.max(0, (int) Math.floor(b.y() - r - 1));
    int iy1 = Math.min(h - 1, (int) Math.ceil(b.y() + r + 1));
    double inv = 1.0 / (r * r);
    double shape = b.shape();
    for (int y = iy0; y <= iy1; y++) {
      double dy = y + 0.5 - b.y();
      for (int x = ix0; x <= ix1; x++) {
        double dx = x + 0.5 - b.x();
        double q = 1.0 - (dx * dx + dy * dy) * inv;
        if (q <= 0) {
          continue;
        }
        double f;
        if (shape < 1) {
          f = Math.sqrt(q) * (1 - shape) + q * shape;
        } else {
          f = q * (2 - shape) + q * q * (shape - 1);
        }
        float v = (float) (b.amplitude() * f);
        int idx = y * w + x;
        if (v > plane[idx]) {
          plane[idx] = v;
        }
      }
    }
  }

  /**
   * Paints an oil bubble as a brightness change: a faint bright disc with a darker rim on its lower side.
   * Values are added to {@code plane}.
   */
  static void bubble(float[] plane, int w, int h, Blob b) {
    double r = b.radius();
    double outer = r * 1.08;
    int ix0 = Math.max(0, (int) Math.floor(b.x() - outer - 1));
    int ix1 = Math.min(w - 1, (int) Math.ceil(b.x() + outer + 1));
    int iy0 = Math.max(0, (int) Math.floor(b.y() - outer - 1));
    int iy1 = Math.min(h - 1, (int) Math.ceil(b.y() + outer + 1));
    double amp = b.amplitude();
    for (int y = iy0; y <= iy1; y++) {
      double dy = y + 0.5 - b.y();
      for (int x = ix0; x <= ix1; x++) {
        double dx = x + 0.5 - b.x();
        double d = Math.sqrt(dx * dx + dy * dy) / r;
        if (d >= 1.08) {
          continue;
        }
        double v = 0;
        if (d < 1) {
          v += amp * (0.6 + 0.4 * d * d) * Loop.smoothstep(1.0, 0.9, d);
        }
        double ring = 1 - Math.abs(d - 0.97) / 0.1;
        if (ring > 0) {
          double lower = Math.max(0, dy / Math.max(1e-9, d * r));
          v -= amp * 1.6 * ring * (0.3 + 0.7 * lower);
        }
        plane[y * w + x] += (float) v;
      }
    }
  }
}
