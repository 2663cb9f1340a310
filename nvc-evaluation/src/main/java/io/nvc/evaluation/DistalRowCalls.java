package io.nvc.evaluation;

import java.util.List;

/**
 * How well the distal-row flag of matched capillaries agrees with the ground truth's {@code
 * distal_row}: the flag counted as a binary call, distal row the positive class. With no calls the
 * precision and recall are NaN. Immutable and thread-safe.
 *
 * @param truePositives distal-row capillaries flagged distal
 * @param falsePositives capillaries of the rows behind flagged distal
 * @param falseNegatives distal-row capillaries not flagged
 * @param trueNegatives capillaries of the rows behind not flagged
 */
public record DistalRowCalls(
    int truePositives, int falsePositives, int falseNegatives, int trueNegatives) {

  /** Validates the counts: none negative. */
  public DistalRowCalls {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0 || trueNegatives < 0) {
      throw new IllegalArgumentException("expected counts >= 0, found TP " + truePositives + ", FP "
          + falsePositives + ", FN " + falseNegatives + ", TN " + trueNegatives);
    }
  }

  /**
   * One matched capillary's call.
   *
   * @param truth whether the ground truth puts it in the distal row
   * @param called whether it was flagged distal
   */
  public record Call(boolean truth, boolean called) {}

  /**
   * Counts the calls.
   *
   * @param calls one per matched capillary whose ground truth says its row
   * @return the counts
   */
  public static DistalRowCalls of(List<Call> calls) {
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int tn = 0;
    for (Call c : calls) {
      if (c.truth()) {
        if (c.called()) {
          tp++;
        } else {
          fn++;
        }
      } else if (c.called()) {
        fp++;
      } else {
        tn++;
      }
    }
    return new DistalRowCalls(tp, fp, fn, tn);
  }

  /** Number of calls counted. */
  public int calls() {
    return truePositives + falsePositives + falseNegatives + trueNegatives;
  }

  /** Share of the capillaries flagged distal that are distal; NaN when none is flagged. */
  public double precision() {
    return asPrecisionRecall().precision();
  }

  /** Share of the distal-row capillaries flagged distal; NaN when none is distal. */
  public double recall() {
    return asPrecisionRecall().recall();
  }

  /** The calls as the counts of a detection task whose objects are the distal-row capillaries. */
  private PrecisionRecall asPrecisionRecall() {
    return new PrecisionRecall(truePositives, falsePositives, falseNegatives);
  }
}
