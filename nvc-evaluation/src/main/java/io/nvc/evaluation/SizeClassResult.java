package io.nvc.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Size-class metrics on matched capillaries (the seed paper's Table III): per size class,
 * precision and recall of the predicted size among matched capillaries, the confusion matrix and
 * the overall accuracy. Immutable and thread-safe.
 *
 * @param perClass counts per size class: true positive when truth and prediction are that class
 * @param confusion {@code confusion.get(truth).get(predicted)} counts
 * @param pairs number of matched capillaries with a true size
 * @param accuracy share of pairs whose predicted size equals the truth, NaN without pairs
 * @param bySource the accuracy of the sizes each source decided ({@link SizePair#source()}), by source
 *     name in alphabetical order
 */
public record SizeClassResult(
    Map<SizeClass, PrecisionRecall> perClass,
    Map<SizeClass, Map<SizeClass, Integer>> confusion,
    int pairs,
    double accuracy,
    Map<String, SourceAccuracy> bySource) {

  /** Copies the maps. */
  public SizeClassResult {
    bySource = Collections.unmodifiableMap(new TreeMap<>(bySource));
    perClass = Collections.unmodifiableMap(new EnumMap<>(perClass));
    EnumMap<SizeClass, Map<SizeClass, Integer>> c = new EnumMap<>(SizeClass.class);
    confusion.forEach((k, v) -> c.put(k, Collections.unmodifiableMap(new EnumMap<>(v))));
    confusion = Collections.unmodifiableMap(c);
    if (pairs < 0 || !(Double.isNaN(accuracy) || (accuracy >= 0 && accuracy <= 1))) {
      throw new IllegalArgumentException(
          "expected pairs >= 0 and accuracy in [0, 1], found " + pairs + " and " + accuracy);
    }
  }
}
