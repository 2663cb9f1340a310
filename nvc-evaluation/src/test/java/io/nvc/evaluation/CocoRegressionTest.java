package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression pins on two random datasets (crowds, stored areas that differ from w*h, score ties,
 * several categories, one image with more than 100 detections of a category). The expected values
 * were produced by a NumPy re-typing of pycocotools' {@code loadRes}, {@code evaluate}, {@code
 * accumulate} and {@code summarize} (pycocotools itself cannot be installed here) and are matched
 * bit for bit; see docs/evaluation.md.
 */
class CocoRegressionTest {

  private static CocoEvalResult evaluate(String seed) throws IOException {
    String base = "/io/nvc/evaluation/regression/";
    try (InputStream gt = CocoRegressionTest.class.getResourceAsStream(base + "gt" + seed + ".json");
        InputStream dt = CocoRegressionTest.class.getResourceAsStream(base + "dt" + seed + ".json")) {
      CocoDataset truth = CocoJson.read(gt, "gt" + seed);
      return CocoEvaluator.evaluate(truth, CocoResults.read(dt, "dt" + seed));
    }
  }

  @Test
  void fiveCategoriesWithCrowdsAndTies() throws IOException {
    CocoEvalResult r = evaluate("208");
    assertEquals(
        List.of(0.04346534653465346, 0.14792079207920789, 0.0, 0.23333333333333334,
            0.05236523652365235, 0.0, 0.087, 0.10300000000000001, 0.10300000000000001,
            0.26666666666666666, 0.1, 0.0),
        r.stats().values());
    assertEquals(
        List.of(0.0, 0.0749174917491749, 0.02574257425742574, 0.09950495049504951,
            0.017161716171617162),
        r.perCategory().stream().map(CategoryAp::ap).toList());
  }

  @Test
  void moreThanOneHundredDetectionsOnAnImage() throws IOException {
    CocoEvalResult r = evaluate("47");
    assertEquals(
        List.of(0.01813035431218336, 0.06346727862750433, 0.00759075907590759,
            0.0024752475247524753, 0.024234809737047405, 0.0881358362080552, 0.04, 0.12, 0.205,
            0.014285714285714285, 0.225, 0.44000000000000006),
        r.stats().values());
  }
}
