package io.nvc.dataset;

/**
 * An axis-aligned box {@code [x, y, width, height]} in pixels, COCO's convention: {@code (x, y)} is
 * the top-left corner in continuous coordinates and the box covers {@code [x, x + width) x [y, y +
 * height)}; there is no +1 pixel convention. Immutable and thread-safe.
 *
 * @param x left edge
 * @param y top edge
 * @param width width, at least 0
 * @param height height, at least 0
 */
public record Box(double x, double y, double width, double height) {

  /** Validates the components: all finite, width and height not negative. */
  public Box {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      throw new IllegalArgumentException(
          "box corner must be finite, found x=" + x + ", y=" + y);
    }
    if (!(width >= 0) || !(height >= 0) || Double.isInfinite(width) || Double.isInfinite(height)) {
      throw new IllegalArgumentException(
          "box width and height must be finite and >= 0, found width=" + width + ", height=" + height);
    }
  }

  /**
   * Makes a box from its corners.
   *
   * @param x1 left edge
   * @param y1 top edge
   * @param x2 right edge, at least {@code x1}
   * @param y2 bottom edge, at least {@code y1}
   * @return the box {@code [x1, y1, x2 - x1, y2 - y1]}
   */
  public static Box ofCorners(double x1, double y1, double x2, double y2) {
    return new Box(x1, y1, x2 - x1, y2 - y1);
  }

  /** Returns the right edge {@code x + width}. */
  public double right() {
    return x + width;
  }

  /** Returns the bottom edge {@code y + height}. */
  public double bottom() {
    return y + height;
  }

  /** Returns {@code width * height}. */
  public double area() {
    return width * height;
  }

  /**
   * Intersection over union with another box, pycocotools' formula ({@code bbIou}): no +1, 0 when
   * the boxes do not overlap with a positive width and height.
   *
   * @param other the other box
   * @return the IoU in [0, 1]
   */
  public double iou(Box other) {
    double i = intersection(other);
    return i == 0 ? 0 : i / (area() + other.area() - i);
  }

  /**
   * The IoU pycocotools takes against a crowd ground truth, whose union is this (detected) box's own
   * area: the share of this box inside {@code crowd}.
   *
   * @param crowd the crowd ground-truth box
   * @return the share in [0, 1]
   */
  public double crowdIou(Box crowd) {
    double i = intersection(crowd);
    return i == 0 ? 0 : i / area();
  }

  private double intersection(Box other) {
    double w = Math.min(width + x, other.width + other.x) - Math.max(x, other.x);
    if (w <= 0) {
      return 0;
    }
    double h = Math.min(height + y, other.height + other.y) - Math.max(y, other.y);
    return h <= 0 ? 0 : w * h;
  }
}
