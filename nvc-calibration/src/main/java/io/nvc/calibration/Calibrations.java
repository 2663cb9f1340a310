package io.nvc.calibration;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.Point;
import org.jspecify.annotations.Nullable;

/**
 * Factories for {@link Calibration}s entered by a person: micrometres per pixel, two points a known
 * distance apart, or a known field of view. Each carries a relative uncertainty where one can be derived
 * from the input. Stateless and thread-safe. Device profiles are in {@link DeviceProfiles}, photos of a
 * stage micrometer in {@link GraticuleCalibrator}.
 */
public final class Calibrations {

  private Calibrations() {}

  /**
   * A calibration from micrometres per pixel, with no known uncertainty.
   *
   * @param micrometresPerPixelX width of a pixel in micrometres, finite and {@code > 0}
   * @param micrometresPerPixelY height of a pixel in micrometres (equal to x for square pixels)
   */
  public static Calibration ofMicrometresPerPixel(double micrometresPerPixelX, double micrometresPerPixelY) {
    return ofMicrometresPerPixel(micrometresPerPixelX, micrometresPerPixelY, null);
  }

  /**
   * A calibration from micrometres per pixel with a relative uncertainty (one standard deviation as a
   * fraction, for example 0.02), or null when unknown.
   */
  public static Calibration ofMicrometresPerPixel(
      double micrometresPerPixelX, double micrometresPerPixelY, @Nullable Double relativeUncertainty) {
    return new Calibration(micrometresPerPixelX, micrometresPerPixelY, CalibrationSource.MANUAL, null, null,
        relativeUncertainty);
  }

  /**
   * A square-pixel calibration from two image points on a ruler or stage micrometer and the known
   * distance between them. The relative uncertainty is {@code sqrt(2) * pointUncertaintyPx / length},
   * the error of the length when each end is placed with a standard deviation of
   * {@code pointUncertaintyPx} along the segment.
   *
   * @param first one end, in pixels
   * @param second the other end, in pixels
   * @param distanceMicrometres the true distance between the ends, finite and {@code > 0}
   * @param pointUncertaintyPx how precisely each end was placed (one standard deviation in pixels),
   *     finite and {@code >= 0}; 0.5 to 1 is typical for a click on a screen
   * @throws IllegalArgumentException when the points coincide, the distance is not positive, or the
   *     segment is too short for the stated point uncertainty (relative uncertainty of 1 or more)
   */
  public static Calibration fromPoints(
      Point first, Point second, double distanceMicrometres, double pointUncertaintyPx) {
    if (first == null || second == null) {
      throw new IllegalArgumentException("both points are required, found " + first + " and " + second);
    }
    requirePositive("distanceMicrometres", distanceMicrometres);
    if (!Double.isFinite(pointUncertaintyPx) || pointUncertaintyPx < 0) {
      throw new IllegalArgumentException(
          "pointUncertaintyPx must be finite and >= 0, found " + pointUncertaintyPx);
    }
    double lengthPx = Math.hypot(second.x() - first.x(), second.y() - first.y());
    if (!(lengthPx > 0)) {
      throw new IllegalArgumentException(
          "the two points must be apart, found both at (" + first.x() + ", " + first.y() + ")");
    }
    double relative = Math.sqrt(2) * pointUncertaintyPx / lengthPx;
    if (relative >= 1) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "the points are %.2f px apart, too close for a point uncertainty of %.2f px; expected a segment"
              + " longer than %.2f px", lengthPx, pointUncertaintyPx, Math.sqrt(2) * pointUncertaintyPx));
    }
    double scale = distanceMicrometres / lengthPx;
    return new Calibration(scale, scale, CalibrationSource.MANUAL, null, null, relative);
  }

  /**
   * A square-pixel calibration from the known width of the field of view (for example from a device's
   * data sheet), with no known uncertainty.
   *
   * @param widthMicrometres the width of the whole image in micrometres, finite and {@code > 0}
   * @param imageWidthPx the image width in pixels, {@code > 0}
   */
  public static Calibration fromFieldOfView(double widthMicrometres, int imageWidthPx) {
    requirePositive("widthMicrometres", widthMicrometres);
    requirePositivePixels("imageWidthPx", imageWidthPx);
    double scale = widthMicrometres / imageWidthPx;
    return new Calibration(scale, scale, CalibrationSource.MANUAL, null, null, null);
  }

  /**
   * A calibration from the known width and height of the field of view, which gives separate x and y
   * scales for non-square pixels.
   *
   * @param widthMicrometres the width of the whole image in micrometres, finite and {@code > 0}
   * @param heightMicrometres the height of the whole image in micrometres, finite and {@code > 0}
   * @param imageWidthPx the image width in pixels, {@code > 0}
   * @param imageHeightPx the image height in pixels, {@code > 0}
   * @param relativeUncertainty the relative uncertainty of the stated field of view, or null
   */
  public static Calibration fromFieldOfView(double widthMicrometres, double heightMicrometres,
      int imageWidthPx, int imageHeightPx, @Nullable Double relativeUncertainty) {
    requirePositive("widthMicrometres", widthMicrometres);
    requirePositive("heightMicrometres", heightMicrometres);
    requirePositivePixels("imageWidthPx", imageWidthPx);
    requirePositivePixels("imageHeightPx", imageHeightPx);
    return new Calibration(widthMicrometres / imageWidthPx, heightMicrometres / imageHeightPx,
        CalibrationSource.MANUAL, null, null, relativeUncertainty);
  }

  private static void requirePositive(String name, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(name + " must be finite and > 0, found " + value);
    }
  }

  private static void requirePositivePixels(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be > 0, found " + value);
    }
  }
}
