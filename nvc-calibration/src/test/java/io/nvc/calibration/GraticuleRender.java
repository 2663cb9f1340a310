package io.nvc.calibration;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Renders stage-micrometer photos with exact geometry: ticks of a known period at any angle (every 5th
 * longer, every 10th longest, on a baseline), supersampled 4x4, then optional Gaussian blur, Gaussian
 * noise, occluding blobs and inverted polarity.
 */
final class GraticuleRender {

  record Spec(String name, int width, int height, double periodPx, double angleDegrees, double tickWidthPx,
      double blurSigma, double noiseSigma, boolean occluded, boolean lightOnDark, long seed,
      boolean unevenLight) {

    Spec(String name, int width, int height, double periodPx, double angleDegrees, double tickWidthPx,
        double blurSigma, double noiseSigma, boolean occluded, boolean lightOnDark, long seed) {
      this(name, width, height, periodPx, angleDegrees, tickWidthPx, blurSigma, noiseSigma, occluded,
          lightOnDark, seed, false);
    }
  }

  private GraticuleRender() {}

  static BufferedImage draw(Spec s) {
    int w = s.width();
    int h = s.height();
    double a = Math.toRadians(s.angleDegrees());
    double c = Math.cos(a);
    double sn = Math.sin(a);
    double cx = w / 2.0 + 7.3;
    double cy = h / 2.0 - 4.1;
    double extent = Math.min(w, h) * 0.45;
    double maxLength = Math.min(w, h) * 0.25;
    double phase = s.periodPx() * 0.37;
    double[] img = new double[w * h];
    int ss = 4;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int inside = 0;
        for (int j = 0; j < ss; j++) {
          for (int i = 0; i < ss; i++) {
            double dx = x + (i + 0.5) / ss - cx;
            double dy = y + (j + 0.5) / ss - cy;
            double u = dx * c + dy * sn;
            double v = -dx * sn + dy * c;
            if (ink(u - phase, v, s.periodPx(), s.tickWidthPx(), extent * 2, maxLength)) {
              inside++;
            }
          }
        }
        double f = inside / (double) (ss * ss);
        img[y * w + x] = 200 * (1 - f) + 40 * f;
      }
    }
    if (s.blurSigma() > 0) {
      img = blur(img, w, h, s.blurSigma());
    }
    Random random = new Random(s.seed());
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double v = img[y * w + x];
        if (s.unevenLight()) {
          // Vignetting and a lamp off to one side: 45 % darker in a corner.
          double rx = (x - 0.3 * w) / w;
          double ry = (y - 0.4 * h) / h;
          v *= 1 - 0.9 * (rx * rx + ry * ry);
        }
        v += s.noiseSigma() * random.nextGaussian();
        if (s.lightOnDark()) {
          v = 255 - v;
        }
        int g = (int) Math.max(0, Math.min(255, Math.round(v)));
        out.setRGB(x, y, (g << 16) | (g << 8) | g);
      }
    }
    if (s.occluded()) {
      Graphics2D g = out.createGraphics();
      g.setColor(new Color(90, 80, 70));
      // A large blob over part of the scale and a few specks of dust.
      g.fillOval((int) (cx + extent * 0.15 * c - 60), (int) (cy + extent * 0.15 * sn - 70), 130, 150);
      g.fillOval((int) (cx - extent * 0.6 * c - 10), (int) (cy - extent * 0.6 * sn - 10), 22, 18);
      g.fillOval((int) (cx + extent * 0.7 * c - 6), (int) (cy + extent * 0.7 * sn - 6), 12, 12);
      g.dispose();
    }
    return out;
  }

  /** Whether graticule coordinates (u across ticks, v along them) fall on ink. */
  private static boolean ink(double u, double v, double period, double width, double span, double maxLength) {
    if (Math.abs(u) > span / 2 + width) {
      return false;
    }
    if (Math.abs(v) < width / 2) {
      return true; // baseline
    }
    long k = Math.round(u / period);
    if (Math.abs(k * period) > span / 2) {
      return false;
    }
    double du = u - k * period;
    double length = k % 10 == 0 ? maxLength : k % 5 == 0 ? 0.75 * maxLength : 0.5 * maxLength;
    return Math.abs(du) < width / 2 && v >= 0 && v <= length;
  }

  private static double[] blur(double[] img, int w, int h, double sigma) {
    int r = (int) Math.ceil(3 * sigma);
    double[] k = new double[2 * r + 1];
    double sum = 0;
    for (int i = -r; i <= r; i++) {
      k[i + r] = Math.exp(-i * i / (2 * sigma * sigma));
      sum += k[i + r];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    double[] tmp = new double[w * h];
    double[] out = new double[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -r; i <= r; i++) {
          acc += k[i + r] * img[y * w + Math.max(0, Math.min(w - 1, x + i))];
        }
        tmp[y * w + x] = acc;
      }
    }
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double acc = 0;
        for (int i = -r; i <= r; i++) {
          acc += k[i + r] * tmp[Math.max(0, Math.min(h - 1, y + i)) * w + x];
        }
        out[y * w + x] = acc;
      }
    }
    return out;
  }
}
