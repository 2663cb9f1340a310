package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.dataset.Box;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A published pycocotools result on a non-trivial input: the COCO test of
 * rafaelpadilla/review_object_detection_metrics ({@code tests/test_coco_eval.py}, MIT licence, see
 * the README next to the data), 100 COCO val2014 images, 830 ground-truth boxes in 80 categories
 * and 734 detections, whose 12 numbers that test asserts as "obtained with coco's official
 * implementation" to within 1e-6. The detections file is a COCO dataset whose annotations carry a
 * {@code score}; its annotations, in file order, are the results list.
 */
class EvalPublishedPycocotoolsTest {

  private static final String BASE = "/io/nvc/evaluation/padilla/";

  /** AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl as the source test asserts. */
  private static final double[] PUBLISHED = {
    0.503647, 0.696973, 0.571667, 0.593252, 0.557991, 0.489363,
    0.386813, 0.593680, 0.595353, 0.654764, 0.603130, 0.553744
  };

  @Test
  void reproducesTheTwelvePublishedNumbersToSixDecimals() throws IOException {
    CocoDataset truth;
    try (InputStream in = open("sampled_gts_bbox_area.json")) {
      truth = CocoJson.read(in, "sampled_gts_bbox_area.json");
    }
    assertEquals(100, truth.images().size());
    assertEquals(830, truth.annotations().size());
    List<Detection> detections = detections();
    assertEquals(734, detections.size());

    CocoStats stats = CocoEvaluator.evaluate(truth, detections).stats();
    for (int i = 0; i < PUBLISHED.length; i++) {
      assertEquals(PUBLISHED[i], stats.values().get(i), 1e-6, CocoStats.NAMES.get(i));
    }
  }

  /** Converts the detections file (a COCO dataset with scored annotations) to a results list. */
  private static List<Detection> detections() throws IOException {
    JsonNode root;
    try (InputStream in = open("sampled_bbox_results.json")) {
      root = new ObjectMapper().readTree(in);
    }
    List<Detection> detections = new ArrayList<>();
    for (JsonNode a : root.get("annotations")) {
      JsonNode b = a.get("bbox");
      detections.add(new Detection(a.get("image_id").asLong(), a.get("category_id").asInt(),
          new Box(b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(),
              b.get(3).asDouble()),
          a.get("score").asDouble()));
    }
    return detections;
  }

  private static InputStream open(String name) throws IOException {
    InputStream in = EvalPublishedPycocotoolsTest.class.getResourceAsStream(BASE + name);
    if (in == null) {
      throw new IOException("test resource missing: " + BASE + name);
    }
    return in;
  }
}
