package io.nvc.evaluation;

import java.util.Objects;

/**
 * The true and the predicted size class of one matched capillary, and what decided the prediction.
 * Immutable and thread-safe.
 *
 * @param truth the annotated size class
 * @param predicted the size class the cascade decided
 * @param source what decided it, as the analyzer names it ({@code measurement}, {@code visual model},
 *     {@code detector class}), or {@value #UNKNOWN_SOURCE} when the input does not say
 */
public record SizePair(SizeClass truth, SizeClass predicted, String source) {

  /** The source of a prediction whose input does not say what decided it. */
  public static final String UNKNOWN_SOURCE = "unknown";

  /** Checks that nothing is null and the source is named. */
  public SizePair {
    Objects.requireNonNull(truth, "truth");
    Objects.requireNonNull(predicted, "predicted");
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException("expected a source name, found " + source);
    }
  }

  /** A pair whose source is not known. */
  public SizePair(SizeClass truth, SizeClass predicted) {
    this(truth, predicted, UNKNOWN_SOURCE);
  }
}
