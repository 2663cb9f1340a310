package io.nvc;

import org.jspecify.annotations.Nullable;

/**
 * One calibre measurement of a capillary: a segment across the vessel from {@code start} to {@code end}.
 * Immutable and thread-safe.
 *
 * @param start first edge point, in pixels of the original image
 * @param end second edge point, in pixels of the original image
 * @param pixels segment length in pixels, finite and {@code >= 0}
 * @param micrometres segment length in micrometres when the image is calibrated, else null
 * @param confidence the measurement model's confidence in {@code [0, 1]}
 */
public record Measurement(
    Point start, Point end, double pixels, @Nullable Double micrometres, double confidence) {

  /** Validates every component; see the component descriptions. */
  public Measurement {
    if (start == null || end == null) {
      throw new IllegalArgumentException("measurement start and end must not be null");
    }
    if (!Double.isFinite(pixels) || pixels < 0) {
      throw new IllegalArgumentException("measurement pixels must be finite and >= 0, found " + pixels);
    }
    if (micrometres != null && (!Double.isFinite(micrometres) || micrometres < 0)) {
      throw new IllegalArgumentException(
          "measurement micrometres must be null or finite and >= 0, found " + micrometres);
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("measurement confidence must be in [0, 1], found " + confidence);
    }
  }

  /**
   * The measurement from {@code start} to {@code end}: its pixel length, and its micrometre length when
   * {@code calibration} is not null.
   */
  public static Measurement between(
      Point start, Point end, double confidence, @Nullable Calibration calibration) {
    Double um = calibration == null ? null : calibration.micrometres(start, end);
    return new Measurement(start, end, start.distanceTo(end), um, confidence);
  }
}
