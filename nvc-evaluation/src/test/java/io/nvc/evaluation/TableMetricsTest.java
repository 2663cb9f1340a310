package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases for Tables III and IV, measurement accuracy and density. */
class TableMetricsTest {

  private static final double EPS = 1e-12;

  /**
   * gt: normal A, tortuous B; detections: normal on A (.9), normal on B (.8, wrong class), tortuous
   * far away (.5), normal on A (.3, under 0.40, dropped). Normal: TP 1 (A), FP 1 (on B) → P .5, R
   * 1. Tortuous: TP 0, FP 1, FN 1. Capillary as one: TP 2, FP 1, FN 0 → P 2/3, R 1. Haemorrhage:
   * nothing → precision and recall undefined (NaN).
   */
  @Test
  void fixedThresholdPerClassAndCapillaryAsOne() {
    Fixtures.Case c =
        Fixtures.newCase().image(1)
            .category(1, "normal").category(2, "tortuous").category(5, "haemorrhage")
            .gt(1, 1, 0, 0, 50, 50).gt(1, 2, 100, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9).dt(1, 1, 100, 0, 50, 50, 0.8)
            .dt(1, 2, 500, 500, 50, 50, 0.5).dt(1, 1, 2, 2, 50, 50, 0.3);
    FixedThresholdResult r = FixedThresholdEvaluator.evaluate(c.dataset(), c.detections);
    assertEquals(new PrecisionRecall(1, 1, 0), r.perCategory().get("normal"));
    assertEquals(0.5, r.perCategory().get("normal").precision(), EPS);
    assertEquals(new PrecisionRecall(0, 1, 1), r.perCategory().get("tortuous"));
    assertEquals(new PrecisionRecall(2, 1, 0), r.capillary());
    assertEquals(2.0 / 3, r.capillary().precision(), EPS);
    assertEquals(1.0, r.capillary().recall(), EPS);
    assertTrue(Double.isNaN(r.perCategory().get("haemorrhage").precision()));
    assertTrue(Double.isNaN(r.perCategory().get("haemorrhage").recall()));
    assertEquals(List.of("normal", "tortuous", "haemorrhage"),
        new ArrayList<>(r.perCategory().keySet()));
  }

  /**
   * Recall by row: distal A (found), distal B (missed), behind C (found, with the wrong class: the
   * merged class counts it), behind D (missed), E without the field (found; in neither row), and a
   * haemorrhage (not a capillary) marked distal that counts in neither. Distal 1 of 2, behind 1 of
   * 2. A dataset without the field has no split.
   */
  @Test
  void capillaryRecallByRow() {
    Fixtures.Case c =
        Fixtures.newCase().image(1)
            .category(1, "normal").category(2, "tortuous").category(5, "haemorrhage")
            .gtRow(1, 1, 0, 0, 50, 50, true).gtRow(1, 1, 100, 0, 50, 50, true)
            .gtRow(1, 1, 0, 200, 50, 50, false).gtRow(1, 2, 100, 200, 50, 50, false)
            .gt(1, 1, 300, 300, 50, 50).gtRow(1, 5, 500, 0, 50, 50, true)
            .dt(1, 1, 0, 0, 50, 50, 0.9).dt(1, 2, 0, 200, 50, 50, 0.8)
            .dt(1, 1, 300, 300, 50, 50, 0.7).dt(1, 5, 500, 0, 50, 50, 0.9)
            .dt(1, 1, 100, 0, 50, 50, 0.3);
    FixedThresholdResult r = FixedThresholdEvaluator.evaluate(c.dataset(), c.detections);
    assertEquals(new PrecisionRecall(3, 0, 2), r.capillary());
    assertEquals(new RowRecall(1, 2, 1, 2), r.capillaryByRow());
    assertEquals(0.5, r.capillaryByRow().distalRecall(), EPS);
    EvaluationReport report = EvaluationReport.of(Convention.COCO, c.dataset(), c.detections,
        List.of(), List.of(), List.of());
    assertTrue(report.toTables().contains("  distal row" + " ".repeat(19) + "0.500      1 of 2\n"),
        report.toTables());
    assertTrue(report.toJson().contains("\"rowsBehind\" : {\n"), report.toJson());

    Fixtures.Case plain =
        Fixtures.newCase().image(1).category(1, "normal").gt(1, 1, 0, 0, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9);
    assertNull(FixedThresholdEvaluator.evaluate(plain.dataset(), plain.detections)
        .capillaryByRow());
    assertThrows(IllegalArgumentException.class, () -> new RowRecall(3, 2, 0, 0));
  }

