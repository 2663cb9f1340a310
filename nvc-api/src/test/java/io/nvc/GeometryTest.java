package io.nvc;

import static io.nvc.CascadeTest.assertBox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Coordinates survive letterbox, tiles and every input type; the distal row and its density. */
class GeometryTest {

  @TempDir Path dir;

  @Test
  void tiledLargeImageMapsEveryBoxBack() throws Exception {
    // 0.5 um/px and a canonical 1 um/px: resampled to 1200x900 model pixels, i.e. 4x4 tiles of 320x256.
    List<Capillary> scene = new ArrayList<>();
    int cls = 0;
    for (int y = 150; y < 1800; y += 330) {
      for (int x = 150; x < 2400; x += 290) {
        scene.add(Capillary.upright(cls++ % 3, x, y, 120 + (x % 3) * 40, 20, 16, 18, 0));
      }
    }
    BufferedImage img = MarkerScene.draw(2400, 1800, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir, MarkerModels.Options.full())).build()) {
      ImageAnalysis a = analyzer.analyze(img, Calibration.manual(0.5));
      assertEquals(scene.size(), a.capillaries().size(), "one finding per capillary, none split by tiles");
      for (Capillary c : scene) {
        CapillaryFinding f = a.capillaries().stream()
            .max(Comparator.comparingDouble(x -> x.box().iou(c.box()))).orElseThrow();
        assertBox(c.box(), f.box(), 3.0);
        assertEquals(io.nvc.Morphology.values()[c.classIndex()], f.morphology());
        assertNotNull(f.apical(), "apex measured for " + c);
        assertEquals(c.apicalPx() * 0.5, f.apical().micrometres(), 1.0);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(PixelFormat.class)
  void rawFramesGiveTheSameResultAsTheImage(PixelFormat format) throws Exception {
    List<Capillary> scene = CascadeTest.SCENE;
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, scene, List.of());
    byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
    int bpp = format.bytesPerPixel();
    int stride = 1000 * bpp + 7;
    ByteBuffer buf = ByteBuffer.allocateDirect(stride * 400 + 3);
    buf.position(3);
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 1000; x++) {
        int i = (y * 1000 + x) * 3;
        int o = 3 + y * stride + x * bpp;
        buf.put(o + format.redOffset(), bgr[i + 2]);
        buf.put(o + format.greenOffset(), bgr[i + 1]);
        buf.put(o + format.blueOffset(), bgr[i]);
        if (bpp == 4) {
          buf.put(o + 3, (byte) 0x7F);
        }
      }
    }
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir, MarkerModels.Options.full())).build()) {
      ImageAnalysis fromImage = analyzer.analyze(img, Calibration.manual(1));
      ImageAnalysis fromRaw = analyzer.analyze(new RawImage(buf, 1000, 400, stride, format), Calibration.manual(1));
      assertEquals(fromImage.capillaries(), fromRaw.capillaries());
      assertEquals(3, buf.position(), "the caller's buffer position is left alone");
    }
  }

  @Test
  void everyBufferedImageTypeGivesTheSameBoxes() throws Exception {
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir, MarkerModels.Options.full())).build()) {
      List<CapillaryFinding> reference = null;
      for (int type : new int[] {BufferedImage.TYPE_3BYTE_BGR, BufferedImage.TYPE_INT_RGB,
          BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_4BYTE_ABGR, BufferedImage.TYPE_INT_BGR,
          BufferedImage.TYPE_USHORT_565_RGB}) {
        BufferedImage img = MarkerScene.draw(1000, 400, type, CascadeTest.SCENE, List.of());
        List<CapillaryFinding> found = CascadeTest.byX(analyzer.analyze(img, Calibration.manual(1)));
        assertEquals(4, found.size(), "image type " + type);
        if (reference == null) {
          reference = found;
        } else if (type != BufferedImage.TYPE_USHORT_565_RGB) {
          assertEquals(reference, found, "image type " + type);
        } else {
          for (int i = 0; i < 4; i++) {
            assertBox(reference.get(i).box(), found.get(i).box(), 1.0);
          }
        }
      }
    }
  }

  @Test
  void distalRowAndDensityOnARotatedRow() throws Exception {
    ImageAnalysis result = analyzeRows(30, k -> true, true, false, 0, 1.0);
    // 110 um spacing is 9.09 per mm; the row is cut short at the image's corners by the 60 px margin.
    double density = result.summary().densityPerMm();
    assertTrue(density > 8.0 && density < 9.6, "density " + density);
  }

  @Test
  void loopsOfTheRowBehindSeenThroughAGapAreNotDistal() throws Exception {
    // Three loops of the distal row missing (an avascular area): the loops behind them have nothing in
    // front of them, but lie a row behind their neighbours.
    ImageAnalysis result = analyzeRows(30, k -> Math.abs(k) > 1, true, false, 0, 1.0);
    double density = result.summary().densityPerMm();
    assertTrue(density > 6.0 && density < 8.0, "density " + density);
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 2.0, 3.0})
  void aSparseDistalRowIsNotOutnumberedByTheRowBehind(double micrometresPerPixel) throws Exception {
    // Three loops left of the distal row (the late pattern): most loops of the row behind have nothing in
    // front of them, and they outnumber the distal row everywhere along it. At 2 and 3 um per pixel the
    // 1 mm windows hold one distal loop each.
    ImageAnalysis result = analyzeRows(30, k -> k % 6 == 0, true, false, 0, micrometresPerPixel);
    assertEquals(3, result.summary().distalRow());
  }

  @Test
  void rowPointingDownWithoutLimbMeasurements() throws Exception {
    // Apices down and no limb keypoints: the distal direction comes from the apices and the boxes.
    ImageAnalysis result = analyzeRows(180, k -> true, false, false, 0, 1.0);
    for (CapillaryFinding f : result.capillaries()) {
      assertEquals(null, f.arterial(), "limbs are not drawn");
    }
  }

  @Test
  void staggeredLoopsOfOneRowDoNotHideEachOther() throws Exception {
    // Every other loop 75 px back: the apices of a real row scatter by up to half a loop length. Tilted
    // loops without limb measurements, so that loop widths come from their boxes, as on real photos, and
    // neighbours lie within the width that hides a loop behind another.
    analyzeRows(30, k -> true, false, false, 75, 1.0);
  }

  @Test
  void aBowedRowIsDistalAlongItsWholeLength() throws Exception {
    // An upright row whose middle lies 120 px (300 um at 2.5 um/px) behind its ends over 1760 px (4.4 mm),
    // and a row behind that follows it: a front set by the ends would leave the middle of the row behind.
    List<Capillary> all = new ArrayList<>();
    for (int k = -8; k <= 8; k++) {
      double x = 1000 + k * 110;
      double bow = 120 * (1 - (k / 8.0) * (k / 8.0));
      all.add(new Capillary(0, new Point(x, 300 + bow), 80, 0, 12, 10, 10, 0, true, true));
      all.add(new Capillary(1, new Point(x + 55, 450 + bow), 80, 0, 12, 10, 10, 0, true, true));
    }
    BufferedImage img = MarkerScene.draw(2000, 900, BufferedImage.TYPE_3BYTE_BGR, all, List.of());
    try (NailfoldAnalyzer analyzer = markerAnalyzer()) {
      ImageAnalysis result = analyzer.analyze(img, Calibration.manual(2.5));
      assertEquals(all.size(), result.capillaries().size());
      for (CapillaryFinding f : result.capillaries()) {
        assertEquals(f.morphology() == Morphology.NORMAL, f.distalRow(), "distal flag of " + f.box());
      }
    }
  }

  @Test
  void strayDetectionsAheadOfTheRowNeitherCountNorMoveIt() throws Exception {
    // Two detections without a located apex well ahead of the row (flecks in the cuticle).
    ImageAnalysis result = analyzeRows(30, k -> true, true, true, 0, 1.0);
    assertEquals(2, result.capillaries().stream().filter(f -> f.morphology() == Morphology.RAMIFIED).count());
  }

  /**
   * A row at {@code angle} degrees (apex direction, clockwise from image-up), capillaries 110 px apart at
   * the positions {@code k} in -8..8 that {@code distalAt} accepts, apices pointing across the row; a
   * complete second row 150 px behind it, offset half a spacing; with {@code strays}, two markers without
   * keypoints 300 px ahead of the row; every other loop of the first row set {@code stagger} px back.
   * Asserts that exactly the first row is distal at {@code micrometresPerPixel} and that density doubles
   * at half of it; returns the analysis at {@code micrometresPerPixel}.
   */
  private ImageAnalysis analyzeRows(double angle, IntPredicate distalAt, boolean limbs, boolean strays,
      double stagger, double micrometresPerPixel) throws Exception {
    double a = Math.toRadians(angle);
    double rx = Math.cos(a);
    double ry = Math.sin(a);
    double dx = Math.sin(a);
    double dy = -Math.cos(a);
    int w = 1400;
    int h = 1000;
    List<Capillary> distal = new ArrayList<>();
    List<Capillary> behind = new ArrayList<>();
    for (int k = -8; k <= 8; k++) {
      double cx = 700 + k * 110 * rx - 75 * dx;
      double cy = 500 + k * 110 * ry - 75 * dy;
      double back = k % 2 == 0 ? 0 : stagger;
      if (inside(cx, cy, w, h) && distalAt.test(k)) {
        distal.add(new Capillary(0, new Point(cx - back * dx, cy - back * dy), 80, angle, 12, 10, 10, 0, true,
            limbs));
      }
      double bx = cx + 55 * rx - 150 * dx;
      double by = cy + 55 * ry - 150 * dy;
      if (inside(bx, by, w, h)) {
        behind.add(new Capillary(1, new Point(bx, by), 80, angle, 12, 10, 10, 0, true, limbs));
      }
    }
    List<Capillary> all = new ArrayList<>(distal);
    all.addAll(behind);
    for (int k : strays ? new int[] {-2, 3} : new int[0]) {
      double sx = 700 + k * 110 * rx + 225 * dx;
      double sy = 500 + k * 110 * ry + 225 * dy;
      all.add(new Capillary(2, new Point(sx, sy), 60, angle, 12, 10, 10, 0, false, false));
    }
    BufferedImage img = MarkerScene.draw(w, h, BufferedImage.TYPE_3BYTE_BGR, all, List.of());
    try (NailfoldAnalyzer analyzer = markerAnalyzer()) {
      ImageAnalysis result = analyzer.analyze(img, Calibration.manual(micrometresPerPixel));
      assertEquals(all.size(), result.capillaries().size());
      for (CapillaryFinding f : result.capillaries()) {
        boolean isDistal = f.morphology() == Morphology.NORMAL;
        assertEquals(isDistal, f.distalRow(), "distal flag of " + f.box());
      }
      assertEquals(distal.size(), result.summary().distalRow());
      // Half the micrometres per pixel: twice the capillaries per mm (the same loops are distal in these
      // rows at both scales).
      ImageAnalysis doubled = analyzer.analyze(img, Calibration.manual(micrometresPerPixel / 2));
      assertEquals(2 * result.summary().densityPerMm(), doubled.summary().densityPerMm(), 1e-9);
      return result;
    }
  }

  /** An analyzer whose marker models place keypoints on every marker except those drawn without. */
  private NailfoldAnalyzer markerAnalyzer() throws Exception {
    var options = new MarkerModels.Options(null, true, false, false, -1, false);
    return NailfoldAnalyzer.builder().backend("marker").models(MarkerModels.write(dir, options)).build();
  }

  private static boolean inside(double x, double y, int w, int h) {
    return x > 60 && y > 60 && x < w - 60 && y < h - 60;
  }

  @Test
  void noDensityWithoutCalibrationOrCapillaries() throws Exception {
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir, MarkerModels.Options.full())).build()) {
      BufferedImage empty = MarkerScene.draw(640, 480, BufferedImage.TYPE_3BYTE_BGR, List.of(), List.of());
      ImageAnalysis a = analyzer.analyze(empty, Calibration.manual(1));
      assertEquals(0, a.summary().capillaries());
      assertEquals(null, a.summary().densityPerMm());
      BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE, List.of());
      ImageAnalysis uncalibrated = analyzer.analyze(img, null);
      assertEquals(null, uncalibrated.summary().densityPerMm());
      assertFalse(uncalibrated.capillaries().isEmpty());
    }
  }
}
