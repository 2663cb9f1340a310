package io.nvc.synth;

/**
 * An axis-aligned box in continuous pixel coordinates, COCO style {@code [x, y, w, h]}: it covers
 * [x, x + width) x [y, y + height). Immutable and thread-safe.
 */
public record BoundingBox(double x, double y, double width, double height) {

  /** Validates that every value is finite and the size is not negative. */
  public BoundingBox {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !(width >= 0 && Double.isFinite(width))
        || !(height >= 0 && Double.isFinite(height))) {
      throw new IllegalArgumentException("box: expected finite x, y and a non-negative size, found ["
          + x + ", " + y + ", " + width + ", " + height + "]");
    }
  }

  /** Returns {@code width * height}, the area written to COCO files. */
  public double area() {
    return width * height;
  }

  /** Returns whether the point lies in the box, borders included. */
  public boolean contains(double px, double py) {
    return px >= x && px <= x + width && py >= y && py <= y + height;
  }
}