  /**
   * Greedy by score against unmatched gt, highest IoU first: d1 (.9) overlaps g1 with IoU 0.6
   * and g2 with 0.8 → takes g2; d2 (.8) would prefer g2 (0.875) but it is taken, so it takes g1
   * (0.625).
   */
  @Test
  void fixedThresholdIsGreedyByScore() {
    Fixtures.Case c =
        Fixtures.newCase().image(1).category(1, "normal")
            .gt(1, 1, 0, 0, 100, 60).gt(1, 1, 0, 0, 100, 80)
            .dt(1, 1, 0, 0, 100, 100, 0.9).dt(1, 1, 0, 10, 100, 70, 0.8);
    FixedThresholdResult r = FixedThresholdEvaluator.evaluate(c.dataset(), c.detections);
    // d1 vs g1: 6000/10000 = 0.6; vs g2: 8000/10000 = 0.8. d2 = [0,10,100,70] vs g1: 5000/8000
    // = 0.625; vs g2: 7000/8000 = 0.875. d1 takes g2, d2 then takes g1 (0.625 ≥ 0.5).
    assertEquals(new PrecisionRecall(2, 0, 0), r.perCategory().get("normal"));
    List<BoxMatch> m =
        FixedThresholdEvaluator.match(c.dataset(), c.detections, java.util.Set.of(1), 0.4, 0.5);
    assertEquals(2L, m.get(0).truth().id());
    assertEquals(0, m.get(0).detectionIndex());
    assertEquals(1L, m.get(1).truth().id());
  }

  /**
   * Crowd ground truth (faint capillaries in nvc synth files): a detection that matches no regular
   * truth but lies inside a crowd (crowd IoU 1) is neither a true nor a false positive; one half
   * inside (crowd IoU 0.5) is ignored too, one a quarter inside (0.25) is a false positive. The crowd
   * is no false negative, and a regular truth is still preferred: d1 takes g1 although it also lies
   * in the crowd. Normal: TP 1, FP 1, FN 1 (g2).
   */
  @Test
  void fixedThresholdIgnoresDetectionsOnCrowds() {
    Fixtures.Case c =
        Fixtures.newCase().image(1).category(1, "normal")
            .crowd(1, 1, 0, 0, 200, 100)
            .gt(1, 1, 0, 0, 50, 50).gt(1, 1, 500, 500, 50, 50)
            .dt(1, 1, 0, 0, 50, 50, 0.9)
            .dt(1, 1, 100, 0, 50, 50, 0.8)
            .dt(1, 1, 175, 0, 50, 50, 0.7)
            .dt(1, 1, 190, 0, 40, 40, 0.6);
    FixedThresholdResult r = FixedThresholdEvaluator.evaluate(c.dataset(), c.detections);
    // d3 = [175, 225) x [0, 50): 25 of 50 columns inside the crowd, 0.5; d4 = [190, 230): 10 of 40.
    assertEquals(new PrecisionRecall(1, 1, 1), r.perCategory().get("normal"));
    assertEquals(new PrecisionRecall(1, 1, 1), r.capillary());
  }

  /**
   * Size classes on matched capillaries: truths normal, normal, enlarged, giant; predictions normal,
   * enlarged, enlarged, enlarged. Normal: TP 1, FP 0, FN 1. Enlarged: TP 1, FP 2, FN 0. Giant: TP
   * 0, FP 0, FN 1. Accuracy 2/4.
   */
  @Test
  void sizeClasses() {
    SizeClassResult r =
        SizeClassEvaluator.evaluate(
            List.of(
                new SizePair(SizeClass.NORMAL, SizeClass.NORMAL),
                new SizePair(SizeClass.NORMAL, SizeClass.ENLARGED),
                new SizePair(SizeClass.ENLARGED, SizeClass.ENLARGED),
                new SizePair(SizeClass.GIANT, SizeClass.ENLARGED)));
    assertEquals(new PrecisionRecall(1, 0, 1), r.perClass().get(SizeClass.NORMAL));
    assertEquals(new PrecisionRecall(1, 2, 0), r.perClass().get(SizeClass.ENLARGED));
    assertEquals(new PrecisionRecall(0, 0, 1), r.perClass().get(SizeClass.GIANT));
    assertEquals(0.5, r.accuracy(), EPS);
    assertEquals(1, r.confusion().get(SizeClass.GIANT).get(SizeClass.ENLARGED));
  }

