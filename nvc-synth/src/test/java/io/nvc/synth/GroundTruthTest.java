package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Ground truth against pixels: calibres measured on clean renders, boxes against each vessel's own mask. */
class GroundTruthTest {
  private static final SynthOptions CLEAN = SynthOptions.defaults().withSize(640, 512).withUmPerPx(1.0, 2.0)
      .withProfile(Profile.MIXED).withClean(true);
  private static final SynthOptions FULL = SynthOptions.defaults().withSize(480, 384).withUmPerPx(0.7, 3.0)
      .withProfile(Profile.MIXED);

  /** Vessels in the order {@link Scene#truth()} lists them. */
  private static List<Vessel> annotated(Scene sc) {
    List<Vessel> out = new ArrayList<>();
    for (Vessel v : sc.vessels) {
      double[] b = v.bounds();
      boolean visible = Math.min(sc.width, b[2]) > Math.max(0, b[0]) && Math.min(sc.height, b[3]) > Math.max(0, b[1]);
      if (sc.inside(v.apexX, v.apexY) && visible) {
        out.add(v);
      }
    }
    return out;
  }

  @Test
  void calibresMeasuredAcrossApexAndLimbsMatchTheRecordedOnesWithinOnePixel() {
    int measured = 0;
    double maxError = 0;
    List<String> failures = new ArrayList<>();
    for (long seed = 0; seed < 12; seed++) {
      Scene sc = ScenePlanner.plan(seed, CLEAN);
      BufferedImage img = Compositor.draw(sc);
      float[] green = green(img);
      int w = sc.width;
      int h = sc.height;
      double upp = sc.umPerPx;
      for (Vessel v : sc.vessels) {
        if (v.row != 0 || !sc.inside(v.apexX, v.apexY)) {
          continue;
        }
        double[] k = v.keypoints;
        // Recorded keypoints span exactly the recorded calibres.
        assertEquals(v.apicalUm / upp, Math.hypot(k[0] - k[2], k[1] - k[3]), 1e-3);
        double left = Math.hypot(k[4] - k[6], k[5] - k[7]);
        double right = Math.hypot(k[8] - k[10], k[9] - k[11]);
        assertEquals(v.arterialUm / upp, Math.min(left, right), 1e-3);
        assertEquals(v.venousUm / upp, Math.max(left, right), 1e-3);

        float[] others = new float[w * h];
        for (Vessel o : sc.vessels) {
          if (o.row == 0) {
            for (int t = 0; t < o.tubes.size(); t++) {
              if (o != v || t > 0) {
                Painter.tube(others, w, h, o.tubes.get(t), 1);
              }
            }
          }
        }
        for (Scene.Haemorrhage hm : sc.haemorrhages) {
          for (Blob b : hm.blobs()) {
            Painter.blob(others, w, h, b);
          }
        }
        double[][] lines = {
            {k[0], k[1], k[2], k[3], v.apicalUm / upp},
            {k[4], k[5], k[6], k[7], left},
            {k[10], k[11], k[8], k[9], right}};
        for (int li = 0; li < lines.length; li++) {
          double[] line = lines[li];
          double width = measure(green, others, w, h, line[0], line[1], line[2], line[3]);
          if (Double.isNaN(width)) {
            continue;
          }
          measured++;
          maxError = Math.max(maxError, Math.abs(width - line[4]));
          if (Math.abs(width - line[4]) > 1.0) {
            failures.add(String.format(java.util.Locale.ROOT, "seed %d %s %s: measured %.2f px, recorded %.2f px",
                seed, v.morphology, li == 0 ? "apex" : li == 1 ? "left" : "right", width, line[4]));
          }
        }
      }
    }
    assertTrue(failures.isEmpty(), failures + ", largest error " + maxError + " px");
    assertTrue(measured >= 100, "too few unobstructed measurements: " + measured);
  }

  /**
   * Calibre of the vessel crossed by segment outer-inner, from the green channel along the line through
   * it: the dark run around the segment's middle (darker than the background just outside the outer
   * edge by a tenth of the deepest dip or more) is isolated, and its area divided by its depth gives the
   * diameter of the tube whose chord profile it is. NaN when the line leaves the image or touches
   * another vessel.
   */
  private static double measure(float[] g, float[] others, int w, int h, double ox, double oy, double ix, double iy) {
    double len = Math.hypot(ix - ox, iy - oy);
    double dx = (ix - ox) / len;
    double dy = (iy - oy) / len;
    double margin = 3.0;
    for (double s = -margin; s <= len + margin; s += 0.25) {
      double x = ox + s * dx;
      double y = oy + s * dy;
      if (x < 1 || y < 1 || x >= w - 1 || y >= h - 1) {
        return Double.NaN;
      }
      int px = (int) x;
      int py = (int) y;
      for (int j = -1; j <= 1; j++) {
        for (int i = -1; i <= 1; i++) {
          if (others[(py + j) * w + px + i] > 0) {
            return Double.NaN;
          }
        }
      }
    }
    double background = sample(g, w, ox - margin * dx, oy - margin * dy);
    double step = 0.02;
    int n = (int) Math.round((len + 2 * margin) / step);
    double[] dark = new double[n + 1];
    double peak = 0;
    for (int i = 0; i <= n; i++) {
      double s = -margin + i * step;
      dark[i] = background - sample(g, w, ox + s * dx, oy + s * dy);
      if (s >= 0 && s <= len) {
        peak = Math.max(peak, dark[i]);
      }
    }
    double threshold = 0.1 * peak;
    int mid = (int) Math.round((margin + len / 2) / step);
    int a = mid;
    while (a > 0 && dark[a - 1] >= threshold) {
      a--;
    }
    int b = mid;
    while (b < n && dark[b + 1] >= threshold) {
      b++;
    }
    // Extend the run by up to 1.5 px while the profile keeps falling, so that its faint edges count.
    int extra = (int) Math.round(1.5 / step);
    for (int e = 0; e < extra && a > 0 && dark[a - 1] <= dark[a] && dark[a - 1] > 0; e++) {
      a--;
    }
    for (int e = 0; e < extra && b < n && dark[b + 1] <= dark[b] && dark[b + 1] > 0; e++) {
      b++;
    }
    // A tube of diameter c with a chord profile has a cross-section area of peak * pi * c / 4.
    double area = 0;
    double runPeak = 0;
    for (int i = a; i <= b; i++) {
      area += Math.max(0, dark[i]) * step;
      runPeak = Math.max(runPeak, dark[i]);
    }
    return 4 * area / (Math.PI * runPeak);
  }

