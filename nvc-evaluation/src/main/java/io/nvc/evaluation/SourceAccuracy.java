package io.nvc.evaluation;

/**
 * How often the sizes that one source decided were right. Immutable and thread-safe.
 *
 * @param pairs matched capillaries whose size this source decided
 * @param correct those whose size equals the truth
 */
public record SourceAccuracy(int pairs, int correct) {

  /** Validates the counts: {@code 0 <= correct <= pairs}. */
  public SourceAccuracy {
    if (pairs < 0 || correct < 0 || correct > pairs) {
      throw new IllegalArgumentException(
          "expected 0 <= correct <= pairs, found correct=" + correct + " pairs=" + pairs);
    }
  }

  /** Returns {@code correct / pairs}; NaN without pairs. */
  public double accuracy() {
    return pairs == 0 ? Double.NaN : (double) correct / pairs;
  }
}
