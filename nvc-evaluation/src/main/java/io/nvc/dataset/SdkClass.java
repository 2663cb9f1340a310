package io.nvc.dataset;

import java.util.Locale;

/**
 * The SDK's detection classes with their fixed COCO category ids. Thread-safe (an enum).
 */
public enum SdkClass {
  /** Normal (hairpin) capillary, category 1. */
  NORMAL(1, true),
  /** Tortuous capillary, category 2. */
  TORTUOUS(2, true),
  /** Ramified (bushy, branched) capillary, category 3. */
  RAMIFIED(3, true),
  /** Giant capillary (megacapillary), category 4. */
  GIANT(4, true),
  /** Haemorrhage, category 5. */
  HAEMORRHAGE(5, false);

  private final int categoryId;
  private final boolean capillary;

  SdkClass(int categoryId, boolean capillary) {
    this.categoryId = categoryId;
    this.capillary = capillary;
  }

  /** Returns the COCO category id (1 to 5). */
  public int categoryId() {
    return categoryId;
  }

  /** Returns whether this class is a capillary (every class but {@link #HAEMORRHAGE}). */
  public boolean isCapillary() {
    return capillary;
  }

  /** Returns the COCO category name: the constant's name in lower case, e.g. {@code ramified}. */
  public String cocoName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the SDK's category entry for this class. */
  public CocoCategory toCategory() {
    return CocoCategory.of(categoryId, cocoName());
  }
}