  /**
   * Accuracy by what decided the size: measurement right 2 of 3, visual model right 0 of 1; pairs
   * without a source count as unknown.
   */
  @Test
  void sizeAccuracyBySource() {
    SizeClassResult r =
        SizeClassEvaluator.evaluate(
            List.of(
                new SizePair(SizeClass.NORMAL, SizeClass.NORMAL, "measurement"),
                new SizePair(SizeClass.GIANT, SizeClass.GIANT, "measurement"),
                new SizePair(SizeClass.NORMAL, SizeClass.ENLARGED, "measurement"),
                new SizePair(SizeClass.NORMAL, SizeClass.ENLARGED, "visual model"),
                new SizePair(SizeClass.ENLARGED, SizeClass.ENLARGED)));
    assertEquals(List.of("measurement", "unknown", "visual model"), List.copyOf(r.bySource().keySet()));
    assertEquals(new SourceAccuracy(3, 2), r.bySource().get("measurement"));
    assertEquals(2.0 / 3, r.bySource().get("measurement").accuracy(), EPS);
    assertEquals(0.0, r.bySource().get("visual model").accuracy(), EPS);
    assertEquals(new SourceAccuracy(1, 1), r.bySource().get(SizePair.UNKNOWN_SOURCE));
    assertEquals(0.6, r.accuracy(), EPS);
    assertThrows(IllegalArgumentException.class, () -> new SourceAccuracy(1, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new SizePair(SizeClass.NORMAL, SizeClass.NORMAL, " "));
  }

  /** Size pairs come from matches whose ground truth has a size label. */
  @Test
  void sizePairsFromMatches() {
    CocoAnnotation labelled =
        CocoAnnotation.of(1, 1, 1, new io.nvc.dataset.Box(0, 0, 50, 50))
            .withExtra(CocoAnnotation.SIZE, "giant");
    CocoAnnotation unlabelled = CocoAnnotation.of(2, 1, 1, new io.nvc.dataset.Box(100, 0, 50, 50));
    List<SizePair> pairs =
        SizeClassEvaluator.pairs(
            List.of(new BoxMatch(labelled, 1, 1.0), new BoxMatch(unlabelled, 0, 1.0)),
            List.of(SizeClass.NORMAL, SizeClass.ENLARGED));
    assertEquals(List.of(new SizePair(SizeClass.GIANT, SizeClass.ENLARGED)), pairs);
  }

  /**
   * Absolute errors 0.5, 1, 5, 6 um on true 10, 10, 40, 100 um. Median (NumPy linear): position
   * 1.5 → (1 + 5) / 2 = 3. p90: position 2.7 → 5 + 0.7 * (6 - 5) = 5.7. Within 2: 2/4; within 5:
   * 3/4. Correct (error ≤ max(2, 10% of true) = 2, 2, 4, 10): 0.5 ✓, 1 ✓, 5 ✗, 6 ✓ → 3/4.
   */
  @Test
  void measurementAccuracyPerCapillary() {
    List<MeasurementPair> pairs =
        List.of(
            new MeasurementPair(MeasurementSite.APICAL, 10, 10.5),
            new MeasurementPair(MeasurementSite.APICAL, 10, 9),
            new MeasurementPair(MeasurementSite.APICAL, 40, 45),
            new MeasurementPair(MeasurementSite.APICAL, 100, 94),
            new MeasurementPair(MeasurementSite.VENOUS, 12, 13));
    MeasurementAccuracy a = MeasurementAccuracy.of(pairs);
    MeasurementStats s = a.get(MeasurementSite.APICAL);
    assertEquals(4, s.count());
    assertEquals(3.0, s.medianAbsErrorUm(), EPS);
    assertEquals(5.7, s.p90AbsErrorUm(), EPS);
    assertEquals(0.5, s.within2Um(), EPS);
    assertEquals(0.75, s.within5Um(), EPS);
    assertEquals(0.75, s.correct(), EPS);
    assertEquals(1, a.get(MeasurementSite.VENOUS).count());
    assertEquals(0, a.get(MeasurementSite.ARTERIAL).count());
    assertTrue(Double.isNaN(a.get(MeasurementSite.ARTERIAL).medianAbsErrorUm()));
  }

  /** Pairs from matches read the true value from the annotation's extra field. */
  @Test
  void measurementPairFromMatch() {
    CocoAnnotation truth =
        CocoAnnotation.of(1, 1, 1, new io.nvc.dataset.Box(0, 0, 5, 5))
            .withExtra(CocoAnnotation.APICAL_UM, 14.5);
    BoxMatch m = new BoxMatch(truth, 0, 0.9);
    assertEquals(
        new MeasurementPair(MeasurementSite.APICAL, 14.5, 15),
        MeasurementPair.of(m, MeasurementSite.APICAL, 15).orElseThrow());
    assertTrue(MeasurementPair.of(m, MeasurementSite.VENOUS, 15).isEmpty());
    assertThrows(IllegalArgumentException.class,
        () -> new MeasurementPair(MeasurementSite.APICAL, 0, 1));
  }

  /** Density errors 1, 0.5, 2 cap/mm: mean 7/6, median 1, max 2. */
  @Test
  void densityErrorPerImage() {
    DensityError e =
        DensityError.of(
            List.of(new DensitySample(1, 8, 9), new DensitySample(2, 7, 6.5),
                new DensitySample(3, 9, 7)));
    assertEquals(3, e.images());
    assertEquals(7.0 / 6, e.meanAbsErrorPerMm(), EPS);
    assertEquals(1.0, e.medianAbsErrorPerMm(), EPS);
    assertEquals(2.0, e.maxAbsErrorPerMm(), EPS);
  }

  @Test
  void capillaryCategoriesResolveByName() {
    CocoDataset d =
        Fixtures.newCase().category(1, "normal").category(3, "bushy").category(5, "hemorrhage")
            .dataset();
    assertEquals(java.util.Set.of(1, 3), FixedThresholdEvaluator.capillaryCategories(d));
  }
}
