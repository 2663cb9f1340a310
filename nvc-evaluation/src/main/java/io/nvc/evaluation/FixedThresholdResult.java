package io.nvc.evaluation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Fixed-threshold precision and recall (the seed paper's Table IV): per category name, and for
 * all capillary classes as one. Immutable and thread-safe.
 *
 * @param confidenceThreshold detections kept at or above this confidence
 * @param iouThreshold a match needs at least this IoU
 * @param perCategory counts by category name, in category id order
 * @param capillary counts with all capillary categories merged into one class
 * @param capillaryByRow the capillary recall split by the ground truth's {@code distal_row} field;
 *     null when no capillary ground truth carries it
 */
public record FixedThresholdResult(
    double confidenceThreshold,
    double iouThreshold,
    Map<String, PrecisionRecall> perCategory,
    PrecisionRecall capillary,
    @Nullable RowRecall capillaryByRow) {

  /** Copies the map, keeping its order. */
  public FixedThresholdResult {
    perCategory = Collections.unmodifiableMap(new LinkedHashMap<>(perCategory));
  }
}
