package io.nvc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvc.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Non-maximum suppression and tile merging. */
class NmsTest {

  static Detection d(double x, double y, double w, double h, int cls, double score, boolean edge) {
    return new Detection(new Box(x, y, w, h), cls, (float) score, edge, null);
  }

  static final java.util.function.IntPredicate CAPILLARY = c -> c != 4;

  @Test
  void classWiseSuppressionKeepsTheBetterOne() {
    var kept = Nms.apply(List.of(d(0, 0, 10, 10, 0, 0.5, false), d(1, 1, 10, 10, 0, 0.9, false),
        d(30, 30, 10, 10, 0, 0.7, false)), 0.5, 1.0, CAPILLARY);
    assertEquals(List.of(0.9f, 0.7f), kept.stream().map(Detection::score).toList());
  }

  @Test
  void iouAtTheThresholdIsKept() {
    // IoU exactly 0.5 is not above 0.5.
    var a = d(0, 0, 30, 10, 0, 0.9, false);
    var b = d(10, 0, 30, 10, 0, 0.8, false);
    assertEquals(0.5, a.box().iou(b.box()), 1e-12);
    assertEquals(2, Nms.apply(List.of(a, b), 0.5, 1.0, CAPILLARY).size());
  }

  @Test
  void crossClassSuppressionOnlyAmongCapillaries() {
    var normal = d(0, 0, 10, 10, 0, 0.9, false);
    var tortuous = d(0.5, 0, 10, 10, 1, 0.8, false);
    var haemorrhage = d(0, 0, 10, 10, 4, 0.7, false);
    var kept = Nms.apply(List.of(normal, tortuous, haemorrhage), 0.5, 0.7, CAPILLARY);
    assertEquals(List.of(normal, haemorrhage), kept);
    assertEquals(3, Nms.apply(List.of(normal, tortuous, haemorrhage), 0.5, 1.0, CAPILLARY).size());
  }

  @Test
  void tiesKeepInputOrder() {
    var first = d(0, 0, 10, 10, 0, 0.8, false);
    var second = d(1, 0, 10, 10, 0, 0.8, false);
    assertEquals(List.of(first), Nms.apply(List.of(first, second), 0.5, 1.0, CAPILLARY));
  }

  @Test
  void cutOffPartsAreDroppedForTheWholeOneOrMerged() {
    var whole = d(100, 100, 40, 120, 0, 0.9, false);
    var part = d(100, 100, 40, 50, 0, 0.95, true);
    assertEquals(List.of(whole), Nms.apply(List.of(whole, part), 0.5, 1.0, CAPILLARY));
    var top = d(200, 100, 40, 80, 3, 0.8, true);
    var bottom = d(200, 130, 40, 80, 3, 0.9, true);
    var merged = Nms.apply(List.of(top, bottom), 0.5, 1.0, CAPILLARY);
    assertEquals(1, merged.size());
    assertEquals(new Box(200, 100, 40, 110), merged.get(0).box());
    assertEquals(0.9f, merged.get(0).score());
  }
}
