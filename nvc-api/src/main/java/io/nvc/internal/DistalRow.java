package io.nvc.internal;

import io.nvc.Box;
import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.Measurement;
import io.nvc.Point;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the most distal row of capillaries and its density, for rows at any angle.
 *
 * <ol>
 *   <li><b>Distal direction.</b> Each capillary with an apical measurement points from its base to the
 *       midpoint of its apical measurement (the apex); the base is the midpoint of its limb measurements,
 *       or without them its box's centre (a loop's box is longest along its axis, with the apex at one
 *       end). The mean of these unit vectors is the distal direction {@code d}; with fewer than two such
 *       capillaries, or when they disagree (mean length below 0.3), {@code d} is image-up. The row runs
 *       along {@code t}, perpendicular to {@code d}.
 *   <li><b>Heads.</b> Each capillary's head is its apex, or without one the point of its box furthest
 *       along {@code d}. Loop width across {@code t} and length along {@code d} come from the limb and
 *       apex keypoints, or from the box's extents.
 *   <li><b>Row.</b> A loop whose apex the keypoint model located is confirmed; a detection without one
 *       may be a stray (a fleck in the cuticle ahead of the row, say: such detections rarely get an
 *       apex). A capillary is in the distal row when no confirmed loop lies in front of it (its head
 *       within 1.5 median loop widths of it along the row and more than one median loop length further
 *       along {@code d}: the apices of one row scatter about it by up to half a loop length, so a
 *       nearer neighbour is a staggered loop of the same row, not one in front), and when its head lies
 *       within one median loop length of the row's front, ahead or behind. The front is the second most
 *       distal head among the confirmed loops that pass the first test (among all that pass it when
 *       fewer than two are confirmed), so that one stray ahead of the row does not move it. On
 *       calibrated images each loop's front is taken in the same way among the loops that pass the
 *       first test within 1 mm of it along the row, when at least three of those are confirmed: a row
 *       bows (its middle lies 100-180 um behind its ends over 1.8-2.6 mm in the reference photos), and
 *       in a wide field the middle would fall behind a front set by the ends. There the most distal of
 *       them is the front instead when the second lies more than a median loop length behind it and it
 *       lies within one of the whole row's front: a lone distal loop in a sparse row, the second a loop
 *       of the row behind. Loops of a deeper row seen through an avascular area of the distal row pass
 *       the first test but lie further back (unless the area spans more than the 2 mm window, which
 *       then sets its front in the row behind); strays far ahead lie beyond the front. (A median over
 *       neighbours would not do as the reference: where the distal row is sparse, the loops seen
 *       through its gaps outnumber it.)
 *   <li><b>Density</b> (calibrated images only): distal capillaries divided by the length, in
 *       millimetres, of the chord that the row's line (through the mean head position, along {@code t})
 *       cuts through the image. Non-square pixels are handled by measuring the chord with the
 *       calibration's x and y scales.
 * </ol>
 * Stateless and thread-safe.
 */
public final class DistalRow {

  /** Half the width of the stretch of row, in micrometres, whose loops set a loop's front. */
  private static final double FRONT_WINDOW_UM = 1000;

  /** Confirmed loops a window needs to set its own front; with fewer, the whole row's front applies. */
  private static final int MIN_CONFIRMED_IN_WINDOW = 3;

  private DistalRow() {}

  /**
   * The outcome.
   *
   * @param distal distal-row flag per capillary, in input order
   * @param densityPerMm capillaries per mm along the row, or null without calibration or distal row
   * @param direction the distal direction {@code (dx, dy)}, a unit vector
   */
  public record Result(boolean[] distal, @Nullable Double densityPerMm, double[] direction) {}

