package io.nvc.evaluation;

/**
 * Per-class AP in the Ultralytics convention. Immutable and thread-safe.
 *
 * @param categoryId category id
 * @param name category name
 * @param ap50 AP at IoU 0.50
 * @param ap50to95 AP averaged over IoU 0.50:0.05:0.95
 * @param labels number of ground-truth boxes of the class
 */
public record UltralyticsClassAp(int categoryId, String name, double ap50, double ap50to95,
    int labels) {

  /** Validates the components: AP in [0, 1], labels at least 1. */
  public UltralyticsClassAp {
    if (!(ap50 >= 0 && ap50 <= 1 + 1e-12) || !(ap50to95 >= 0 && ap50to95 <= 1 + 1e-12)) {
      throw new IllegalArgumentException(
          "AP must be in [0, 1], found ap50=" + ap50 + " ap50to95=" + ap50to95);
    }
    if (labels < 1) {
      throw new IllegalArgumentException("labels must be >= 1, found " + labels);
    }
  }
}
