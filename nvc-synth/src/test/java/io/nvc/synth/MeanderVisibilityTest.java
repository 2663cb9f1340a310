package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The meander amplitude left after the defocus, against a painted and blurred limb, and the labels it sets. */
class MeanderVisibilityTest {

  @Test
  void visibleMeanderMatchesAPaintedLimbAfterTheGeneratorsBlur() {
    int w = 96;
    int h = 400;
    double amp = 6;
    double lambda = 40;
    Tube limb = new Tube();
    for (double y = -20; y <= h + 20; y += 0.5) {
      limb.add(w / 2.0 + amp * Math.sin(2 * Math.PI * y / lambda), y, 2.5, 1);
    }
    for (double sigma : new double[] {3, 5, 7}) {
      float[] plane = new float[w * h];
      Painter.tube(plane, w, h, limb, 1);
      Planes.blur(plane, new float[w * h], w, h, sigma);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (int y = 100; y < 300; y++) {
        double sum = 0;
        double moment = 0;
        for (int x = 0; x < w; x++) {
          sum += plane[y * w + x];
          moment += plane[y * w + x] * (x + 0.5);
        }
        min = Math.min(min, moment / sum);
        max = Math.max(max, moment / sum);
      }
      double measured = (max - min) / 2;
      assertEquals(measured, behindTheDistalRow(amp, lambda, sigma), 0.05 * amp, "sigma " + sigma);
    }
  }

  /** What Scene reports for a loop behind the distal row whose total blur is sigma. */
  private static double behindTheDistalRow(double amp, double lambda, double sigma) {
    Scene sc = new Scene();
    sc.width = 64;
    sc.height = 64;
    sc.defocusCellPx = 32;
    sc.deepBlurPx = Math.sqrt(sigma * sigma - 1);
    Vessel v = new Vessel();
    v.row = 1;
    v.meanderPx = amp;
    v.meanderWavelengthPx = lambda;
    return sc.visibleMeanderPx(v, sc.defocusLattice());
  }

  @Test
  void loopsAreLabelledTortuousOnlyWhereTheirMeandersShow() {
    SynthOptions full = SynthOptions.defaults().withSize(640, 512).withUmPerPx(2.2, 3.0).withProfile(Profile.MIXED);
    int tortuous = 0;
    int flattened = 0;
    for (long seed = 60; seed < 72; seed++) {
      Scene sc = ScenePlanner.plan(seed, full);
      Planes.Lattice defocus = sc.defocusLattice();
      for (Vessel v : sc.vessels) {
        MorphologyClass label = sc.labelledMorphology(v, defocus);
        double radiusPx = (v.arterialUm + v.venousUm) / (4 * sc.umPerPx);
        if (label == MorphologyClass.TORTUOUS) {
          assertTrue(sc.visibleMeanderPx(v, defocus) >= radiusPx);
          tortuous++;
        } else if (v.morphology == MorphologyClass.TORTUOUS) {
          assertEquals(MorphologyClass.NORMAL, label);
          assertTrue(sc.visibleMeanderPx(v, defocus) < radiusPx && v.meanderPx > 0);
          flattened += v.row > 0 ? 1 : 0;
        } else {
          assertEquals(v.morphology, label);
        }
      }
    }
    assertTrue(tortuous > 10 && flattened > 10, tortuous + " tortuous, " + flattened + " flattened behind the distal row");
  }
}
