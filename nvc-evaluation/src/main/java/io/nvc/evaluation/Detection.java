package io.nvc.evaluation;

import io.nvc.dataset.Box;

/**
 * One detection, as in a COCO results file: image, category, box and confidence. Immutable and
 * thread-safe.
 *
 * @param imageId id of the image in the ground-truth dataset
 * @param categoryId category id
 * @param bbox the box
 * @param score confidence
 */
public record Detection(long imageId, int categoryId, Box bbox, double score) {

  /** Validates the score: finite. */
  public Detection {
    if (!Double.isFinite(score)) {
      throw new IllegalArgumentException("detection score must be finite, found " + score);
    }
  }
}
