package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.SdkClass;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report carries every fixed JSON name and prints every table with its convention. */
class EvaluationReportTest {

  private static EvaluationReport report(Convention convention) {
    Fixtures.Case c = Fixtures.newCase().image(1).image(2);
    for (SdkClass s : SdkClass.values()) {
      c.category(s.categoryId(), s.cocoName());
    }
    c.gt(1, 1, 0, 0, 40, 40).gt(1, 2, 100, 0, 40, 40).gt(2, 5, 0, 0, 20, 20)
        .dt(1, 1, 0, 0, 40, 40, 0.9).dt(1, 1, 100, 0, 40, 40, 0.6)
        .dt(2, 5, 1, 1, 20, 20, 0.8).dt(2, 3, 300, 300, 40, 40, 0.3);
    CocoDataset gt = c.dataset();
    List<CocoAnnotation> withTruth = new ArrayList<>();
    for (CocoAnnotation a : gt.annotations()) {
      withTruth.add(a.withExtra(CocoAnnotation.APICAL_UM, 12.0).withExtra(CocoAnnotation.SIZE,
          "normal"));
    }
    gt = new CocoDataset(gt.images(), withTruth, gt.categories());
    List<BoxMatch> matches =
        FixedThresholdEvaluator.match(gt, c.detections,
            FixedThresholdEvaluator.capillaryCategories(gt), 0.4, 0.5);
    List<MeasurementPair> measurements = new ArrayList<>();
    matches.forEach(m -> MeasurementPair.of(m, MeasurementSite.APICAL, 13.0)
        .ifPresent(measurements::add));
    List<SizeClass> sizes = List.of(SizeClass.NORMAL, SizeClass.GIANT, SizeClass.NORMAL,
        SizeClass.NORMAL);
    return EvaluationReport.of(convention, gt, c.detections,
        SizeClassEvaluator.pairs(matches, sizes), measurements,
        List.of(new DensitySample(1, 8, 7), new DensitySample(2, 6, 6)));
  }

  @Test
  void apRanksItsOwnDetectionsAndTableFourCountsTheOperatingPoints() {
    Fixtures.Case c = Fixtures.newCase().image(1).category(1, "normal");
    c.gt(1, 1, 0, 0, 40, 40).gt(1, 1, 100, 0, 40, 40).dt(1, 1, 0, 0, 40, 40, 0.9);
    List<Detection> operatingPoint = List.copyOf(c.detections);
    // The same run at a lower floor also finds the second capillary, at confidence 0.2.
    c.dt(1, 1, 100, 0, 40, 40, 0.2);
    List<Detection> ranked = List.copyOf(c.detections);
    EvaluationReport cut = EvaluationReport.of(Convention.COCO, c.dataset(), operatingPoint,
        List.of(), List.of(), List.of());
    EvaluationReport both = EvaluationReport.of(Convention.COCO, c.dataset(), ranked, operatingPoint,
        List.of(), List.of(), List.of(), List.of());
    assertEquals(0.5, cut.coco().stats().ap50(), 0.01, "AP50: half the recall range");
    assertEquals(1.0, both.coco().stats().ap50(), 1e-12, "AP50 of the whole ranking");
    assertEquals(1.0, both.ultralytics().map50(), 0.01);
    assertEquals(0.5, both.fixedThreshold().capillary().recall(), 1e-12,
        "Table IV counts the operating point's detections");
  }

