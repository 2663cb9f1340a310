package io.nvc.evaluation;

import java.util.Optional;

/**
 * One capillary's true and measured calibre at one site, in micrometres, each converted with the
 * image's own calibration. Immutable and thread-safe.
 *
 * @param site where it is measured
 * @param trueUm the annotated calibre, above 0
 * @param measuredUm the SDK's calibre, at least 0
 */
public record MeasurementPair(MeasurementSite site, double trueUm, double measuredUm) {

  /** Validates the values: finite, true above 0, measured not negative. */
  public MeasurementPair {
    if (!(trueUm > 0) || Double.isInfinite(trueUm) || !(measuredUm >= 0)
        || Double.isInfinite(measuredUm)) {
      throw new IllegalArgumentException(
          "expected a true calibre > 0 and a measured calibre >= 0 (um), found " + trueUm
              + " and " + measuredUm);
    }
  }

  /**
   * Pairs a match's ground truth with a measured value.
   *
   * @param match the match; its ground truth holds the true value in {@link
   *     MeasurementSite#field()}
   * @param site the site
   * @param measuredUm the measured calibre in micrometres
   * @return the pair, empty when the ground truth has no value for the site
   */
  public static Optional<MeasurementPair> of(BoxMatch match, MeasurementSite site,
      double measuredUm) {
    var truth = match.truth().extraNumber(site.field());
    return truth.isPresent() && truth.getAsDouble() > 0
        ? Optional.of(new MeasurementPair(site, truth.getAsDouble(), measuredUm))
        : Optional.empty();
  }

  /** Returns {@code |measured - true|} in micrometres. */
  public double absErrorUm() {
    return Math.abs(measuredUm - trueUm);
  }
}
