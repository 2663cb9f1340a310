package io.nvc;

/**
 * An axis-aligned box in continuous pixel coordinates of the original image. Immutable and thread-safe.
 *
 * @param x left edge in pixels
 * @param y top edge in pixels
 * @param width width in pixels, {@code >= 0}
 * @param height height in pixels, {@code >= 0}
 */
public record Box(double x, double y, double width, double height) {

  /** Validates that all values are finite and the size is not negative. */
  public Box {
    if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(width) || !Double.isFinite(height)) {
      throw new IllegalArgumentException(
          "box values must be finite, found x=" + x + " y=" + y + " width=" + width + " height=" + height);
    }
    if (width < 0 || height < 0) {
      throw new IllegalArgumentException(
          "box size must be >= 0, found width=" + width + " height=" + height);
    }
  }

  /** Creates a box from its corners {@code (x1, y1)} (top left) and {@code (x2, y2)} (bottom right). */
  public static Box fromCorners(double x1, double y1, double x2, double y2) {
    return new Box(Math.min(x1, x2), Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1));
  }

  /** Right edge, {@code x + width}. */
  public double maxX() {
    return x + width;
  }

  /** Bottom edge, {@code y + height}. */
  public double maxY() {
    return y + height;
  }

  /** Area in square pixels. */
  public double area() {
    return width * height;
  }

  /** The centre point. */
  public Point centre() {
    return new Point(x + width / 2, y + height / 2);
  }

  /** Intersection over union with {@code other}; 0 when either box is empty. */
  public double iou(Box other) {
    double iw = Math.min(maxX(), other.maxX()) - Math.max(x, other.x);
    double ih = Math.min(maxY(), other.maxY()) - Math.max(y, other.y);
    if (iw <= 0 || ih <= 0) {
      return 0;
    }
    double intersection = iw * ih;
    return intersection / (area() + other.area() - intersection);
  }

  /** This box clipped to {@code [0, width) x [0, height)}; may become empty. */
  public Box clip(double imageWidth, double imageHeight) {
    double x1 = Math.max(0, Math.min(imageWidth, x));
    double y1 = Math.max(0, Math.min(imageHeight, y));
    double x2 = Math.max(0, Math.min(imageWidth, maxX()));
    double y2 = Math.max(0, Math.min(imageHeight, maxY()));
    return new Box(x1, y1, x2 - x1, y2 - y1);
  }
}
