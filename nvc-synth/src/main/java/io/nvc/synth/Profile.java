package io.nvc.synth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Clinical profile of a synthetic image: it sets capillary density, the frequency of giant, enlarged
 * and abnormal capillaries, haemorrhages and disorganisation (see {@code docs/synthetic.md}).
 * {@link #MIXED} draws one of the four other profiles per image. Immutable and thread-safe.
 */
public enum Profile {
  /** Healthy pattern: 7-12 capillaries per mm, hairpins, no giants. */
  NORMAL("normal"),
  /** Early scleroderma pattern: few giants, few haemorrhages, density preserved. */
  SCLERODERMA_EARLY("scleroderma-early"),
  /** Active scleroderma pattern: frequent giants and haemorrhages, moderate loss, mild disorganisation. */
  SCLERODERMA_ACTIVE("scleroderma-active"),
  /** Late scleroderma pattern: severe loss, avascular areas, ramified capillaries, few giants. */
  SCLERODERMA_LATE("scleroderma-late"),
  /** One of the four other profiles, drawn per image. */
  MIXED("mixed");

  private final String cliName;

  Profile(String cliName) {
    this.cliName = cliName;
  }

  /** Returns the name used on the command line and in annotation files, e.g. {@code scleroderma-early}. */
  public String cliName() {
    return cliName;
  }

  /**
   * Parses a profile name as written by {@link #cliName()} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid profiles when {@code name} is unknown
   */
  public static Profile fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Profile p : values()) {
      if (p.cliName.equals(wanted)) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown profile '" + name + "': expected one of "
        + Arrays.stream(values()).map(Profile::cliName).collect(Collectors.joining(", ")));
  }
}
