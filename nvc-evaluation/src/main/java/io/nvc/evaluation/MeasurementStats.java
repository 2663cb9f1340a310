package io.nvc.evaluation;

/**
 * Per-capillary measurement accuracy at one site. With {@code count == 0} every other value is
 * NaN. Immutable and thread-safe.
 *
 * @param count number of measured capillaries
 * @param medianAbsErrorUm median absolute error, micrometres
 * @param p90AbsErrorUm 90th percentile of the absolute error (NumPy's linear method), micrometres
 * @param within2Um share of capillaries with an absolute error of at most 2 um
 * @param within5Um share with an absolute error of at most 5 um
 * @param correct share whose measurement is correct: absolute error at most {@code max(2 um, 10%
 *     of the true value)} (see {@link MeasurementAccuracy#isCorrect})
 */
public record MeasurementStats(
    int count,
    double medianAbsErrorUm,
    double p90AbsErrorUm,
    double within2Um,
    double within5Um,
    double correct) {

  /** Validates the count: not negative. */
  public MeasurementStats {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, found " + count);
    }
  }
}
