package io.nvc;

import java.util.Locale;

/** A finger by hand and number: L1-L5 (left thumb to little finger) and R1-R5. */
public enum Finger {
  L1, L2, L3, L4, L5, R1, R2, R3, R4, R5;

  /** Parses {@code L3}, {@code r3} and the like; rejects anything else with the valid names. */
  public static Finger parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown finger '" + text + "', expected one of L1-L5, R1-R5", e);
    }
  }
}
