package io.nvc.testing;

import io.nvc.Box;
import io.nvc.Point;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws marker scenes for {@link MarkerBackend}: each capillary is a square of its class colour with six
 * keypoint dots (apex up along a direction of the caller's choice) and a grey square at its centre
 * that tells the visual-size model its size class; each haemorrhage is a magenta rectangle.
 */
public final class MarkerScene {

  /** Class colours in detector class order: normal, tortuous, ramified, giant, haemorrhage. */
  static final int[][] CLASS_COLOURS = {
    {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}, {255, 0, 255}
  };

  /** Red level of each keypoint's dot (green and blue are 255), in keypoint order. */
  static final int[] KEYPOINT_RED = {20, 60, 100, 140, 180, 220};

  /** Grey levels of the centre square for visual sizes normal, enlarged, giant. */
  static final int[] SIZE_GREYS = {60, 120, 180};

  /** Keypoint names in order, as the marker manifests declare them. */
  public static final List<String> KEYPOINTS = List.of("apex_outer", "apex_inner", "left_limb_outer",
      "left_limb_inner", "right_limb_inner", "right_limb_outer");

  private static final int DOT = 9;

  /**
   * One capillary marker.
   *
   * @param classIndex detector class (0 normal, 1 tortuous, 2 ramified, 3 giant)
   * @param centre centre of its square
   * @param side side of its square in pixels
   * @param angleDegrees direction of the apex: 0 is image-up, positive turns clockwise
   * @param apicalPx distance between the apex dots
   * @param leftLimbPx distance between the left limb dots
   * @param rightLimbPx distance between the right limb dots
   * @param visualSize 0 normal, 1 enlarged, 2 giant, -1 for no centre square
   * @param drawApex false to leave out the apex dots (a capillary whose apex is not visible)
   * @param drawLimbs false to leave out the limb dots (a capillary whose limbs are not measurable)
   */
  public record Capillary(
      int classIndex, Point centre, double side, double angleDegrees, double apicalPx,
      double leftLimbPx, double rightLimbPx, int visualSize, boolean drawApex, boolean drawLimbs) {

    /** A capillary with its limb dots drawn. */
    public Capillary(
        int classIndex, Point centre, double side, double angleDegrees, double apicalPx,
        double leftLimbPx, double rightLimbPx, int visualSize, boolean drawApex) {
      this(classIndex, centre, side, angleDegrees, apicalPx, leftLimbPx, rightLimbPx, visualSize, drawApex,
          true);
    }

    /** An upright capillary with its apex drawn. */
    public static Capillary upright(
        int classIndex, double cx, double cy, double side, double apicalPx, double leftLimbPx,
        double rightLimbPx, int visualSize) {
      return new Capillary(classIndex, new Point(cx, cy), side, 0, apicalPx, leftLimbPx, rightLimbPx,
          visualSize, true);
    }

    /** The square's box. */
    public Box box() {
      return new Box(centre.x() - side / 2, centre.y() - side / 2, side, side);
    }

    /** The six keypoint positions in keypoint order. */
    public List<Point> keypoints() {
      double a = Math.toRadians(angleDegrees);
      double dx = Math.sin(a);
      double dy = -Math.cos(a);
      double tx = -dy;
      double ty = dx;
      double apex = 0.40 * side;
      double base = -0.15 * side;
      double limb = 0.38 * side;
      List<Point> p = new ArrayList<>();
      p.add(at(apex, 0, dx, dy, tx, ty));
      p.add(at(apex - apicalPx, 0, dx, dy, tx, ty));
      p.add(at(base, -limb, dx, dy, tx, ty));
      p.add(at(base, -limb + leftLimbPx, dx, dy, tx, ty));
      p.add(at(base, limb - rightLimbPx, dx, dy, tx, ty));
      p.add(at(base, limb, dx, dy, tx, ty));
      return p;
    }

    private Point at(double along, double across, double dx, double dy, double tx, double ty) {
      return new Point(centre.x() + along * dx + across * tx, centre.y() + along * dy + across * ty);
    }
  }

  private MarkerScene() {}

  /** Draws the scene on a grey background as an 8-bit RGB image of {@code type}. */
  public static BufferedImage draw(
      int width, int height, int type, List<Capillary> capillaries, List<Box> haemorrhages) {
    BufferedImage img = new BufferedImage(width, height, type);
    Graphics2D g = img.createGraphics();
    try {
      g.setColor(new Color(128, 128, 128));
      g.fillRect(0, 0, width, height);
      for (Box h : haemorrhages) {
        g.setColor(colour(CLASS_COLOURS[4]));
        g.fillRect((int) h.x(), (int) h.y(), (int) h.width(), (int) h.height());
      }
      for (Capillary c : capillaries) {
        Box b = c.box();
        g.setColor(colour(CLASS_COLOURS[c.classIndex()]));
        g.fillRect((int) Math.round(b.x()), (int) Math.round(b.y()), (int) b.width(), (int) b.height());
        if (c.visualSize() >= 0) {
          int grey = SIZE_GREYS[c.visualSize()];
          g.setColor(new Color(grey, grey, grey));
          g.fillRect((int) Math.round(c.centre().x() - 4), (int) Math.round(c.centre().y() - 4), 9, 9);
        }
        List<Point> kp = c.keypoints();
        for (int k = 0; k < kp.size(); k++) {
          if (k < 2 ? !c.drawApex() : !c.drawLimbs()) {
            continue;
          }
          g.setColor(new Color(KEYPOINT_RED[k], 255, 255));
          g.fillRect((int) Math.round(kp.get(k).x() - DOT / 2.0), (int) Math.round(kp.get(k).y() - DOT / 2.0),
              DOT, DOT);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  private static Color colour(int[] c) {
    return new Color(c[0], c[1], c[2]);
  }
}
