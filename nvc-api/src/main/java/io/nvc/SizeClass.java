package io.nvc;

import org.jspecify.annotations.Nullable;

/**
 * The size of a capillary by the EULAR rules (Smith et al. 2020, Autoimmun Rev 19:102458): normal when
 * every diameter is below 20 um, enlarged (dilated) when an apical, arterial or venous diameter is 20 um
 * or more, giant when the loop is homogeneously enlarged with an apical diameter of 50 um or more: its
 * measured limbs are enlarged too. An apex of 50 um or more between limbs of normal width is enlarged,
 * not giant (and is more often a misplaced keypoint than a real apex).
 */
public enum SizeClass {
  /** Every diameter below {@value #ENLARGED_MICROMETRES} um. */
  NORMAL,
  /** A diameter of at least {@value #ENLARGED_MICROMETRES} um, apical below {@value #GIANT_MICROMETRES} um. */
  ENLARGED,
  /**
   * Apical diameter of at least {@value #GIANT_MICROMETRES} um, every measured limb at least
   * {@value #ENLARGED_MICROMETRES} um.
   */
  GIANT,
  /** The size could not be decided. */
  UNKNOWN;

  /** Diameter in micrometres from which a capillary is enlarged (inclusive). */
  public static final double ENLARGED_MICROMETRES = 20.0;

  /** Apical diameter in micrometres from which a homogeneously enlarged capillary is giant (inclusive). */
  public static final double GIANT_MICROMETRES = 50.0;

  /**
   * Applies the EULAR rules to calibres in micrometres. The apical diameter is required: without it a
   * capillary cannot be called normal (its apex might be giant), so the result is {@link #UNKNOWN}.
   * Limb widths that are null are ignored.
   *
   * @param apicalUm apical diameter in um, or null when not measured
   * @param arterialUm arterial limb width in um, or null when not measured
   * @param venousUm venous limb width in um, or null when not measured
   * @return the size class, {@link #UNKNOWN} when {@code apicalUm} is null
   * @throws IllegalArgumentException when a value is negative or not finite
   */
  public static SizeClass fromMicrometres(
      @Nullable Double apicalUm, @Nullable Double arterialUm, @Nullable Double venousUm) {
    check("apical", apicalUm);
    check("arterial", arterialUm);
    check("venous", venousUm);
    if (apicalUm == null) {
      return UNKNOWN;
    }
    if (apicalUm >= GIANT_MICROMETRES
        && enlargedOrUnmeasured(arterialUm) && enlargedOrUnmeasured(venousUm)) {
      return GIANT;
    }
    if (apicalUm >= ENLARGED_MICROMETRES
        || (arterialUm != null && arterialUm >= ENLARGED_MICROMETRES)
        || (venousUm != null && venousUm >= ENLARGED_MICROMETRES)) {
      return ENLARGED;
    }
    return NORMAL;
  }

  private static boolean enlargedOrUnmeasured(@Nullable Double limbUm) {
    return limbUm == null || limbUm >= ENLARGED_MICROMETRES;
  }

  private static void check(String name, @Nullable Double value) {
    if (value != null && (!Double.isFinite(value) || value < 0)) {
      throw new IllegalArgumentException(name + " diameter must be finite and >= 0 um, found " + value);
    }
  }
}
