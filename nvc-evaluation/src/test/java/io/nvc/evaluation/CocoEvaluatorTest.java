package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed cases for each pycocotools convention. Notation: {@code sp = np.spacing(1)}; with
 * one true positive pycocotools' precision is {@code 1 / (1 + sp)}, one ulp below 1, which is why
 * some expected values are {@link #ONE_TP} rather than 1.
 */
class CocoEvaluatorTest {

  /** pycocotools' precision after exactly one true positive and no false positive. */
  private static final double ONE_TP = 1.0 / (1.0 + Math.ulp(1.0));

  private static final double EPS = 1e-12;

  private static void assertStats(CocoStats s, double... expected) {
    List<Double> v = s.values();
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], v.get(i), EPS, CocoStats.NAMES.get(i));
    }
  }

  /**
   * A published pycocotools result: the bbox example of torchmetrics' {@code
   * MeanAveragePrecision} docstring (Lightning-AI/torchmetrics,
   * src/torchmetrics/detection/mean_ap.py, default backend pycocotools), pred xyxy [258, 41, 606,
   * 285] score 0.536, target xyxy [214, 41, 562, 285]: map 0.6, map_50 1, map_75 1, map_small -1,
   * map_medium -1, map_large 0.6, mar_1/10/100 0.6, mar_small -1, mar_medium -1, mar_large 0.6. By
   * hand: IoU = 304*244 / (392*244) = 0.7755, a true positive at the 6 thresholds 0.50 to 0.75;
   * area 348*244 = 84912 is large.
   */
  @Test
  void reproducesPublishedPycocotoolsExample() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(0, "c0")
            .gt(1, 0, 214, 41, 562 - 214, 285 - 41)
            .dt(1, 0, 258, 41, 606 - 258, 285 - 41, 0.536)
            .coco();
    assertStats(r.stats(), 0.6, 1, 1, -1, -1, 0.6, 0.6, 0.6, 0.6, -1, -1, 0.6);
    assertEquals(
        String.join("\n",
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.600",
            " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 1.000",
            " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 1.000",
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000",
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
            " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.600",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.600",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.600",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.600",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = -1.000",
            " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.600"),
        r.stats().summary());
  }

  /**
   * One perfect detection: precision {@code 1/(1+sp)} at every recall point, exactly (the mean of
   * 1010 equal values is that value). Two: the second precision is {@code 2/(2+sp) = 1} exactly
   * and the monotone envelope lifts the first, so AP is exactly 1.
   */
  @Test
  void spacingInPrecisionIsReproducedBitForBit() {
    CocoEvalResult one =
        Fixtures.newCase().image(1).category(1, "a").gt(1, 1, 0, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).coco();
    assertEquals(ONE_TP, one.stats().ap(), 0.0);
    assertTrue(one.stats().ap() < 1.0);
    assertEquals(1.0, one.stats().ar100(), 0.0);
    CocoEvalResult two =
        Fixtures.newCase().image(1).category(1, "a")
            .gt(1, 1, 0, 0, 50, 50).gt(1, 1, 100, 100, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).dt(1, 1, 100, 100, 50, 50, 0.8).coco();
    assertEquals(1.0, two.stats().ap(), 0.0);
  }

  /**
   * Crowd ground truth: a detection inside a crowd box matches it (IoU = intersection / the
   * detection's own area = 1) and is ignored, however many times; the crowd is not counted as
   * ground truth. Only the regular gt's true positive remains: AP = 1/(1+sp). Without crowd
   * handling the two detections at 0.95 and 0.9 would be false positives ranked first.
   */
  @Test
  void crowdAbsorbsDetectionsAndIsNotCounted() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a")
            .crowd(1, 1, 0, 0, 200, 200)
            .gt(1, 1, 500, 500, 50, 50)
            .dt(1, 1, 10, 10, 20, 20, 0.95)
            .dt(1, 1, 50, 50, 30, 30, 0.9)
            .dt(1, 1, 500, 500, 50, 50, 0.8)
            .coco();
    assertEquals(ONE_TP, r.stats().ap(), EPS);
    assertEquals(1.0, r.stats().ar100(), EPS);
    assertEquals(1, r.perCategory().get(0).groundTruth());
  }

  /**
   * A detection overlapping a regular gt (IoU 0.6) and a crowd (IoU 1 by the crowd rule): the
   * regular gt is sorted first and, once matched, the loop breaks at the ignored crowd, so the
   * detection is a true positive at thresholds 0.50 to 0.60 (3 of 10), not ignored.
   */
  @Test
  void regularGroundTruthIsPreferredOverIgnoredOne() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a")
            .crowd(1, 1, 0, 0, 100, 100)
            .gt(1, 1, 0, 0, 100, 60)
            .dt(1, 1, 0, 0, 100, 100, 0.9)
            .coco();
    // IoU with the regular gt = 6000 / 10000 = 0.6.
    assertEquals(ONE_TP * 3 / 10, r.stats().ap(), EPS);
    assertEquals(ONE_TP, r.stats().ap50(), EPS);
    assertEquals(0.0, r.stats().ap75(), EPS);
    assertEquals(0.3, r.stats().ar100(), EPS);
  }

  /**
   * Area ranges with inclusive bounds on the gt's stored area: gt S (10x10, area 100, small), gt B
   * (box 10x10 but area 1024 = 32^2: both small and medium), gt L (100x100, large). Perfect
   * detections S .9, B .8, L .7. Small: S and B count, L is ignored and so is its detection
   * (matched to an ignored gt): two true positives, AP exactly 1. Medium: only B counts; the
   * detections of S and L match ignored gts and are ignored: AP 1/(1+sp), AR 1. Large: only L
   * counts; the detections of S and B match ignored gts: AP 1/(1+sp), AR 1.
   */
  @Test
  void areaRangesUseStoredAreaWithInclusiveBounds() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a")
            .gt(1, 1, 0, 0, 10, 10)
            .gtArea(1, 1, 100, 100, 10, 10, 1024)
            .gt(1, 1, 300, 300, 100, 100)
            .dt(1, 1, 0, 0, 10, 10, 0.9)
            .dt(1, 1, 100, 100, 10, 10, 0.8)
            .dt(1, 1, 300, 300, 100, 100, 0.7)
            .coco();
    assertEquals(1.0, r.stats().apSmall(), EPS);
    assertEquals(ONE_TP, r.stats().apMedium(), EPS);
    assertEquals(ONE_TP, r.stats().apLarge(), EPS);
    assertEquals(1.0, r.stats().arSmall(), EPS);
    assertEquals(1.0, r.stats().arMedium(), EPS);
    assertEquals(1.0, r.stats().arLarge(), EPS);
  }

  /**
   * Unmatched detections outside the area range are ignored, inside it they are false positives.
   * One small gt found by a detection at 0.5; a large false positive at 0.9 and a small false
   * positive at 0.8. Small range: the large FP is ignored; order FP(.8), TP(.5): precision [0,
   * 1/2], envelope [1/2, 1/2], recall [0, 1]: AP_small = 0.5. All areas: FP, FP, TP: precision 1/3
   * everywhere: AP = 1/3.
   */
  @Test
  void unmatchedDetectionsOutsideRangeAreIgnored() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a")
            .gt(1, 1, 0, 0, 10, 10)
            .dt(1, 1, 0, 0, 10, 10, 0.5)
            .dt(1, 1, 500, 500, 200, 200, 0.9)
            .dt(1, 1, 300, 300, 10, 10, 0.8)
            .coco();
    assertEquals(0.5, r.stats().apSmall(), EPS);
    assertEquals(1.0 / 3, r.stats().ap(), EPS);
    assertEquals(-1, r.stats().apMedium(), 0.0);
    assertEquals(-1, r.stats().apLarge(), 0.0);
  }

  /**
   * Score ties keep results-file order (stable mergesort). Equal scores, FP listed first: precision
   * [0, 1/2] → AP 0.5. TP listed first: precision [1/(1+sp), 1/2], recall [1, 1] → AP 1/(1+sp).
   */
  @Test
  void scoreTiesKeepFileOrderWithinAnImage() {
    CocoEvalResult fpFirst =
        Fixtures.newCase().image(1).category(1, "a").gt(1, 1, 0, 0, 50, 50)
            .dt(1, 1, 500, 500, 50, 50, 0.7).dt(1, 1, 0, 0, 50, 50, 0.7).coco();
    CocoEvalResult tpFirst =
        Fixtures.newCase().image(1).category(1, "a").gt(1, 1, 0, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.7).dt(1, 1, 500, 500, 50, 50, 0.7).coco();
    assertEquals(0.5, fpFirst.stats().ap(), EPS);
    assertEquals(ONE_TP, tpFirst.stats().ap(), EPS);
  }

  /**
   * Across images, ties are broken by image id order, not file order: image 1 holds the TP,
   * image 2 the FP, both at 0.7, FP listed first in the file: still TP first → AP 1/(1+sp). The
   * image without any gt counts only through its false positive.
   */
  @Test
  void scoreTiesAcrossImagesFollowImageIdOrder() {
    CocoEvalResult r =
        Fixtures.newCase().image(2).image(1).category(1, "a").gt(1, 1, 0, 0, 50, 50)
            .dt(2, 1, 0, 0, 50, 50, 0.7).dt(1, 1, 0, 0, 50, 50, 0.7).coco();
    assertEquals(ONE_TP, r.stats().ap(), EPS);
  }

  /**
   * Empty images: an image without gt and detections changes nothing; an image with only a
   * detection adds a false positive. FP(.95) then TP(.9): precision [0, 1/2] → AP 0.5.
   */
  @Test
  void emptyImages() {
    CocoEvalResult base =
        Fixtures.newCase().image(1).image(2).image(3).category(1, "a")
            .gt(1, 1, 0, 0, 50, 50).dt(1, 1, 0, 0, 50, 50, 0.9).coco();
    assertEquals(ONE_TP, base.stats().ap(), EPS);
    CocoEvalResult withFp =
        Fixtures.newCase().image(1).image(2).image(3).category(1, "a")
            .gt(1, 1, 0, 0, 50, 50).dt(1, 1, 0, 0, 50, 50, 0.9)
            .dt(3, 1, 0, 0, 50, 50, 0.95).coco();
    assertEquals(0.5, withFp.stats().ap(), EPS);
    assertEquals(1.0, withFp.stats().ar100(), EPS);
  }

  /**
   * Categories without ground truth give -1 and are left out of the means, whether or not they
   * have detections; a dataset without any ground truth gives -1 everywhere.
   */
  @Test
  void categoriesWithoutGroundTruthAreSkipped() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a").category(2, "b").category(3, "c")
            .gt(1, 1, 0, 0, 50, 50).gt(1, 1, 100, 100, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).dt(1, 1, 100, 100, 50, 50, 0.8)
            .dt(1, 2, 300, 300, 50, 50, 0.99)
            .coco();
    assertEquals(1.0, r.stats().ap(), 0.0);
    assertEquals(1.0, r.perCategory().get(0).ap(), 0.0);
    assertEquals(-1, r.perCategory().get(1).ap(), 0.0);
    assertEquals(-1, r.perCategory().get(2).ap50(), 0.0);
    CocoEvalResult none =
        Fixtures.newCase().image(1).category(1, "a").dt(1, 1, 0, 0, 5, 5, 0.5).coco();
    none.stats().values().forEach(v -> assertEquals(-1, v, 0.0));
  }

  /**
   * maxDets: three gts found by detections .9, .8, .7: AR1 = 1/3, AR10 = AR100 = 1. With 100
   * false positives above a true positive, the TP is the 101st and is cut: AP = AR100 = 0; with 99
   * it is the 100th: AR100 = 1, AP = precision at recall 1 = 1/100.
   */
  @Test
  void maxDetsCutsPerImageAndCategory() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a")
            .gt(1, 1, 0, 0, 50, 50).gt(1, 1, 100, 0, 50, 50).gt(1, 1, 200, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).dt(1, 1, 100, 0, 50, 50, 0.8)
            .dt(1, 1, 200, 0, 50, 50, 0.7)
            .coco();
    assertEquals(1.0 / 3, r.stats().ar1(), EPS);
    assertEquals(1.0, r.stats().ar10(), EPS);
    assertEquals(1.0, r.stats().ar100(), EPS);
    for (int fps : new int[] {100, 99}) {
      Fixtures.Case c = Fixtures.newCase().image(1).category(1, "a").gt(1, 1, 0, 0, 50, 50);
      for (int i = 0; i < fps; i++) {
        c.dt(1, 1, 100 + 8 * i, 900, 5, 5, 0.9);
      }
      CocoEvalResult cut = c.dt(1, 1, 0, 0, 50, 50, 0.1).coco();
      assertEquals(fps == 100 ? 0.0 : 1.0, cut.stats().ar100(), EPS);
      assertEquals(fps == 100 ? 0.0 : 0.01, cut.stats().ap(), EPS);
    }
  }

  /** IoU 0.95 matches at the last threshold: min(t, 1 - 1e-10) is t there. */
  @Test
  void iouExactlyAtThresholdMatches() {
    // gt 100x100, detection 100x95 inside: IoU = 9500 / 10000 = 0.95.
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a").gt(1, 1, 0, 0, 100, 100)
            .dt(1, 1, 0, 0, 100, 95, 0.9).coco();
    assertEquals(1.0, r.stats().ar100(), EPS);
  }

  /**
   * pycocotools stores the matched gt's annotation id and tests it for non-zero, so a match to a
   * gt with id 0 counts as a false positive; reproduced on purpose (documented).
   */
  @Test
  void groundTruthIdZeroBehavesAsInPycocotools() {
    CocoEvalResult r =
        Fixtures.newCase().image(1).category(1, "a").gtWithId(0, 1, 1, 0, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).coco();
    assertEquals(0.0, r.stats().ap(), 0.0);
    assertEquals(0.0, r.stats().ar100(), 0.0);
  }

  @Test
  void rejectsDetectionsOnUnknownImages() {
    Fixtures.Case c = Fixtures.newCase().image(1).category(1, "a").dt(7, 1, 0, 0, 5, 5, 0.5);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::coco);
    assertTrue(e.getMessage().contains("image_id 7"), e.getMessage());
  }
}
