package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvc.AnalysisSummary;
import io.nvc.Box;
import io.nvc.CapillaryFinding;
import io.nvc.ImageAnalysis;
import io.nvc.ImageInfo;
import io.nvc.Morphology;
import io.nvc.Provenance;
import io.nvc.SizeClass;
import io.nvc.SizeSource;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoCategory;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoImage;
import io.nvc.evaluation.Detection;
import io.nvc.evaluation.DistalRowCalls;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the analyzer's findings become the detections the evaluator counts and ranks. */
class EvalInputsTest {

  private static CapillaryFinding finding(double x, Morphology m, double confidence, Map<Morphology, Double> scores) {
    return new CapillaryFinding(new Box(x, 10, 20, 40), m, confidence, null, null, null, SizeClass.UNKNOWN,
        SizeSource.NONE, true, scores);
  }

  /**
   * A finding with shape probabilities is ranked for AP as its two most likely shapes, each scored
   * confidence x probability; one without, once at its confidence. Table IV's detections take each
   * finding once, as its shape at its confidence.
   */
  @Test
  void findingsWithShapeProbabilitiesAreRankedAsTheirTwoLikeliestShapes() {
    CapillaryFinding doubtful = finding(0, Morphology.NORMAL, 0.8,
        Map.of(Morphology.NORMAL, 0.55, Morphology.TORTUOUS, 0.4, Morphology.RAMIFIED, 0.05));
    CapillaryFinding plain = finding(100, Morphology.GIANT, 0.6, Map.of());
    ImageAnalysis analysis = new ImageAnalysis(new ImageInfo(200, 100, null), null, List.of(doubtful, plain),
        List.of(), new AnalysisSummary(2, 2, null, 0, Map.of(), Map.of()),
        new Provenance("0", "test", "0", List.of(), "NONE"), List.of());
    CocoDataset truth = new CocoDataset(List.of(CocoImage.of(1, "a.png", 200, 100)),
        List.of(CocoAnnotation.of(1, 1, 1, new io.nvc.dataset.Box(0, 10, 20, 40))),
        List.of(CocoCategory.of(1, "normal"), CocoCategory.of(2, "tortuous"), CocoCategory.of(3, "ramified"),
            CocoCategory.of(4, "giant"), CocoCategory.of(5, "haemorrhage")));
    EvalInputs in = EvalInputs.of(truth, Map.of(1L, analysis), Map.of(1L, analysis));

    assertEquals(List.of("1 0.800", "4 0.600"), describe(in.detections()));
    assertEquals(List.of("1 0.440", "2 0.320", "4 0.600"), describe(in.rankedDetections()));
  }

  /**
   * Each matched capillary whose ground truth says its row gives one distal-row call: its flag against
   * the truth; unmatched findings and capillaries without a row label give none.
   */
  @Test
  void matchedCapillariesGiveTheirDistalRowCalls() {
    CapillaryFinding flagged = finding(0, Morphology.NORMAL, 0.9, Map.of());
    CapillaryFinding unflagged = finding(100, Morphology.NORMAL, 0.9, Map.of()).withDistalRow(false);
    CapillaryFinding unlabelled = finding(200, Morphology.NORMAL, 0.9, Map.of()).withDistalRow(false);
    CapillaryFinding stray = finding(300, Morphology.NORMAL, 0.9, Map.of());
    ImageAnalysis analysis = new ImageAnalysis(new ImageInfo(400, 100, null), null,
        List.of(flagged, unflagged, unlabelled, stray), List.of(),
        new AnalysisSummary(4, 2, null, 0, Map.of(), Map.of()),
        new Provenance("0", "test", "0", List.of(), "NONE"), List.of());
    CocoDataset truth = new CocoDataset(List.of(CocoImage.of(1, "a.png", 400, 100)),
        List.of(CocoAnnotation.of(1, 1, 1, new io.nvc.dataset.Box(0, 10, 20, 40))
                .withExtra(CocoAnnotation.DISTAL_ROW, false),
            CocoAnnotation.of(2, 1, 1, new io.nvc.dataset.Box(100, 10, 20, 40))
                .withExtra(CocoAnnotation.DISTAL_ROW, true),
            CocoAnnotation.of(3, 1, 1, new io.nvc.dataset.Box(200, 10, 20, 40))),
        List.of(CocoCategory.of(1, "normal")));
    EvalInputs in = EvalInputs.of(truth, Map.of(1L, analysis), Map.of(1L, analysis));

    assertEquals(List.of(new DistalRowCalls.Call(false, true), new DistalRowCalls.Call(true, false)),
        in.distalRowCalls());
  }

  private static List<String> describe(List<Detection> detections) {
    return detections.stream().map(d -> d.categoryId() + " " + String.format(Locale.ROOT, "%.3f", d.score())).toList();
  }
}