  /** Finds the distal row among {@code capillaries} of an image of {@code width x height}. */
  public static Result find(
      List<CapillaryFinding> capillaries, int width, int height, @Nullable Calibration calibration) {
    int n = capillaries.size();
    boolean[] distal = new boolean[n];
    if (n == 0) {
      return new Result(distal, null, new double[] {0, -1});
    }
    List<Loop> loops = capillaries.stream().map(Loop::of).toList();
    double[] d = direction(loops);
    double tx = -d[1];
    double ty = d[0];
    double[] along = new double[n];
    double[] across = new double[n];
    double[] loopWidth = new double[n];
    double[] loopLength = new double[n];
    for (int i = 0; i < n; i++) {
      CapillaryFinding c = capillaries.get(i);
      var box = c.box();
      Point apex = mid(c.apical());
      Point base = base(loops.get(i));
      double boxAlong = Math.abs(box.width() * d[0]) + Math.abs(box.height() * d[1]);
      double boxAcross = Math.abs(box.width() * tx) + Math.abs(box.height() * ty);
      Point centre = box.centre();
      Point head = apex != null ? apex
          : new Point(centre.x() + d[0] * boxAlong / 2, centre.y() + d[1] * boxAlong / 2);
      along[i] = head.x() * d[0] + head.y() * d[1];
      across[i] = head.x() * tx + head.y() * ty;
      if (apex != null && base != null) {
        loopLength[i] = 2 * Math.abs((apex.x() - base.x()) * d[0] + (apex.y() - base.y()) * d[1]);
      } else {
        loopLength[i] = boxAlong;
      }
      Point l1 = mid(c.arterial());
      Point l2 = mid(c.venous());
      if (l1 != null && l2 != null) {
        loopWidth[i] = Math.abs((l1.x() - l2.x()) * tx + (l1.y() - l2.y()) * ty)
            + (c.arterial().pixels() + c.venous().pixels()) / 2;
      } else {
        loopWidth[i] = boxAcross;
      }
    }
    double medianWidth = median(loopWidth);
    double medianLength = median(loopLength);
    boolean[] front = new boolean[n];
    for (int i = 0; i < n; i++) {
      boolean covered = false;
      for (int j = 0; j < n && !covered; j++) {
        covered = j != i && capillaries.get(j).apical() != null
            && Math.abs(across[j] - across[i]) < 1.5 * medianWidth && along[j] > along[i] + medianLength;
      }
      front[i] = !covered;
    }
    double globalFront = secondOrOnly(mostDistal(capillaries, along, front));
    // Half the stretch of row, in pixels along t, whose loops set a loop's front: 1 mm when calibrated.
    double window = calibration == null ? 0 : FRONT_WINDOW_UM / calibration.micrometres(tx, ty);
    boolean[] near = new boolean[n];
    int count = 0;
    double sumX = 0;
    double sumY = 0;
    for (int i = 0; i < n; i++) {
      if (!front[i]) {
        continue;
      }
      double rowFront = globalFront;
      if (calibration != null) {
        int confirmedNear = 0;
        for (int j = 0; j < n; j++) {
          near[j] = front[j] && Math.abs(across[j] - across[i]) <= window;
          if (near[j] && capillaries.get(j).apical() != null) {
            confirmedNear++;
          }
        }
        if (confirmedNear >= MIN_CONFIRMED_IN_WINDOW) {
          double[] top = mostDistal(capillaries, along, near);
          // A lone distal loop among deeper ones seen through gaps beside it: it lies at the row's front
          // and the second most distal apex a row behind it.
          boolean lone = top[0] - top[1] > medianLength && Math.abs(top[0] - globalFront) <= medianLength;
          rowFront = lone ? top[0] : top[1];
        }
      }
      distal[i] = Math.abs(along[i] - rowFront) <= medianLength;
      if (distal[i]) {
        count++;
        sumX += along[i] * d[0] + across[i] * tx;
        sumY += along[i] * d[1] + across[i] * ty;
      }
    }
    Double density = null;
    if (calibration != null && count > 0) {
      double chordPx = chord(sumX / count, sumY / count, tx, ty, width, height);
      double chordUm = calibration.micrometres(chordPx * tx, chordPx * ty);
      if (chordUm > 0) {
        density = count / (chordUm / 1000.0);
      }
    }
    return new Result(distal, density, d);
  }