  private static double sample(float[] g, int w, double x, double y) {
    double fx = x - 0.5;
    double fy = y - 0.5;
    int i = (int) Math.floor(fx);
    int j = (int) Math.floor(fy);
    double tx = fx - i;
    double ty = fy - j;
    double top = g[j * w + i] + (g[j * w + i + 1] - g[j * w + i]) * tx;
    double bottom = g[(j + 1) * w + i] + (g[(j + 1) * w + i + 1] - g[(j + 1) * w + i]) * tx;
    return top + (bottom - top) * ty;
  }

  private static float[] green(BufferedImage img) {
    byte[] data = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    float[] g = new float[img.getWidth() * img.getHeight()];
    for (int i = 0; i < g.length; i++) {
      g[i] = data[3 * i + 1] & 0xFF;
    }
    return g;
  }

  @Test
  void boxesContainEachVesselsOwnDarkPixels() {
    int checked = 0;
    for (long seed = 20; seed < 32; seed++) {
      Scene sc = ScenePlanner.plan(seed, FULL);
      ImageGroundTruth truth = sc.truth();
      List<Vessel> vessels = annotated(sc);
      assertEquals(vessels.size(), truth.capillaries().size());
      int w = sc.width;
      int h = sc.height;
      for (int i = 0; i < vessels.size(); i++) {
        float[] mask = new float[w * h];
        for (Tube t : vessels.get(i).tubes) {
          Painter.tube(mask, w, h, t, 1);
        }
        assertInside(mask, w, h, Vessel.BOX_WEIGHT, truth.capillaries().get(i).box(), "seed " + seed + " capillary " + i);
        checked++;
      }
      for (int i = 0; i < truth.haemorrhages().size(); i++) {
        float[] mask = new float[w * h];
        for (Blob b : sc.haemorrhages.get(i).blobs()) {
          Painter.blob(mask, w, h, b);
        }
        assertInside(mask, w, h, 1e-6, truth.haemorrhages().get(i).box(), "seed " + seed + " haemorrhage " + i);
      }
    }
    assertTrue(checked > 50, "checked " + checked);
  }

  private static void assertInside(float[] mask, int w, int h, double threshold, BoundingBox box, String what) {
    int dark = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        if (mask[y * w + x] >= threshold) {
          dark++;
          assertTrue(box.contains(x + 0.5, y + 0.5), what + ": pixel " + x + "," + y + " outside " + box);
        }
      }
    }
    assertTrue(dark > 0, what + " has no drawn pixel in the image");
  }

  @Test
  void keypointsFollowTheConventions() {
    int checked = 0;
    for (long seed = 40; seed < 52; seed++) {
      ImageGroundTruth truth = ScenePlanner.plan(seed, CLEAN).truth();
      for (CapillaryTruth c : truth.capillaries()) {
        List<Keypoint> k = c.keypoints();
        if (!c.distalRow() || k.stream().anyMatch(p -> p.visibility() == 0)) {
          continue;
        }
        double ux = k.get(0).x() - k.get(1).x();
        double uy = k.get(0).y() - k.get(1).y();
        double norm = Math.hypot(ux, uy);
        ux /= norm;
        uy /= norm;
        double rx = -uy;
        double ry = ux;
        double[] lateral = new double[6];
        double[] along = new double[6];
        for (int i = 0; i < 6; i++) {
          lateral[i] = k.get(i).x() * rx + k.get(i).y() * ry;
          along[i] = k.get(i).x() * ux + k.get(i).y() * uy;
        }
        assertTrue(lateral[2] < lateral[3] && lateral[4] < lateral[5], "limb pairs run left to right: " + c);
        if (c.morphology() != MorphologyClass.TORTUOUS) {
          assertTrue(lateral[3] < lateral[4], "left limb left of right limb: " + c);
        }
        for (int i = 2; i < 6; i++) {
          assertTrue(along[i] < along[1], "limb keypoints lie proximal of the apex: " + c);
        }
        assertTrue(c.box().contains(k.get(0).x(), k.get(0).y()));
        checked++;
      }
    }
    assertTrue(checked > 50, "checked " + checked);
  }
}
