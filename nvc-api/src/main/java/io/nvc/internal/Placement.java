package io.nvc.internal;

import io.nvc.Point;

/**
 * Where a model input lies in the original image: model pixel {@code (u, v)} (continuous) is image
 * point {@code (originX + u * scaleX, originY + v * scaleY)}. Letterboxes, tiles and crop regions
 * ({@link Crop}) are all placements; every model coordinate goes back to the image through
 * {@link #toImage}.
 *
 * @param originX image x of the model input's left edge (negative when padded on the left)
 * @param originY image y of the model input's top edge
 * @param scaleX image pixels per model pixel, horizontally
 * @param scaleY image pixels per model pixel, vertically
 * @param interiorEdges bit set of the input's edges that lie inside the image next to another tile:
 *     {@link #LEFT}, {@link #TOP}, {@link #RIGHT}, {@link #BOTTOM}
 */
public record Placement(double originX, double originY, double scaleX, double scaleY, int interiorEdges) {

  /** Left edge bit. */
  public static final int LEFT = 1;
  /** Top edge bit. */
  public static final int TOP = 2;
  /** Right edge bit. */
  public static final int RIGHT = 4;
  /** Bottom edge bit. */
  public static final int BOTTOM = 8;

  /** Validates the scales. */
  public Placement {
    if (!(scaleX > 0) || !(scaleY > 0) || !Double.isFinite(scaleX) || !Double.isFinite(scaleY)
        || !Double.isFinite(originX) || !Double.isFinite(originY)) {
      throw new IllegalArgumentException(
          "placement needs finite origin and scales > 0, found origin (" + originX + ", " + originY
              + ") scales " + scaleX + ", " + scaleY);
    }
  }

  /** The image point of model point {@code (u, v)}. */
  public Point toImage(double u, double v) {
    return new Point(imageX(u), imageY(v));
  }

  /** Image x of model x {@code u}. */
  public double imageX(double u) {
    return originX + u * scaleX;
  }

  /** Image y of model y {@code v}. */
  public double imageY(double v) {
    return originY + v * scaleY;
  }

  /** Model x of image x {@code x}. */
  public double modelX(double x) {
    return (x - originX) / scaleX;
  }

  /** Model y of image y {@code y}. */
  public double modelY(double y) {
    return (y - originY) / scaleY;
  }
}
