package io.nvc.dataset;

/**
 * One COCO keypoint {@code [x, y, v]}: position in pixels and visibility (0 not labelled, 1 labelled
 * but not visible, 2 labelled and visible). Immutable and thread-safe.
 *
 * @param x horizontal position in pixels
 * @param y vertical position in pixels
 * @param visibility 0, 1 or 2
 */
public record Keypoint(double x, double y, int visibility) {

  /** Validates the components: finite position, visibility 0, 1 or 2. */
  public Keypoint {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("keypoint must be finite, found x=" + x + ", y=" + y);
    }
    if (visibility < 0 || visibility > 2) {
      throw new IllegalArgumentException("keypoint visibility must be 0, 1 or 2, found " + visibility);
    }
  }
}
