package io.nvc.examination;

import io.nvc.Finger;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One finger's figures. Immutable and thread-safe.
 *
 * @param finger the finger
 * @param photos photos of the finger, panoramic views and failed images included
 * @param densityPerMm capillaries per mm: mean of {@code imageDensities}, null when there is none
 * @param imageDensities density of each calibrated sector image whose distal row could be measured
 * @param totals counts and calibres of the finger's sector images
 */
public record FingerSummary(
    Finger finger, int photos, @Nullable Double densityPerMm, List<Double> imageDensities, FindingTotals totals) {

  /** Validates and copies the components. */
  public FingerSummary {
    if (finger == null || totals == null) {
      throw new IllegalArgumentException("finger and totals must not be null");
    }
    if (photos < totals.images()) {
      throw new IllegalArgumentException("photos (" + photos + ") < images counted (" + totals.images() + ")");
    }
    imageDensities = List.copyOf(imageDensities);
    if ((densityPerMm == null) != imageDensities.isEmpty()) {
      throw new IllegalArgumentException("densityPerMm is the mean of imageDensities, null when there is none;"
          + " found " + densityPerMm + " for " + imageDensities);
    }
    if (densityPerMm != null && (!Double.isFinite(densityPerMm) || densityPerMm < 0)) {
      throw new IllegalArgumentException("densityPerMm must be finite and >= 0, found " + densityPerMm);
    }
  }
}
