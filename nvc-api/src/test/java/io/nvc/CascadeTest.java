package io.nvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The whole cascade through the public API, on marker scenes read by the marker backend. */
class CascadeTest {

  @TempDir Path dir;

  static final List<Capillary> SCENE = List.of(
      Capillary.upright(0, 150, 200, 90, 12, 10, 14, 0),
      Capillary.upright(1, 350, 200, 90, 24, 12, 16, 1),
      Capillary.upright(2, 550, 200, 90, 14, 22, 11, 1),
      Capillary.upright(3, 800, 220, 130, 60, 30, 34, 2));
  static final List<Box> HAEMORRHAGES = List.of(new Box(120, 60, 50, 30));

  NailfoldAnalyzer analyzer(MarkerModels.Options options) throws IOException, NvcException {
    return NailfoldAnalyzer.builder().backend("marker").models(MarkerModels.write(dir.resolve("m"), options))
        .build();
  }

  static List<CapillaryFinding> byX(ImageAnalysis a) {
    return a.capillaries().stream().sorted(Comparator.comparingDouble(c -> c.box().x())).toList();
  }

  @ParameterizedTest(name = "apices at {0} degrees")
  @ValueSource(ints = {0, 30, 90, 150, 180, 270})
  void measurementsLandOnTheKeypointsWhicheverWayTheLoopsPoint(int angle) throws Exception {
    // Loops pointing away from image-up are measured on crops turned upright: every measured point must
    // still come back to its keypoint in the image.
    List<Capillary> row = new java.util.ArrayList<>();
    for (int k = 0; k < 5; k++) {
      row.add(new Capillary(0, new Point(150 + k * 170, 250), 100, angle, 14, 10, 12, 0, true));
    }
    BufferedImage img = MarkerScene.draw(1000, 500, BufferedImage.TYPE_3BYTE_BGR, row, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(MarkerModels.Options.full())) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(row.size(), found.size());
      for (int i = 0; i < row.size(); i++) {
        List<Point> truth = row.get(i).keypoints();
        CapillaryFinding f = found.get(i);
        for (Measurement m : new Measurement[] {f.apical(), f.arterial(), f.venous()}) {
          assertNotNull(m, "capillary " + i + ": " + f);
          for (Point p : List.of(m.start(), m.end())) {
            double nearest = truth.stream().mapToDouble(t -> Math.hypot(t.x() - p.x(), t.y() - p.y())).min()
                .orElseThrow();
            assertTrue(nearest < 1.5, "capillary " + i + ": " + p + " is " + nearest + " px from its keypoint");
          }
        }
      }
    }
  }

  @Test
  void findsClassifiesAndMeasuresEveryCapillary() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, SCENE, HAEMORRHAGES);
    try (NailfoldAnalyzer analyzer = analyzer(MarkerModels.Options.full())) {
      ImageAnalysis a = analyzer.analyze(img, Calibration.manual(1.0));
      assertEquals(4, a.capillaries().size());
      assertEquals(1, a.haemorrhages().size());
      List<CapillaryFinding> found = byX(a);
      for (int i = 0; i < SCENE.size(); i++) {
        Capillary truth = SCENE.get(i);
        CapillaryFinding f = found.get(i);
        assertEquals(Morphology.values()[truth.classIndex()], f.morphology());
        assertBox(truth.box(), f.box(), 2.0);
        assertNotNull(f.apical());
        assertEquals(truth.apicalPx(), f.apical().pixels(), 1.0, "apical px of capillary " + i);
        assertEquals(truth.apicalPx(), f.apical().micrometres(), 1.0, "apical um of capillary " + i);
        double narrow = Math.min(truth.leftLimbPx(), truth.rightLimbPx());
        double wide = Math.max(truth.leftLimbPx(), truth.rightLimbPx());
        assertEquals(narrow, f.arterial().pixels(), 1.0, "arterial = narrower limb, capillary " + i);
        assertEquals(wide, f.venous().pixels(), 1.0, "venous = wider limb, capillary " + i);
        assertEquals(SizeSource.MEASUREMENT, f.sizeSource());
      }
      assertEquals(SizeClass.NORMAL, found.get(0).size());
      assertEquals(SizeClass.ENLARGED, found.get(1).size(), "apical 24 um");
      assertEquals(SizeClass.ENLARGED, found.get(2).size(), "limb 22 um");
      assertEquals(SizeClass.GIANT, found.get(3).size(), "apical 60 um");
      assertBox(HAEMORRHAGES.get(0), a.haemorrhages().get(0).box(), 2.0);
      assertEquals("marker", a.provenance().backend());
      assertEquals(3, a.provenance().models().size());
      assertEquals("MANUAL", a.provenance().calibrationSource());
    }
  }

  @Test
  void heatmapDecoderAndFixedBatchGiveTheSameMeasurements() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_INT_RGB, SCENE, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(new MarkerModels.Options(1.0, true, true, true, 1, false))) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(4, found.size());
      for (int i = 0; i < SCENE.size(); i++) {
        assertEquals(SCENE.get(i).apicalPx(), found.get(i).apical().pixels(), 1.0, "capillary " + i);
      }
    }
  }

  /** The visual sizes come from a visual-size model, or from the keypoint model's second output. */
  static MarkerModels.Options visualSizeBundle(boolean fromKeypointModel) {
    return fromKeypointModel ? MarkerModels.Options.sizeFromKeypointModel() : MarkerModels.Options.full();
  }

  @ParameterizedTest(name = "sizes from the keypoint model: {0}")
  @ValueSource(booleans = {false, true})
  void withoutCalibrationTheVisualModelDecidesSizes(boolean fromKeypointModel) throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, SCENE, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(visualSizeBundle(fromKeypointModel))) {
      ImageAnalysis a = analyzer.analyze(img, null);
      List<CapillaryFinding> found = byX(a);
      SizeClass[] expected = {SizeClass.NORMAL, SizeClass.ENLARGED, SizeClass.ENLARGED, SizeClass.GIANT};
      for (int i = 0; i < 4; i++) {
        assertEquals(expected[i], found.get(i).size(), "capillary " + i);
        assertEquals(SizeSource.VISUAL_MODEL, found.get(i).sizeSource());
        assertNull(found.get(i).apical().micrometres(), "no micrometres without calibration");
      }
      assertNull(a.summary().densityPerMm());
      assertNull(a.calibration());
      assertEquals("NONE", a.provenance().calibrationSource());
      assertEquals(fromKeypointModel ? 2 : 3, a.provenance().models().size(), a.provenance().toString());
    }
  }

  @ParameterizedTest(name = "sizes from the keypoint model: {0}")
  @ValueSource(booleans = {false, true})
  void fallbackOrderIsMeasurementVisualModelDetectorClassNone(boolean fromKeypointModel) throws Exception {
    List<Capillary> scene = List.of(
        // Apex hidden: no apical measurement, so the visual model decides even when calibrated.
        new Capillary(0, new io.nvc.Point(150, 200), 90, 0, 12, 10, 10, 1, false),
        // Apex hidden and no visual cue: the detector's giant class decides.
        new Capillary(3, new io.nvc.Point(400, 200), 120, 0, 30, 10, 10, -1, false),
        // Apex hidden, no visual cue, not giant: unknown.
        new Capillary(1, new io.nvc.Point(650, 200), 90, 0, 12, 10, 10, -1, false));
    BufferedImage img = MarkerScene.draw(800, 400, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(visualSizeBundle(fromKeypointModel))) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(3, found.size(), found.toString());
      assertEquals(SizeSource.VISUAL_MODEL, found.get(0).sizeSource());
      assertEquals(SizeClass.ENLARGED, found.get(0).size());
      assertNull(found.get(0).apical());
      assertNotNull(found.get(0).arterial(), "limbs are still measured");
      assertEquals(Morphology.GIANT, found.get(1).morphology(), found.get(1).toString());
      assertEquals(SizeSource.DETECTOR_CLASS, found.get(1).sizeSource(), found.get(1).toString());
      assertEquals(SizeClass.GIANT, found.get(1).size());
      assertEquals(SizeSource.NONE, found.get(2).sizeSource());
      assertEquals(SizeClass.UNKNOWN, found.get(2).size());
    }
  }

  @ParameterizedTest(name = "sizes from the keypoint model: {0}")
  @ValueSource(booleans = {false, true})
  void aGiantNeedsTheDetectorsGiantClassToo(boolean fromKeypointModel) throws Exception {
    List<Capillary> scene = List.of(
        // Measured giant (apex 60 um, limbs 30 and 34 um) of the detector's normal class: enlarged.
        Capillary.upright(0, 150, 220, 130, 60, 30, 34, 2),
        // Apex hidden, giant look, the detector's tortuous class: enlarged.
        new Capillary(1, new io.nvc.Point(400, 220), 120, 0, 30, 10, 10, 2, false),
        // Measured giant of the detector's giant class: giant.
        Capillary.upright(3, 650, 220, 130, 60, 30, 34, 2));
    BufferedImage img = MarkerScene.draw(800, 400, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(visualSizeBundle(fromKeypointModel))) {
      ImageAnalysis a = analyzer.analyze(img, Calibration.manual(1.0));
      List<CapillaryFinding> found = byX(a);
      assertEquals(3, found.size(), found.toString());
      assertEquals(SizeSource.MEASUREMENT, found.get(0).sizeSource());
      assertEquals(60, found.get(0).apical().micrometres(), 1.0);
      assertEquals(SizeClass.ENLARGED, found.get(0).size(), found.get(0).toString());
      assertEquals(SizeSource.VISUAL_MODEL, found.get(1).sizeSource());
      assertEquals(SizeClass.ENLARGED, found.get(1).size(), found.get(1).toString());
      assertEquals(SizeSource.MEASUREMENT, found.get(2).sizeSource());
      assertEquals(SizeClass.GIANT, found.get(2).size(), found.get(2).toString());
      assertTrue(a.notes().contains("2 capillaries measured or seen as giant but not of the detector's giant"
          + " class reported as enlarged: a giant needs both"), a.notes().toString());
    }
  }

  @ParameterizedTest(name = "sizes from the keypoint model: {0}")
  @ValueSource(booleans = {false, true})
  void capillariesCutByTheImageEdgeAreNotSizedFromAppearance(boolean fromKeypointModel) throws Exception {
    List<Capillary> scene = List.of(
        // Cut by the left edge, apex hidden, enlarged look: its crop repeats the edge pixels, so no
        // visual size.
        new Capillary(0, new io.nvc.Point(45, 200), 90, 0, 12, 10, 10, 1, false),
        // The same inside the image: the visual model decides.
        new Capillary(0, new io.nvc.Point(300, 200), 90, 0, 12, 10, 10, 1, false));
    BufferedImage img = MarkerScene.draw(600, 400, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(visualSizeBundle(fromKeypointModel))) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(2, found.size(), found.toString());
      assertEquals(0.0, found.get(0).box().x(), 0.5, "touches the left edge: " + found.get(0));
      assertEquals(SizeSource.NONE, found.get(0).sizeSource(), found.get(0).toString());
      assertEquals(SizeClass.UNKNOWN, found.get(0).size());
      assertNotNull(found.get(0).arterial(), "limbs inside the image are still measured");
      assertEquals(SizeSource.VISUAL_MODEL, found.get(1).sizeSource());
      assertEquals(SizeClass.ENLARGED, found.get(1).size());
    }
  }

  @Test
  void aCalibreWiderThanItsCapillarysBoxIsNotReported() throws Exception {
    // Apex dots 204 px apart (both inside the crop) on a 200 px capillary: impossible, so no apical
    // measurement and the visual model decides; the limbs (8 and 9 px) are kept.
    List<Capillary> scene = List.of(Capillary.upright(0, 300, 300, 200, 204, 8, 9, 0));
    BufferedImage img = MarkerScene.draw(600, 600, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(MarkerModels.Options.full())) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(1, found.size(), found.toString());
      assertNull(found.get(0).apical(), found.get(0).toString());
      assertNotNull(found.get(0).arterial());
      assertEquals(SizeSource.VISUAL_MODEL, found.get(0).sizeSource());
      assertEquals(SizeClass.NORMAL, found.get(0).size());
    }
  }

  @Test
  void withoutKeypointAndVisualModelsSizesComeFromTheDetectorOnly() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, SCENE, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(new MarkerModels.Options(null, false, false, false, -1, false))) {
      ImageAnalysis a = analyzer.analyze(img, Calibration.manual(1.0));
      List<CapillaryFinding> found = byX(a);
      assertEquals(4, found.size());
      assertNull(found.get(0).apical());
      assertEquals(SizeClass.UNKNOWN, found.get(0).size());
      assertEquals(SizeClass.GIANT, found.get(3).size());
      assertEquals(SizeSource.DETECTOR_CLASS, found.get(3).sizeSource());
      assertTrue(a.notes().stream().anyMatch(n -> n.contains("no keypoint model")), a.notes().toString());
      assertEquals(1, a.provenance().models().size());
    }
  }

  @Test
  void nonSquarePixelsConvertEachAxisWithItsOwnScale() throws Exception {
    // Apex measured vertically (upright capillary): micrometres use the y scale.
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, SCENE, List.of());
    Calibration cal = new Calibration(1.0, 1.5, CalibrationSource.DEVICE_PROFILE, 200.0, "test", 0.01);
    try (NailfoldAnalyzer analyzer = analyzer(MarkerModels.Options.full())) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, cal));
      CapillaryFinding first = found.get(0);
      assertEquals(first.apical().pixels() * 1.5, first.apical().micrometres(), 1e-6);
      assertEquals(first.arterial().pixels() * 1.0, first.arterial().micrometres(), 0.05,
          "limb segments are horizontal: x scale");
    }
  }

  @Test
  void capillariesCutByTheImageEdgeAreCroppedWithEdgePixelsRepeated() throws Exception {
    // Square partly outside the image on the left and top.
    List<Capillary> scene = List.of(Capillary.upright(0, 30, 40, 100, 14, 10, 12, 0),
        Capillary.upright(0, 470, 240, 100, 14, 10, 12, 0));
    BufferedImage img = MarkerScene.draw(500, 280, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = analyzer(MarkerModels.Options.full())) {
      List<CapillaryFinding> found = byX(analyzer.analyze(img, Calibration.manual(1.0)));
      assertEquals(2, found.size());
      assertBox(new Box(0, 0, 80, 90), found.get(0).box(), 2.0);
      assertBox(new Box(420, 190, 80, 90), found.get(1).box(), 2.0);
      // The right capillary's limb dots are inside the image: its limbs are measured.
      assertNotNull(found.get(1).arterial());
      assertEquals(10, found.get(1).arterial().pixels(), 1.0);
    }
  }

  static void assertBox(Box expected, Box actual, double tolerance) {
    String msg = "expected " + expected + " found " + actual;
    assertEquals(expected.x(), actual.x(), tolerance, msg);
    assertEquals(expected.y(), actual.y(), tolerance, msg);
    assertEquals(expected.maxX(), actual.maxX(), tolerance, msg);
    assertEquals(expected.maxY(), actual.maxY(), tolerance, msg);
    assertFalse(actual.width() <= 0);
  }
}
