package io.nvc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Letterbox and tile placements and their coordinate round trips. */
class PlannerTest {

  static ModelManifest detector(Double canonical) {
    InputSpec in = new InputSpec("images", 1, 640, 512, true, false, 1 / 255.0, List.of(0.0, 0.0, 0.0),
        List.of(1.0, 1.0, 1.0), 114);
    return new ModelManifest("d", "1", ModelRole.DETECTOR, Map.of(), in, DecoderKind.BOXES,
        Map.of("boxes", "dets"), List.of("normal"), canonical, 2.0, 0.2, 0.15, List.of(), List.of(),
        List.of());
  }

  @Test
  void letterboxCentresAndRoundTrips() {
    List<Placement> p = DetectionPlanner.plan(1280, 720, detector(null), null);
    assertEquals(1, p.size());
    Placement l = p.get(0);
    assertEquals(2.0, l.scaleX());
    assertEquals(0.0, l.originX(), 1e-9);
    assertEquals((720 - 512 * 2.0) / 2, l.originY(), 1e-9);
    assertEquals(0, l.interiorEdges());
    for (double x : new double[] {0, 17.25, 1280}) {
      assertEquals(x, l.imageX(l.modelX(x)), 1e-9);
      assertEquals(x, l.imageY(l.modelY(x)), 1e-9);
    }
  }

  @Test
  void bigUncalibratedImagesAreTiledAtTheLargestDownscale() {
    List<Placement> p = DetectionPlanner.plan(4000, 3000, detector(null), null);
    assertTrue(p.size() > 1);
    for (Placement t : p) {
      assertEquals(2.0, t.scaleX());
      assertTrue(t.originX() >= 0 && t.originX() + 1280 <= 4000 + 1e-9, "tile inside the image: " + t);
    }
    assertEquals(0.0, p.get(0).originX());
    assertEquals(4000 - 1280, p.get(p.size() - 1).originX(), 1e-9);
    assertEquals(Placement.RIGHT | Placement.BOTTOM, p.get(0).interiorEdges());
  }

  @Test
  void calibratedImagesAreResampledToTheCanonicalScalePerAxis() {
    Calibration c = new Calibration(0.8, 1.6, io.nvc.CalibrationSource.MANUAL, null, null, null);
    List<Placement> p = DetectionPlanner.plan(640, 480, detector(1.6), c);
    assertEquals(1, p.size());
    assertEquals(2.0, p.get(0).scaleX(), 1e-12);
    assertEquals(1.0, p.get(0).scaleY(), 1e-12);
    // Tiles overlap by at least the configured 20 %.
    List<Placement> tiles = DetectionPlanner.plan(3000, 800, detector(1.0), Calibration.manual(1.0));
    for (int i = 1; i < tiles.size(); i++) {
      double step = tiles.get(i).originX() - tiles.get(i - 1).originX();
      assertTrue(step <= 640 * 0.8 + 1e-9, "step " + step);
    }
  }

  @Test
  void quadraticRefinementFindsTheTruePeak() {
    // Samples of -(x - 0.3)^2 at -1, 0, 1.
    assertEquals(0.3, Decoders.refine(-1.69f, -0.09f, -0.49f), 1e-6);
    assertEquals(0.0, Decoders.refine(1f, 1f, 1f));
  }
}
