package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Hand-computed cases for the Ultralytics convention. */
class UltralyticsEvaluatorTest {

  private static final double EPS = 1e-9;

  /**
   * One class, gts A = [0, 0, 10, 10] and B = [20, 0, 10, 10]; predictions p1 (.9) exactly on A,
   * p2 (.8) on B shifted by 2.3 px (IoU 7.7/12.3 = 0.626: correct at 0.50, 0.55, 0.60), p3 (.7)
   * far away.
   *
   * <p>Thresholds 0.50 to 0.60: TP, TP, FP; recall [.5, 1, 1], precision [1, 1, 2/3]; with the end
   * points the envelope is 1 up to recall 1 and 0 at recall 1 exactly (np.interp takes the last of
   * the repeated recall-1 points), so the trapezoid over 101 points gives 0.99 + 0.01 * 1/2 =
   * 0.995.
   *
   * <p>Thresholds 0.65 to 0.95: TP, FP, FP; recall [.5, .5, .5], precision [1, 1/2, 1/3];
   * envelope: 1 below recall 0.5, 1/3 at 0.5 (the last repeated point), then linear to 0 at 1.
   * Trapezoid: 0.49 + 0.01 * (1 + 1/3) / 2 + 0.5 * (1/3) / 2 = 0.58.
   *
   * <p>mAP50 = 0.995, mAP75 = 0.58, mAP50-95 = (3 * 0.995 + 7 * 0.58) / 10 = 0.7045.
   */
  @Test
  void handComputedSingleClass() {
    UltralyticsEvalResult r =
        UltralyticsEvaluator.evaluate(
            Fixtures.newCase().image(1).category(1, "normal")
                .gt(1, 1, 0, 0, 10, 10).gt(1, 1, 20, 0, 10, 10)
                .dt(1, 1, 0, 0, 10, 10, 0.9).dt(1, 1, 22.3, 0, 10, 10, 0.8)
                .dt(1, 1, 500, 500, 10, 10, 0.7)
                .dataset(),
            Fixtures.newCase().image(1)
                .dt(1, 1, 0, 0, 10, 10, 0.9).dt(1, 1, 22.3, 0, 10, 10, 0.8)
                .dt(1, 1, 500, 500, 10, 10, 0.7).detections);
    assertEquals(0.995, r.map50(), EPS);
    assertEquals(0.58, r.map75(), EPS);
    assertEquals(0.7045, r.map50to95(), EPS);
    assertEquals(1, r.perClass().size());
    assertEquals(0.7045, r.perClass().get(0).ap50to95(), EPS);
    assertEquals(2, r.perClass().get(0).labels());
  }

  /**
   * Classes with labels but no predictions count with AP 0; classes with predictions but no
   * labels are left out; crowd gts are dropped. Class 1 found perfectly by one prediction: recall
   * [1], precision [1]; envelope 1 up to recall 1, 0 at 1: AP 0.995 at every threshold. Class 2
   * (one label, no prediction): 0. Class 3 (prediction only): absent. mAP = 0.4975.
   */
  @Test
  void classesWithoutPredictionsCountAsZero() {
    Fixtures.Case c =
        Fixtures.newCase().image(1).category(1, "a").category(2, "b").category(3, "c")
            .gt(1, 1, 0, 0, 10, 10).gt(1, 2, 100, 100, 10, 10).crowd(1, 3, 300, 300, 50, 50)
            .dt(1, 1, 0, 0, 10, 10, 0.9).dt(1, 3, 300, 300, 50, 50, 0.8);
    UltralyticsEvalResult r = UltralyticsEvaluator.evaluate(c.dataset(), c.detections);
    assertEquals(2, r.perClass().size());
    assertEquals(0.995, r.perClass().get(0).ap50(), EPS);
    assertEquals(0.0, r.perClass().get(1).ap50(), 0.0);
    assertEquals(0.4975, r.map50to95(), EPS);
  }

  /**
   * A prediction whose best gt is taken by a higher-scored prediction is not moved to its second
   * best gt (Ultralytics' unique-by-prediction then unique-by-gt). p1 (.9) overlaps A with IoU
   * 0.9 and B with 0.6; p2 (.8) overlaps A with 0.95 (its best) and nothing else. Each keeps its
   * best gt: p1 → A, p2 → A; A keeps the lower index p1. B stays unmatched although p1 could
   * reach it: at 0.50 one TP out of 2 labels.
   */
  @Test
  void eachGroundTruthKeepsItsFirstPrediction() {
    // A = [0, 0, 100, 100]; p1 = [0, 0, 90, 100]: IoU(A) 0.9; B = [0, 0, 90, 60]... p1 vs B:
    // 5400 / 9000 = 0.6; p2 = [0, 0, 100, 95]: IoU(A) 0.95, IoU(B) 5400 / 9500 = 0.568 < 0.6.
    Fixtures.Case c =
        Fixtures.newCase().image(1).category(1, "a")
            .gt(1, 1, 0, 0, 100, 100).gt(1, 1, 0, 0, 90, 60)
            .dt(1, 1, 0, 0, 90, 100, 0.9).dt(1, 1, 0, 0, 100, 95, 0.8);
    UltralyticsEvalResult r = UltralyticsEvaluator.evaluate(c.dataset(), c.detections);
    // At 0.50: p1 → best A (0.9 > 0.6), p2 → best A (0.95): A keeps p1; p2 is FP.
    // TP, FP: recall [.5, .5], precision [1, .5]; envelope 1 below .5, .5 at .5, linear to 0:
    // 0.49 + 0.01 * 1.5 / 2 + 0.5 * 0.5 / 2 = 0.6225.
    assertEquals(0.6225, r.map50(), EPS);
  }
}
