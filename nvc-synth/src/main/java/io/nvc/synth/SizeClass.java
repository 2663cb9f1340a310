package io.nvc.synth;

import java.util.Locale;

/**
 * Size class of a capillary from its true calibres, by the EULAR definition (Smith et al. 2020).
 * Immutable and thread-safe.
 */
public enum SizeClass {
  /** Every calibre below 20 um. */
  NORMAL,
  /** An apical, arterial or venous calibre of 20 um or more, and not giant. */
  ENLARGED,
  /** Apical calibre of 50 um or more. */
  GIANT;

  /** Calibre, in micrometres, from which a capillary is enlarged. */
  public static final double ENLARGED_UM = 20.0;
  /** Apical calibre, in micrometres, from which a capillary is giant. */
  public static final double GIANT_UM = 50.0;

  /**
   * Classifies calibres given in micrometres.
   *
   * @throws IllegalArgumentException when a calibre is not finite and positive
   */
  public static SizeClass fromCalibres(double apicalUm, double arterialUm, double venousUm) {
    for (double c : new double[] {apicalUm, arterialUm, venousUm}) {
      if (!(c > 0 && Double.isFinite(c))) {
        throw new IllegalArgumentException("calibre: expected a finite positive number of um, found " + c);
      }
    }
    if (apicalUm >= GIANT_UM) {
      return GIANT;
    }
    if (apicalUm >= ENLARGED_UM || arterialUm >= ENLARGED_UM || venousUm >= ENLARGED_UM) {
      return ENLARGED;
    }
    return NORMAL;
  }

  /** Returns the lower-case name used in annotation files: {@code normal}, {@code enlarged}, {@code giant}. */
  public String cocoName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
