package io.nvc.evaluation;

import java.util.List;

/**
 * Density error per image, capillaries per millimetre. With {@code images == 0} the errors are
 * NaN. Immutable and thread-safe.
 *
 * @param images number of images
 * @param meanAbsErrorPerMm mean absolute error
 * @param medianAbsErrorPerMm median absolute error
 * @param maxAbsErrorPerMm largest absolute error
 */
public record DensityError(
    int images, double meanAbsErrorPerMm, double medianAbsErrorPerMm, double maxAbsErrorPerMm) {

  /** Validates the count: not negative. */
  public DensityError {
    if (images < 0) {
      throw new IllegalArgumentException("images must be >= 0, found " + images);
    }
  }

  /**
   * Computes the errors.
   *
   * @param samples one per image
   * @return the errors
   */
  public static DensityError of(List<DensitySample> samples) {
    double[] err =
        samples.stream().mapToDouble(s -> Math.abs(s.measuredPerMm() - s.truePerMm())).toArray();
    if (err.length == 0) {
      return new DensityError(0, Double.NaN, Double.NaN, Double.NaN);
    }
    double max = 0;
    for (double e : err) {
      max = Math.max(max, e);
    }
    return new DensityError(
        err.length, Numpy.mean(err, err.length), Numpy.percentile(err, 50), max);
  }
}
