package io.nvc;

/**
 * The shape class of a capillary as the detector reports it (seed paper). Hairpin, tortuous and
 * crossing loops are normal shapes clinically; {@link #RAMIFIED} is abnormal; {@link #GIANT} is a class
 * of its own because many giant capillaries are also tortuous.
 */
public enum Morphology {
  /** A normal hairpin loop (crossing loops included). */
  NORMAL,
  /** A tortuous loop: limbs that cross or curl, still a normal shape. */
  TORTUOUS,
  /** A ramified (branched, bushy) capillary: an abnormal shape. */
  RAMIFIED,
  /** A giant capillary (megacapillary): homogeneously enlarged loop. */
  GIANT;

  /** Whether the shape counts as abnormal for the Fast Track algorithm (ramified/bushy). */
  public boolean isAbnormalShape() {
    return this == RAMIFIED;
  }
}
