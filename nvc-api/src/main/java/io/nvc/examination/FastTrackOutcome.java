package io.nvc.examination;

/** The Fast Track algorithm's suggestion for an examination; see {@link FastTrack}. */
public enum FastTrackOutcome {
  /** Rule 1: density of at least 7 per mm and no giant capillary. */
  NON_SCLERODERMA("non-scleroderma pattern"),
  /** Rule 2: giant capillaries with a density of at least 3 per mm. */
  SCLERODERMA_EARLY_ACTIVE("scleroderma pattern, early or active"),
  /** Rule 3: density of at most 3 per mm with abnormal shapes. */
  SCLERODERMA_LATE("scleroderma pattern, late"),
  /** No rule decides: an expert has to read the examination. */
  UNDECIDED("no rule decides");

  private final String label;

  FastTrackOutcome(String label) {
    this.label = label;
  }

  /** A short label for reports, for example {@code scleroderma pattern, late}. */
  public String label() {
    return label;
  }
}
