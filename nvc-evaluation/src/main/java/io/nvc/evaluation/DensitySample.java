package io.nvc.evaluation;

/**
 * One image's true and measured capillary density of the distal row, capillaries per millimetre.
 * Immutable and thread-safe.
 *
 * @param imageId image id
 * @param truePerMm annotated density, at least 0
 * @param measuredPerMm the SDK's density, at least 0
 */
public record DensitySample(long imageId, double truePerMm, double measuredPerMm) {

  /** Validates the densities: finite, not negative. */
  public DensitySample {
    if (!(truePerMm >= 0) || !(measuredPerMm >= 0) || Double.isInfinite(truePerMm)
        || Double.isInfinite(measuredPerMm)) {
      throw new IllegalArgumentException(
          "image " + imageId + ": expected densities >= 0 (cap/mm), found " + truePerMm + " and "
              + measuredPerMm);
    }
  }
}
