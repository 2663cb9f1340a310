package io.nvc.synth;

/**
 * Per-profile frequencies and ranges (sources in docs/synthetic.md). Immutable and thread-safe.
 *
 * @param minDensity smallest distal-row density drawn, capillaries per mm
 * @param maxDensity largest distal-row density drawn
 * @param giant share of distal capillaries that are giant
 * @param enlarged share of the other distal capillaries that are enlarged
 * @param tortuous share of non-giant capillaries that are tortuous
 * @param ramified share of non-giant capillaries that are ramified
 * @param crossing share of normal hairpins with crossing limbs
 * @param haemorrhages mean number of haemorrhages per mm of distal row
 * @param confluent share of haemorrhages that are confluent
 * @param angleSdDeg standard deviation of each capillary's axis about the row normal (disorganisation)
 * @param spacingCv coefficient of variation of the gaps between apices
 * @param staggerUm standard deviation of apex positions about the row line
 * @param avascular probability that a gap is an avascular area (2 to 4 times wider)
 */
record ProfileParams(
    double minDensity,
    double maxDensity,
    double giant,
    double enlarged,
    double tortuous,
    double ramified,
    double crossing,
    double haemorrhages,
    double confluent,
    double angleSdDeg,
    double spacingCv,
    double staggerUm,
    double avascular) {

  static ProfileParams of(Profile profile) {
    return switch (profile) {
      case NORMAL -> new ProfileParams(7.5, 11.5, 0.0, 0.06, 0.12, 0.01, 0.08, 0.03, 0.0, 4, 0.22, 35, 0.0);
      case SCLERODERMA_EARLY -> new ProfileParams(7.0, 10.0, 0.07, 0.35, 0.18, 0.03, 0.06, 0.4, 0.2, 6, 0.28, 45, 0.0);
      case SCLERODERMA_ACTIVE -> new ProfileParams(4.0, 7.0, 0.25, 0.5, 0.22, 0.06, 0.04, 1.6, 0.4, 12, 0.4, 65, 0.12);
      case SCLERODERMA_LATE -> new ProfileParams(1.5, 4.0, 0.03, 0.45, 0.3, 0.35, 0.03, 0.15, 0.2, 22, 0.55, 95, 0.3);
      case MIXED -> throw new IllegalArgumentException("profile: expected a drawn profile, found mixed");
    };
  }
}
