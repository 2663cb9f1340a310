package io.nvc.evaluation;

import java.util.List;

/**
 * The result of {@link CocoEvaluator}: pycocotools' 12 summary numbers and per-category AP, in the
 * COCO convention ({@link #CONVENTION}). Immutable and thread-safe.
 *
 * @param stats the 12 summary numbers
 * @param perCategory per-category AP, by category id
 */
public record CocoEvalResult(CocoStats stats, List<CategoryAp> perCategory) {

  /** Label of the convention, to print next to every number. */
  public static final String CONVENTION =
      "COCO (pycocotools COCOeval, bbox: IoU 0.50:0.05:0.95, 101 recall points, maxDets 1/10/100,"
          + " area ranges)";

  /** Copies the list. */
  public CocoEvalResult {
    perCategory = List.copyOf(perCategory);
  }

  /** Returns {@link #CONVENTION}. */
  public String convention() {
    return CONVENTION;
  }
}
