package io.nvc;

/**
 * A point in continuous pixel coordinates of the original image. Immutable and thread-safe.
 *
 * @param x horizontal coordinate in pixels, finite
 * @param y vertical coordinate in pixels, finite
 */
public record Point(double x, double y) {

  /** Validates that both coordinates are finite. */
  public Point {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException("point coordinates must be finite, found (" + x + ", " + y + ")");
    }
  }

  /** Euclidean distance to {@code other}, in pixels. */
  public double distanceTo(Point other) {
    return Math.hypot(other.x - x, other.y - y);
  }
}
