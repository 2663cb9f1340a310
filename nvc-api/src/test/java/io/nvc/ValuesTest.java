package io.nvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Validation and conversions of the value records. */
class ValuesTest {

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void calibrationRejectsNonPositiveOrNonFiniteScales(double bad) {
    var e = assertThrows(IllegalArgumentException.class, () -> Calibration.manual(bad));
    assertTrue(e.getMessage().contains("micrometresPerPixelX must be finite and > 0, found " + bad),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> new Calibration(1, bad, CalibrationSource.MANUAL, null, null, null));
    assertThrows(IllegalArgumentException.class,
        () -> new Calibration(1, 1, CalibrationSource.MANUAL, bad, null, null));
  }

  @Test
  void calibrationConvertsEachAxisWithItsOwnScale() {
    Calibration c = new Calibration(2.0, 3.0, CalibrationSource.MANUAL, null, null, 0.02);
    assertEquals(8.0, c.micrometres(4, 0), 1e-12);
    assertEquals(12.0, c.micrometres(0, 4), 1e-12);
    assertEquals(Math.hypot(6, 6), c.micrometres(new Point(0, 0), new Point(3, 2)), 1e-12);
    assertEquals(Math.sqrt(6), c.micrometresPerPixel(), 1e-12);
    assertEquals(2.5, Calibration.manual(2.5).micrometresPerPixel());
    assertThrows(IllegalArgumentException.class,
        () -> new Calibration(1, 1, CalibrationSource.MANUAL, null, null, 1.5));
  }

  @Test
  void measurementConvertsPixelsToMicrometresOnlyWithCalibration() {
    Measurement m = Measurement.between(new Point(10, 10), new Point(13, 14), 0.9, Calibration.manual(2));
    assertEquals(5, m.pixels(), 1e-12);
    assertEquals(10, m.micrometres(), 1e-12);
    assertNull(Measurement.between(new Point(0, 0), new Point(1, 0), 1, null).micrometres());
    assertThrows(IllegalArgumentException.class,
        () -> new Measurement(new Point(0, 0), new Point(1, 0), 1, null, 1.5));
    assertThrows(IllegalArgumentException.class, () -> new Point(Double.NaN, 0));
  }

  @Test
  void boxIouAndClip() {
    Box a = new Box(0, 0, 10, 10);
    assertEquals(1.0, a.iou(a), 1e-12);
    assertEquals(25.0 / 175.0, a.iou(new Box(5, 5, 10, 10)), 1e-12);
    assertEquals(0.0, a.iou(new Box(10, 0, 10, 10)));
    assertEquals(new Box(0, 0, 5, 4), new Box(-5, -6, 10, 10).clip(100, 100));
    assertThrows(IllegalArgumentException.class, () -> new Box(0, 0, -1, 1));
  }

  @Test
  void findingSizeAndSourceMustAgree() {
    assertThrows(IllegalArgumentException.class, () -> new CapillaryFinding(new Box(0, 0, 1, 1),
        Morphology.NORMAL, 0.5, null, null, null, SizeClass.UNKNOWN, SizeSource.MEASUREMENT, false,
        Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new CapillaryFinding(new Box(0, 0, 1, 1),
        Morphology.NORMAL, 0.5, null, null, null, SizeClass.NORMAL, SizeSource.NONE, false, Map.of()));
  }

  @Test
  void findingMorphologyScoresAreProbabilities() {
    Map<Morphology, Double> scores = new HashMap<>(Map.of(Morphology.TORTUOUS, 0.3, Morphology.NORMAL, 0.6));
    CapillaryFinding f = new CapillaryFinding(new Box(0, 0, 1, 1), Morphology.NORMAL, 0.5, null, null, null,
        SizeClass.NORMAL, SizeSource.MEASUREMENT, false, scores);
    scores.put(Morphology.GIANT, 0.1);
    assertEquals(List.of(Morphology.NORMAL, Morphology.TORTUOUS), List.copyOf(f.morphologyScores().keySet()),
        "a copy, in shape order");
    assertThrows(UnsupportedOperationException.class, () -> f.morphologyScores().put(Morphology.GIANT, 0.1));
    assertEquals(f.morphologyScores(), f.withDistalRow(true).morphologyScores());
    assertThrows(IllegalArgumentException.class, () -> new CapillaryFinding(new Box(0, 0, 1, 1),
        Morphology.NORMAL, 0.5, null, null, null, SizeClass.NORMAL, SizeSource.MEASUREMENT, false,
        Map.of(Morphology.NORMAL, 1.5)));
    assertThrows(IllegalArgumentException.class, () -> new CapillaryFinding(new Box(0, 0, 1, 1),
        Morphology.NORMAL, 0.5, null, null, null, SizeClass.NORMAL, SizeSource.MEASUREMENT, false,
        Map.of(Morphology.NORMAL, Double.NaN)));
  }

  @Test
  void rawImageChecksStrideAndCapacity() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new RawImage(ByteBuffer.allocate(100), 10, 10, 20, PixelFormat.RGB));
    assertEquals("rowStride must be >= width * 3 = 30 bytes for RGB, found 20", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> RawImage.packed(ByteBuffer.allocate(100), 10, 10, PixelFormat.BGRA));
    assertEquals("buffer too small for a 10x10 BGRA frame with row stride 40: expected at least 400 bytes"
        + " remaining, found 100", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RawImage.packed(ByteBuffer.allocate(0), 0, 10, PixelFormat.RGB));
  }
}