  @Test
  void jsonHasTheFixedNames() throws Exception {
    JsonNode j = new ObjectMapper().readTree(report(Convention.COCO).toJson());
    for (String name : CocoStats.NAMES) {
      assertTrue(j.path("stats").path(name).isNumber(), name);
    }
    assertTrue(j.path("perCategory").path("normal").path("AP").isNumber());
    assertEquals(-1, j.path("perCategory").path("giant").path("AP").asDouble(), 0.0);
    for (String name : List.of("normal", "tortuous", "ramified", "giant", "haemorrhage")) {
      assertTrue(j.path("fixedThreshold").path("perCategory").path(name).has("precision"), name);
      assertTrue(j.path("fixedThreshold").path("perCategory").path(name).has("recall"), name);
    }
    // No tortuous detection: precision undefined (null), recall 0 of 1.
    assertTrue(j.path("fixedThreshold").path("perCategory").path("tortuous").path("precision")
        .isNull());
    assertEquals(0.0, j.path("fixedThreshold").path("perCategory").path("tortuous")
        .path("recall").asDouble(), 0.0);
    // Capillaries: normal on normal (TP), normal on tortuous (TP as one class); the 0.3 one is
    // under the threshold.
    assertEquals(1.0, j.path("fixedThreshold").path("capillary").path("precision").asDouble(), 0);
    assertEquals(1.0, j.path("fixedThreshold").path("capillary").path("recall").asDouble(), 0);
    for (String site : List.of("apical", "arterial", "venous")) {
      for (String f : List.of("count", "medianAbsErrorUm", "p90AbsErrorUm", "within2Um",
          "within5Um")) {
        assertTrue(j.path("measurement").path(site).has(f), site + "." + f);
      }
    }
    assertEquals(2, j.path("measurement").path("apical").path("count").asInt());
    assertEquals(1.0, j.path("measurement").path("apical").path("medianAbsErrorUm").asDouble(),
        1e-12);
    assertTrue(j.path("measurement").path("venous").path("medianAbsErrorUm").isNull());
    assertEquals(2, j.path("density").path("images").asInt());
    assertEquals(0.5, j.path("density").path("meanAbsErrorPerMm").asDouble(), 1e-12);
    assertEquals(0.5, j.path("sizeClasses").path("accuracy").asDouble(), 1e-12);
    assertEquals("coco", j.path("convention").asText());
  }

  @Test
  void distalRowCallsAreReportedWhereCounted() throws Exception {
    Fixtures.Case c = Fixtures.newCase().image(1).category(1, "normal");
    c.gt(1, 1, 0, 0, 40, 40).dt(1, 1, 0, 0, 40, 40, 0.9);
    List<DistalRowCalls.Call> calls = List.of(new DistalRowCalls.Call(true, true),
        new DistalRowCalls.Call(true, false), new DistalRowCalls.Call(false, true),
        new DistalRowCalls.Call(false, false), new DistalRowCalls.Call(true, true));
    EvaluationReport report = EvaluationReport.of(Convention.COCO, c.dataset(), c.detections,
        c.detections, List.of(), List.of(), List.of(), calls);
    JsonNode j = new ObjectMapper().readTree(report.toJson()).path("distalRowCalls");
    assertEquals(2.0 / 3, j.path("precision").asDouble(), 1e-12);
    assertEquals(2.0 / 3, j.path("recall").asDouble(), 1e-12);
    assertEquals(List.of(2, 1, 1, 1), List.of(j.path("truePositives").asInt(),
        j.path("falsePositives").asInt(), j.path("falseNegatives").asInt(),
        j.path("trueNegatives").asInt()));
    assertTrue(report.toTables().contains(
        "Distal-row flag of 5 matched capillaries: precision 0.667, recall 0.667 (TP 2, FP 1, FN 1,"
            + " TN 1)"), report.toTables());
    EvaluationReport without = report(Convention.COCO);
    assertTrue(new ObjectMapper().readTree(without.toJson()).path("distalRowCalls").isMissingNode());
    assertFalse(without.toTables().contains("Distal-row flag"));
  }

  @Test
  void tablesNameTheConvention() {
    String coco = report(Convention.COCO).toTables();
    assertTrue(coco.contains("Table II. Detection, " + CocoEvalResult.CONVENTION), coco);
    assertTrue(coco.contains("Average Precision  (AP) @[ IoU=0.50:0.95"), coco);
    assertTrue(coco.contains("Table III.") && coco.contains("Table IV."), coco);
    assertTrue(coco.contains("capillary (all)") && coco.contains("Density error"), coco);
    String ultra = report(Convention.ULTRALYTICS).toTables();
    assertTrue(ultra.contains(UltralyticsEvalResult.CONVENTION), ultra);
    assertFalse(ultra.contains("Average Precision  (AP)"), ultra);
    assertEquals(Convention.ULTRALYTICS, Convention.parse("Ultralytics"));
  }
}
