package io.nvc.evaluation;

import io.nvc.dataset.CocoAnnotation;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Size-class metrics (the seed paper's Table III) on capillaries matched by {@link
 * FixedThresholdEvaluator}: only matched capillaries whose ground truth carries a {@code size}
 * label count; detection misses and false alarms are counted by the detection tables instead.
 * Stateless and thread-safe.
 */
public final class SizeClassEvaluator {

  private SizeClassEvaluator() {}

  /**
   * Builds the pairs from matches and the cascade's sizes.
   *
   * @param matches capillary matches (class-agnostic), e.g. from {@link
   *     FixedThresholdEvaluator#match}
   * @param predictedSizes the final size of each detection, indexed like the detections
   * @return pairs for the matches whose ground truth has a known {@code size} label
   */
  public static List<SizePair> pairs(List<BoxMatch> matches, List<SizeClass> predictedSizes) {
    return matches.stream()
        .flatMap(m -> truthSize(m.truth())
            .map(t -> new SizePair(t, predictedSizes.get(m.detectionIndex()))).stream())
        .toList();
  }

  /**
   * Computes the metrics.
   *
   * @param pairs true and predicted sizes of matched capillaries
   * @return per-class precision and recall, confusion matrix, accuracy, and accuracy by source
   */
  public static SizeClassResult evaluate(List<SizePair> pairs) {
    Map<SizeClass, Map<SizeClass, Integer>> confusion = new EnumMap<>(SizeClass.class);
    for (SizeClass t : SizeClass.values()) {
      Map<SizeClass, Integer> row = new EnumMap<>(SizeClass.class);
      for (SizeClass p : SizeClass.values()) {
        row.put(p, 0);
      }
      confusion.put(t, row);
    }
    int agree = 0;
    Map<String, SourceAccuracy> bySource = new HashMap<>();
    for (SizePair p : pairs) {
      confusion.get(p.truth()).merge(p.predicted(), 1, Integer::sum);
      boolean right = p.truth() == p.predicted();
      if (right) {
        agree++;
      }
      bySource.merge(p.source(), new SourceAccuracy(1, right ? 1 : 0),
          (a, b) -> new SourceAccuracy(a.pairs() + b.pairs(), a.correct() + b.correct()));
    }
    Map<SizeClass, PrecisionRecall> perClass = new EnumMap<>(SizeClass.class);
    for (SizeClass c : SizeClass.values()) {
      int tp = confusion.get(c).get(c);
      int fp = 0;
      int fn = 0;
      for (SizeClass o : SizeClass.values()) {
        if (o != c) {
          fp += confusion.get(o).get(c);
          fn += confusion.get(c).get(o);
        }
      }
      perClass.put(c, new PrecisionRecall(tp, fp, fn));
    }
    double accuracy = pairs.isEmpty() ? Double.NaN : (double) agree / pairs.size();
    return new SizeClassResult(perClass, confusion, pairs.size(), accuracy, bySource);
  }

  private static Optional<SizeClass> truthSize(CocoAnnotation truth) {
    return truth.extraString(CocoAnnotation.SIZE).flatMap(SizeClass::parse);
  }
}
