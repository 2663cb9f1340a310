package io.nvc;

import java.util.Locale;

/**
 * Where on the nailfold an image was taken: sectors A to D across the nailfold (seed paper, Fig. 2), a
 * low-magnification panoramic view (shown but excluded from metrics), or unknown.
 */
public enum Sector {
  A, B, C, D, UNKNOWN, PANORAMIC;

  /** Parses a sector name, case-insensitively; rejects anything else with the valid names. */
  public static Sector parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown sector '" + text + "', expected one of A, B, C, D, UNKNOWN, PANORAMIC", e);
    }
  }
}
