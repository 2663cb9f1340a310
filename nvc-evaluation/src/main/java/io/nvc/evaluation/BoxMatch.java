package io.nvc.evaluation;

import io.nvc.dataset.CocoAnnotation;

/**
 * A detection matched to a ground-truth box by {@link FixedThresholdEvaluator}. Immutable and
 * thread-safe.
 *
 * @param truth the ground-truth annotation (with its true measurements and size in extra fields)
 * @param detectionIndex index of the detection in the list given to the evaluator
 * @param iou their IoU
 */
public record BoxMatch(CocoAnnotation truth, int detectionIndex, double iou) {

  /** Validates the components: index not negative, IoU in [0, 1]. */
  public BoxMatch {
    if (detectionIndex < 0 || !(iou >= 0 && iou <= 1)) {
      throw new IllegalArgumentException(
          "expected detection index >= 0 and IoU in [0, 1], found " + detectionIndex + " and "
              + iou);
    }
  }
}
