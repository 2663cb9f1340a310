package io.nvc.internal;

import io.nvc.Box;
import io.nvc.Point;

/**
 * A crop model's input cut around one box, turned by a multiple of 90 degrees so that a capillary meets
 * the model the way up it was trained on. The model input of {@code width x height} shows the image
 * region that {@code region} places, turned {@code quarterTurns} times counter-clockwise as displayed
 * (image y down): with one turn, what points right in the image points up in the input. The region's
 * own grid is {@code height x width} for odd turns.
 *
 * @param region the unturned region: its grid pixel {@code (u, v)} is image point
 *     {@code region.toImage(u, v)}
 * @param quarterTurns counter-clockwise quarter turns, 0 to 3
 * @param width model input width
 * @param height model input height
 */
public record Crop(Placement region, int quarterTurns, int width, int height) {

  /** Validates the turns and size. */
  public Crop {
    if (quarterTurns < 0 || quarterTurns > 3 || width < 1 || height < 1) {
      throw new IllegalArgumentException("crop needs 0-3 quarter turns and a size >= 1, found "
          + quarterTurns + " turns, " + width + "x" + height);
    }
  }

  /**
   * The crop of a capillary: {@code box} grown by {@code margin} of its size on each side, widened to
   * the input's aspect (as turned), centred on the box, uniform scale. Parts outside the image are
   * filled by repeating the edge (see {@link TensorPacker}).
   */
  public static Crop around(Box box, InputSpec in, double margin, int quarterTurns) {
    boolean odd = quarterTurns % 2 == 1;
    int gridWidth = odd ? in.height() : in.width();
    int gridHeight = odd ? in.width() : in.height();
    double aspect = (double) gridWidth / gridHeight;
    double w = Math.max(box.width() * (1 + 2 * margin), box.height() * (1 + 2 * margin) * aspect);
    double h = w / aspect;
    Point c = box.centre();
    double scale = w / gridWidth;
    return new Crop(new Placement(c.x() - w / 2, c.y() - h / 2, scale, scale, 0), quarterTurns, in.width(),
        in.height());
  }

  /** The image point of model point {@code (u, v)} (continuous, pixel edges at integers). */
  public Point toImage(double u, double v) {
    return switch (quarterTurns) {
      case 0 -> region.toImage(u, v);
      case 1 -> region.toImage(height - v, u);
      case 2 -> region.toImage(width - u, height - v);
      default -> region.toImage(v, width - u);
    };
  }

  /**
   * Index, within the model input's {@code width x height} plane, of the model pixel that shows grid
   * pixel {@code (u, v)} of the region.
   */
  int modelIndex(int u, int v) {
    return switch (quarterTurns) {
      case 0 -> v * width + u;
      case 1 -> (height - 1 - u) * width + v;
      case 2 -> (height - 1 - v) * width + (width - 1 - u);
      default -> u * width + (width - 1 - v);
    };
  }
}
