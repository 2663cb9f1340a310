package io.nvc.evaluation;

/**
 * Per-category COCO average precision (area all, 100 detections), computed from the same
 * precision array as {@link CocoStats}: mean over IoU thresholds and recall points of the entries
 * above -1. All values are -1 for a category without ground truth. Immutable and thread-safe.
 *
 * @param categoryId category id
 * @param name category name
 * @param ap AP at IoU 0.50:0.95
 * @param ap50 AP at IoU 0.50
 * @param ap75 AP at IoU 0.75
 * @param groundTruth number of non-crowd ground-truth boxes of the category
 */
public record CategoryAp(int categoryId, String name, double ap, double ap50, double ap75,
    int groundTruth) {

  /** Validates the components: AP values -1 or in [0, 1], count not negative. */
  public CategoryAp {
    for (double v : new double[] {ap, ap50, ap75}) {
      if (!(v == -1 || (v >= 0 && v <= 1 + 1e-12))) {
        throw new IllegalArgumentException("category AP must be -1 or in [0, 1], found " + v);
      }
    }
    if (groundTruth < 0) {
      throw new IllegalArgumentException(
          "ground-truth count must be >= 0, found " + groundTruth);
    }
  }
}
