package io.nvc.synth;

/**
 * A keypoint in continuous pixel coordinates (pixel (i, j) covers [i, i+1) x [j, j+1)) with its COCO
 * visibility: 0 not in the image (then x = y = 0), 1 labelled but faint (capillaries behind the distal
 * row), 2 visible. Immutable and thread-safe.
 */
public record Keypoint(double x, double y, int visibility) {

  /** Validates the coordinates and the visibility. */
  public Keypoint {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("keypoint: expected finite coordinates, found " + x + ", " + y);
    }
    if (visibility < 0 || visibility > 2) {
      throw new IllegalArgumentException("keypoint visibility: expected 0, 1 or 2, found " + visibility);
    }
  }

  /** Returns the distance to another keypoint, in pixels. */
  public double distanceTo(Keypoint other) {
    return StrictMath.hypot(x - other.x, y - other.y);
  }
}
