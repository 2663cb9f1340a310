package io.nvc.internal;

import io.nvc.Box;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Non-maximum suppression and the merge of tiled detections. Stateless and thread-safe.
 *
 * <p>Order: (1) a detection cut off at an interior tile edge is dropped when it mostly lies inside (half
 * of the smaller box) a whole detection of the same kind (capillary or haemorrhage), which the
 * neighbouring tile saw; cut-off detections that only overlap each other (an object larger than the
 * tile overlap, seen in part by two tiles) are merged into the union of their boxes with the better
 * score and class; (2) greedy class-wise NMS in descending score (stable for ties): a detection is
 * suppressed by a kept one of the same class with IoU above {@code iou}; (3) the same across capillary
 * classes with {@code crossClassIou}, so that one capillary is not reported as two shapes.
 */
public final class Nms {

  private Nms() {}

  /**
   * Applies the three steps; returns the kept detections in descending score.
   *
   * @param isCapillary whether a class index is a capillary class (rather than haemorrhage)
   */
  public static List<Detection> apply(
      List<Detection> detections, double iou, double crossClassIou, IntPredicate isCapillary) {
    List<Detection> sorted = new ArrayList<>(detections);
    sorted.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
    List<Detection> whole = new ArrayList<>(sorted.size());
    List<Detection> partial = new ArrayList<>();
    for (Detection d : sorted) {
      (d.atTileEdge() ? partial : whole).add(d);
    }
    List<Detection> merged = new ArrayList<>();
    for (Detection p : partial) {
      if (whole.stream().anyMatch(w -> sameKind(w, p, isCapillary) && mostlyOverlap(w, p))) {
        continue;
      }
      int into = -1;
      for (int i = 0; i < merged.size() && into < 0; i++) {
        if (sameKind(merged.get(i), p, isCapillary) && mostlyOverlap(merged.get(i), p)) {
          into = i;
        }
      }
      if (into < 0) {
        merged.add(p);
      } else {
        Detection m = merged.get(into);
        Box u = Box.fromCorners(Math.min(m.box().x(), p.box().x()), Math.min(m.box().y(), p.box().y()),
            Math.max(m.box().maxX(), p.box().maxX()), Math.max(m.box().maxY(), p.box().maxY()));
        merged.set(into, new Detection(u, m.classIndex(), m.score(), true, m.classScores()));
      }
    }
    whole.addAll(merged);
    whole.sort(Comparator.comparingDouble((Detection d) -> d.score()).reversed());
    List<Detection> kept = new ArrayList<>();
    for (Detection d : whole) {
      boolean suppressed = false;
      for (Detection k : kept) {
        boolean sameClass = k.classIndex() == d.classIndex();
        boolean bothCapillaries = isCapillary.test(k.classIndex()) && isCapillary.test(d.classIndex());
        double overlap = k.box().iou(d.box());
        if ((sameClass && overlap > iou) || (!sameClass && bothCapillaries && overlap > crossClassIou)) {
          suppressed = true;
          break;
        }
      }
      if (!suppressed) {
        kept.add(d);
      }
    }
    return kept;
  }

  private static boolean sameKind(Detection a, Detection b, IntPredicate isCapillary) {
    return isCapillary.test(a.classIndex()) == isCapillary.test(b.classIndex());
  }

  /** Whether the intersection covers at least half of the smaller box. */
  private static boolean mostlyOverlap(Detection a, Detection b) {
    double iw = Math.min(a.box().maxX(), b.box().maxX()) - Math.max(a.box().x(), b.box().x());
    double ih = Math.min(a.box().maxY(), b.box().maxY()) - Math.max(a.box().y(), b.box().y());
    return iw > 0 && ih > 0 && iw * ih >= 0.5 * Math.min(a.box().area(), b.box().area());
  }
}
