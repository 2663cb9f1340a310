package io.nvc.evaluation;

import java.util.Locale;
import java.util.Optional;

/**
 * Capillary size classes of the seed paper's Table III, the final size decided by the cascade.
 * Thread-safe (an enum).
 */
public enum SizeClass {
  /** Normal calibre. */
  NORMAL,
  /** Enlarged (dilated) capillary. */
  ENLARGED,
  /** Giant capillary. */
  GIANT;

  /**
   * Parses a size label: {@code normal}; {@code enlarged} or {@code dilated}; {@code giant} or
   * {@code megacapillary} (case-insensitive).
   *
   * @param label the label, e.g. the {@code size} extra field of an annotation
   * @return the size class, empty when the label is not one of these
   */
  public static Optional<SizeClass> parse(String label) {
    return switch (label.trim().toLowerCase(Locale.ROOT)) {
      case "normal" -> Optional.of(NORMAL);
      case "enlarged", "dilated" -> Optional.of(ENLARGED);
      case "giant", "megacapillary" -> Optional.of(GIANT);
      default -> Optional.empty();
    };
  }

  /** Returns the label in lower case, e.g. {@code enlarged}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
