/**
 * Detection and measurement evaluation: {@link io.nvc.evaluation.CocoEvaluator} (identical to
 * pycocotools' {@code COCOeval}, iouType bbox), {@link io.nvc.evaluation.UltralyticsEvaluator} (the
 * Ultralytics mAP convention), fixed-threshold precision and recall, size-class metrics,
 * per-capillary measurement accuracy in micrometres and density error.
 *
 * <p>Every number says which convention produced it; see {@code docs/evaluation.md}. All types are
 * immutable values or stateless utilities and are safe to use from several threads.
 */
@NullMarked
package io.nvc.evaluation;

import org.jspecify.annotations.NullMarked;
