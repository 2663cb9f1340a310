package io.nvc;

/** What decided a capillary's {@link SizeClass}, in the cascade's order of preference. */
public enum SizeSource {
  /** Calibrated, confident calibre measurements and the EULAR thresholds. */
  MEASUREMENT,
  /** The visual-size model, used when measurements cannot decide (no calibration or low confidence). */
  VISUAL_MODEL,
  /** The detector's giant class, used when neither of the above is available. */
  DETECTOR_CLASS,
  /** Nothing could decide; the size is {@link SizeClass#UNKNOWN}. */
  NONE
}
