package io.nvc;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts and density of one image. Immutable and thread-safe.
 *
 * @param capillaries number of capillaries found
 * @param distalRow number of capillaries in the most distal row
 * @param densityPerMm capillaries per millimetre along the distal row, or null when the image is not
 *     calibrated or the row cannot be measured
 * @param haemorrhages number of haemorrhages found
 * @param byMorphology capillaries per shape class, every class present (zero counts included)
 * @param bySize capillaries per size class, every class present (zero counts included)
 */
public record AnalysisSummary(
    int capillaries,
    int distalRow,
    @Nullable Double densityPerMm,
    int haemorrhages,
    Map<Morphology, Integer> byMorphology,
    Map<SizeClass, Integer> bySize) {

  /** Validates the counts and copies the maps. */
  public AnalysisSummary {
    if (capillaries < 0 || distalRow < 0 || haemorrhages < 0 || distalRow > capillaries) {
      throw new IllegalArgumentException(
          "counts must be >= 0 with distalRow <= capillaries, found capillaries=" + capillaries
              + " distalRow=" + distalRow + " haemorrhages=" + haemorrhages);
    }
    if (densityPerMm != null && (!Double.isFinite(densityPerMm) || densityPerMm < 0)) {
      throw new IllegalArgumentException("densityPerMm must be null or finite and >= 0, found " + densityPerMm);
    }
    byMorphology = Map.copyOf(byMorphology);
    bySize = Map.copyOf(bySize);
  }
}