  /**
   * The two most distal heads along {@code d} (largest first, negative infinity where missing) among the
   * capillaries {@code among} with a located apex, or among all of them when fewer than two have one.
   */
  private static double[] mostDistal(List<CapillaryFinding> capillaries, double[] along, boolean[] among) {
    double[] confirmed = new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    double[] any = new double[] {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int confirmedCount = 0;
    for (int i = 0; i < along.length; i++) {
      if (!among[i]) {
        continue;
      }
      topTwo(any, along[i]);
      if (capillaries.get(i).apical() != null) {
        topTwo(confirmed, along[i]);
        confirmedCount++;
      }
    }
    return confirmedCount >= 2 ? confirmed : any;
  }

  /**
   * The row's front from its two most distal heads: the second, so that one stray loop ahead of the row
   * does not move it, or the only one.
   */
  private static double secondOrOnly(double[] top) {
    return top[1] == Double.NEGATIVE_INFINITY ? top[0] : top[1];
  }

  /** Keeps the two largest values seen in {@code top} (largest first). */
  private static void topTwo(double[] top, double value) {
    if (value > top[0]) {
      top[1] = top[0];
      top[0] = value;
    } else if (value > top[1]) {
      top[1] = value;
    }
  }

  /**
   * What the distal direction is read from: a capillary's box and its calibre measurements, each null
   * when not measured.
   */
  public record Loop(
      Box box, @Nullable Measurement apical, @Nullable Measurement arterial, @Nullable Measurement venous) {

    static Loop of(CapillaryFinding c) {
      return new Loop(c.box(), c.apical(), c.arterial(), c.venous());
    }
  }

  /**
   * The distal direction {@code (dx, dy)}, a unit vector: the mean of the loops' unit vectors from base
   * (midpoint of the limb measurements, else the box centre) to apex (midpoint of the apical
   * measurement), over the loops with an apex; image-up with fewer than two of them or when they
   * disagree (mean length below 0.3).
   */
  public static double[] direction(List<Loop> loops) {
    double sx = 0;
    double sy = 0;
    int m = 0;
    for (Loop c : loops) {
      Point apex = mid(c.apical());
      if (apex == null) {
        continue;
      }
      Point base = base(c);
      if (base == null) {
        base = c.box().centre();
      }
      double dx = apex.x() - base.x();
      double dy = apex.y() - base.y();
      double len = Math.hypot(dx, dy);
      if (len > 0) {
        sx += dx / len;
        sy += dy / len;
        m++;
      }
    }
    double len = Math.hypot(sx, sy);
    if (m < 2 || len < 0.3 * m) {
      return new double[] {0, -1};
    }
    return new double[] {sx / len, sy / len};
  }

  /**
   * Counter-clockwise quarter turns (0 to 3, as displayed) that bring direction {@code d} nearest to
   * image-up: 0 within 45 degrees of up, 1 for right, 2 for down, 3 for left.
   */
  public static int uprightTurns(double[] d) {
    double[] upness = {-d[1], d[0], d[1], -d[0]};
    int best = 0;
    for (int k = 1; k < 4; k++) {
      if (upness[k] > upness[best]) {
        best = k;
      }
    }
    return best;
  }

  private static @Nullable Point base(Loop c) {
    Point a = mid(c.arterial());
    Point v = mid(c.venous());
    if (a != null && v != null) {
      return new Point((a.x() + v.x()) / 2, (a.y() + v.y()) / 2);
    }
    return a != null ? a : v;
  }

  private static @Nullable Point mid(@Nullable Measurement m) {
    return m == null ? null
        : new Point((m.start().x() + m.end().x()) / 2, (m.start().y() + m.end().y()) / 2);
  }

  /** Length of the line through {@code (px, py)} along unit {@code (tx, ty)} inside the image. */
  static double chord(double px, double py, double tx, double ty, int width, int height) {
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    double[][] axes = {{px, tx, width}, {py, ty, height}};
    for (double[] a : axes) {
      if (Math.abs(a[1]) < 1e-12) {
        if (a[0] < 0 || a[0] > a[2]) {
          return 0;
        }
        continue;
      }
      double u1 = (0 - a[0]) / a[1];
      double u2 = (a[2] - a[0]) / a[1];
      lo = Math.max(lo, Math.min(u1, u2));
      hi = Math.min(hi, Math.max(u1, u2));
    }
    return Math.max(0, hi - lo);
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }
}
