package io.nvc.synth;

/**
 * Morphology class of a capillary, with its COCO category id (haemorrhages are category
 * {@value SyntheticDatasets#HAEMORRHAGE_CATEGORY_ID}). Immutable and thread-safe.
 */
public enum MorphologyClass {
  /** Hairpin, including crossing limbs: a normal shape. */
  NORMAL(1, "normal"),
  /** Tortuous (meandering) limbs: a normal shape. */
  TORTUOUS(2, "tortuous"),
  /** Ramified (branched or bushy): an abnormal shape. */
  RAMIFIED(3, "ramified"),
  /** Giant (apical calibre of 50 um or more), whatever its shape. */
  GIANT(4, "giant");

  private final int cocoCategoryId;
  private final String cocoName;

  MorphologyClass(int cocoCategoryId, String cocoName) {
    this.cocoCategoryId = cocoCategoryId;
    this.cocoName = cocoName;
  }

  /** Returns the COCO category id, 1 to 4. */
  public int cocoCategoryId() {
    return cocoCategoryId;
  }

  /** Returns the COCO category name, e.g. {@code tortuous}. */
  public String cocoName() {
    return cocoName;
  }
}
