package io.nvc.internal;

import io.nvc.Morphology;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a detector class name means: a capillary of some {@link Morphology}, or a haemorrhage. Class
 * names from other datasets are accepted under their common synonyms.
 *
 * @param morphology the capillary shape, or null for a haemorrhage
 */
public record DetectorClass(@Nullable Morphology morphology) {

  /** Whether this class is a haemorrhage rather than a capillary. */
  public boolean isHaemorrhage() {
    return morphology == null;
  }

  /**
   * Parses a class name: normal/capillary/hairpin, tortuous/tortuosity, ramified/ramification/bushy/
   * branched, giant/megacapillary, haemorrhage/hemorrhage (case-insensitive).
   */
  public static DetectorClass fromName(String name) {
    return switch (name.toLowerCase(Locale.ROOT).trim()) {
      case "normal", "capillary", "hairpin" -> new DetectorClass(Morphology.NORMAL);
      case "tortuous", "tortuosity" -> new DetectorClass(Morphology.TORTUOUS);
      case "ramified", "ramification", "bushy", "branched" -> new DetectorClass(Morphology.RAMIFIED);
      case "giant", "megacapillary" -> new DetectorClass(Morphology.GIANT);
      case "haemorrhage", "hemorrhage", "microhaemorrhage", "microhemorrhage" -> new DetectorClass(null);
      default -> throw new IllegalArgumentException(
          "unknown detector class '" + name + "', expected one of normal, tortuous, ramified, giant,"
              + " haemorrhage (or a synonym)");
    };
  }
}
