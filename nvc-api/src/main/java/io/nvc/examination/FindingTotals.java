package io.nvc.examination;

import io.nvc.Morphology;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Counts and calibres over a set of images (one finger's, or the whole examination's), panoramic views
 * and failed images excluded. Immutable and thread-safe.
 *
 * @param images images counted (analysed, not panoramic)
 * @param calibratedImages of those, images with a calibration (micrometres and density)
 * @param capillaries capillaries found
 * @param byMorphology capillaries per shape class, every class present
 * @param enlarged capillaries of size {@link io.nvc.SizeClass#ENLARGED}
 * @param giant capillaries of size {@link io.nvc.SizeClass#GIANT}
 * @param haemorrhages haemorrhages found
 * @param abnormalShapes capillaries of an abnormal shape (ramified/bushy, {@link Morphology#isAbnormalShape})
 * @param abnormalShapeShare {@code abnormalShapes / capillaries}, null when no capillary was found
 * @param apical apical calibre statistics (calibrated images only)
 * @param arterial arterial limb statistics (calibrated images only)
 * @param venous venous limb statistics (calibrated images only)
 */
public record FindingTotals(
    int images,
    int calibratedImages,
    int capillaries,
    Map<Morphology, Integer> byMorphology,
    int enlarged,
    int giant,
    int haemorrhages,
    int abnormalShapes,
    @Nullable Double abnormalShapeShare,
    CalibreStats apical,
    CalibreStats arterial,
    CalibreStats venous) {

  /** Validates the counts and copies the map (every shape class present). */
  public FindingTotals {
    if (images < 0 || calibratedImages < 0 || calibratedImages > images || capillaries < 0 || enlarged < 0
        || giant < 0 || haemorrhages < 0 || abnormalShapes < 0 || abnormalShapes > capillaries
        || enlarged + giant > capillaries) {
      throw new IllegalArgumentException("inconsistent counts: images=" + images + " calibratedImages="
          + calibratedImages + " capillaries=" + capillaries + " enlarged=" + enlarged + " giant=" + giant
          + " haemorrhages=" + haemorrhages + " abnormalShapes=" + abnormalShapes);
    }
    if ((abnormalShapeShare == null) != (capillaries == 0)
        || (abnormalShapeShare != null && Math.abs(abnormalShapeShare - (double) abnormalShapes / capillaries) > 1e-9)) {
      throw new IllegalArgumentException("abnormalShapeShare must be abnormalShapes / capillaries (null for"
          + " no capillaries), found " + abnormalShapeShare);
    }
    if (apical == null || arterial == null || venous == null) {
      throw new IllegalArgumentException("calibre statistics must not be null (use CalibreStats.EMPTY)");
    }
    Map<Morphology, Integer> copy = new EnumMap<>(Morphology.class);
    int sum = 0;
    for (Morphology m : Morphology.values()) {
      int n = byMorphology.getOrDefault(m, 0);
      if (n < 0) {
        throw new IllegalArgumentException("count of " + m + " must be >= 0, found " + n);
      }
      copy.put(m, n);
      sum += n;
    }
    if (sum != capillaries) {
      throw new IllegalArgumentException(
          "byMorphology adds up to " + sum + ", expected capillaries=" + capillaries);
    }
    byMorphology = Map.copyOf(copy);
  }
}
