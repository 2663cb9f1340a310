package io.nvc.evaluation;

import java.util.List;

/**
 * The result of {@link UltralyticsEvaluator}, in the Ultralytics convention ({@link
 * #CONVENTION}); not comparable digit for digit with {@link CocoEvalResult}. Immutable and
 * thread-safe.
 *
 * @param map50 mAP at IoU 0.50 over the classes with labels
 * @param map75 mAP at IoU 0.75
 * @param map50to95 mAP over IoU 0.50:0.05:0.95 (mean of all class-threshold entries)
 * @param perClass per-class AP, by category id, classes with at least one label
 */
public record UltralyticsEvalResult(
    double map50, double map75, double map50to95, List<UltralyticsClassAp> perClass) {

  /** Label of the convention, to print next to every number. */
  public static final String CONVENTION =
      "Ultralytics (ap_per_class: IoU-ordered matching, 101-point interpolated trapezoid with end"
          + " points, no area ranges, max 300 detections per image)";

  /** Copies the list. */
  public UltralyticsEvalResult {
    perClass = List.copyOf(perClass);
  }

  /** Returns {@link #CONVENTION}. */
  public String convention() {
    return CONVENTION;
  }
}
