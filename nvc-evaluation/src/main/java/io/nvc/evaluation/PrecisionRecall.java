package io.nvc.evaluation;

/**
 * Counts of a fixed-threshold evaluation and the precision and recall they give (NaN where the
 * denominator is 0; reports print n/a and write JSON null). Immutable and thread-safe.
 *
 * @param truePositives detections matched to a ground truth
 * @param falsePositives detections not matched
 * @param falseNegatives ground truth not matched
 */
public record PrecisionRecall(int truePositives, int falsePositives, int falseNegatives) {

  /** Validates the counts: not negative. */
  public PrecisionRecall {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) {
      throw new IllegalArgumentException(
          "counts must be >= 0, found tp=" + truePositives + " fp=" + falsePositives + " fn="
              + falseNegatives);
    }
  }

  /** Returns {@code tp / (tp + fp)}; NaN when there are no detections (undefined). */
  public double precision() {
    int d = truePositives + falsePositives;
    return d == 0 ? Double.NaN : (double) truePositives / d;
  }

  /** Returns {@code tp / (tp + fn)}; NaN when there is no ground truth (undefined). */
  public double recall() {
    int g = truePositives + falseNegatives;
    return g == 0 ? Double.NaN : (double) truePositives / g;
  }

  PrecisionRecall plus(PrecisionRecall o) {
    return new PrecisionRecall(truePositives + o.truePositives, falsePositives + o.falsePositives,
        falseNegatives + o.falseNegatives);
  }
}
