package io.nvc;

import org.jspecify.annotations.Nullable;

/**
 * The physical size of an image's pixels. Immutable and thread-safe.
 *
 * <p>Pixels may be non-square: {@code micrometresPerPixelX} and {@code micrometresPerPixelY} are kept
 * apart and every length is converted with both (see {@link #micrometres(double, double)}).
 *
 * @param micrometresPerPixelX width of one pixel in micrometres, finite and {@code > 0}
 * @param micrometresPerPixelY height of one pixel in micrometres, finite and {@code > 0}
 * @param source where the calibration came from
 * @param magnification optical magnification (for example 200), or null when unknown; finite and
 *     {@code > 0} when given
 * @param device capture device description, or null when unknown
 * @param relativeUncertainty one standard deviation of the scale as a fraction (0.01 is 1 %), or null
 *     when unknown; finite and in {@code [0, 1)} when given
 */
public record Calibration(
    double micrometresPerPixelX,
    double micrometresPerPixelY,
    CalibrationSource source,
    @Nullable Double magnification,
    @Nullable String device,
    @Nullable Double relativeUncertainty) {

  /** Validates every component; see the component descriptions. */
  public Calibration {
    requirePositive("micrometresPerPixelX", micrometresPerPixelX);
    requirePositive("micrometresPerPixelY", micrometresPerPixelY);
    if (source == null) {
      throw new IllegalArgumentException("calibration source must not be null");
    }
    if (magnification != null) {
      requirePositive("magnification", magnification);
    }
    if (relativeUncertainty != null
        && (!Double.isFinite(relativeUncertainty) || relativeUncertainty < 0 || relativeUncertainty >= 1)) {
      throw new IllegalArgumentException(
          "relativeUncertainty must be a finite fraction in [0, 1), found " + relativeUncertainty);
    }
  }

  /** A calibration with square pixels of {@code micrometresPerPixel} from {@code source}. */
  public static Calibration of(double micrometresPerPixel, CalibrationSource source) {
    return new Calibration(micrometresPerPixel, micrometresPerPixel, source, null, null, null);
  }

  /** A calibration with square pixels, entered by hand. */
  public static Calibration manual(double micrometresPerPixel) {
    return of(micrometresPerPixel, CalibrationSource.MANUAL);
  }

  /** Whether the pixels are square (x and y scales equal). */
  public boolean isSquare() {
    return micrometresPerPixelX == micrometresPerPixelY;
  }

  /**
   * One representative scale: the x scale for square pixels, else the geometric mean of x and y
   * (the side of a square pixel of the same area). Written to JSON as {@code micrometresPerPixel}.
   */
  public double micrometresPerPixel() {
    return isSquare() ? micrometresPerPixelX : Math.sqrt(micrometresPerPixelX * micrometresPerPixelY);
  }

  /** Length in micrometres of the pixel vector {@code (dx, dy)}, scaling each axis by its own size. */
  public double micrometres(double dx, double dy) {
    return Math.hypot(dx * micrometresPerPixelX, dy * micrometresPerPixelY);
  }

  /** Length in micrometres of the segment from {@code start} to {@code end}. */
  public double micrometres(Point start, Point end) {
    return micrometres(end.x() - start.x(), end.y() - start.y());
  }

  private static void requirePositive(String name, double value) {
    if (!Double.isFinite(value) || value <= 0) {
      throw new IllegalArgumentException(name + " must be finite and > 0, found " + value);
    }
  }
}
