package io.nvc.examination;

import org.jspecify.annotations.Nullable;

/**
 * The whole examination's figures. Immutable and thread-safe.
 *
 * @param densityPerMm the patient's density: the mean over fingers of each finger's density (EULAR
 *     practice: mean over the 8 fingers), null when no finger has one
 * @param fingersWithDensity fingers that have a density
 * @param totals counts and calibres over every sector image of the examination
 */
public record PatientSummary(@Nullable Double densityPerMm, int fingersWithDensity, FindingTotals totals) {

  /** Validates the components. */
  public PatientSummary {
    if (totals == null) {
      throw new IllegalArgumentException("totals must not be null");
    }
    if ((densityPerMm == null) != (fingersWithDensity == 0) || fingersWithDensity < 0) {
      throw new IllegalArgumentException("densityPerMm is given exactly when fingersWithDensity > 0, found "
          + densityPerMm + " and " + fingersWithDensity);
    }
    if (densityPerMm != null && (!Double.isFinite(densityPerMm) || densityPerMm < 0)) {
      throw new IllegalArgumentException("densityPerMm must be finite and >= 0, found " + densityPerMm);
    }
  }
}
