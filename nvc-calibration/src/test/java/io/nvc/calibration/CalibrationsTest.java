package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.Point;
import org.junit.jupiter.api.Test;

class CalibrationsTest {

  @Test
  void micrometresPerPixelKeepsNonSquarePixels() {
    Calibration c = Calibrations.ofMicrometresPerPixel(0.5, 0.6);
    assertEquals(0.5, c.micrometresPerPixelX());
    assertEquals(0.6, c.micrometresPerPixelY());
    assertEquals(CalibrationSource.MANUAL, c.source());
    assertNull(c.relativeUncertainty());
    assertEquals(0.01, Calibrations.ofMicrometresPerPixel(1, 1, 0.01).relativeUncertainty());
    assertThrows(IllegalArgumentException.class, () -> Calibrations.ofMicrometresPerPixel(0, 1));
  }

  @Test
  void twoPointsGiveScaleAndUncertainty() {
    Calibration c = Calibrations.fromPoints(new Point(10, 20), new Point(310, 420), 1000, 1.0);
    assertEquals(2.0, c.micrometresPerPixelX(), 1e-12);
    assertEquals(2.0, c.micrometresPerPixelY(), 1e-12);
    assertEquals(Math.sqrt(2) / 500, c.relativeUncertainty(), 1e-12);
    assertEquals(0.0, Calibrations.fromPoints(new Point(0, 0), new Point(100, 0), 50, 0).relativeUncertainty());
    IllegalArgumentException same = assertThrows(IllegalArgumentException.class,
        () -> Calibrations.fromPoints(new Point(5, 5), new Point(5, 5), 100, 1));
    assertTrue(same.getMessage().contains("must be apart"), same.getMessage());
    IllegalArgumentException close = assertThrows(IllegalArgumentException.class,
        () -> Calibrations.fromPoints(new Point(0, 0), new Point(1, 0), 100, 1));
    assertTrue(close.getMessage().contains("too close"), close.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Calibrations.fromPoints(new Point(0, 0), new Point(10, 0), -1, 1));
  }

  @Test
  void fieldOfViewGivesScale() {
    Calibration c = Calibrations.fromFieldOfView(1280, 1600);
    assertEquals(0.8, c.micrometresPerPixelX(), 1e-12);
    Calibration both = Calibrations.fromFieldOfView(1600, 900, 1600, 1000, 0.05);
    assertEquals(1.0, both.micrometresPerPixelX(), 1e-12);
    assertEquals(0.9, both.micrometresPerPixelY(), 1e-12);
    assertEquals(0.05, both.relativeUncertainty());
    assertThrows(IllegalArgumentException.class, () -> Calibrations.fromFieldOfView(1000, 0));
  }
}
