package io.nvc.evaluation;

import io.nvc.dataset.ClassMapping;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoCategory;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.SdkClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Fixed-threshold precision and recall, the seed paper's Table IV: detections with confidence at
 * or above {@value #CONFIDENCE} are taken per image in descending score order (stable); each is a
 * true positive when it matches a still unmatched ground truth of the same class with IoU at or
 * above {@value #IOU}, the one with the highest IoU (the first in file order on ties); otherwise a
 * false positive, unless it lies on a crowd ground truth of those classes (crowd IoU, the share of
 * the detection inside it, at or above the threshold, as pycocotools matches crowds): then it is
 * neither. Unmatched ground truth is a false negative; crowd ground truth is never counted. (The
 * {@code nvc synth} files mark capillaries too faint to annotate as crowds.)
 * Where the ground truth says which capillaries belong to the distal row ({@code distal_row}, as
 * {@code nvc synth} writes it), the capillary recall is also split into the distal row and the
 * rows behind it. Stateless and thread-safe.
 */
public final class FixedThresholdEvaluator {

  /** The seed paper's confidence threshold. */
  public static final double CONFIDENCE = 0.40;

  /** The seed paper's IoU threshold. */
  public static final double IOU = 0.50;

  private FixedThresholdEvaluator() {}

  /**
   * Evaluates at the seed paper's thresholds; the capillary categories are those whose names
   * {@link ClassMapping#sdkDefault()} resolves to a capillary class.
   *
   * @param groundTruth the ground truth
   * @param detections the detections
   * @return per-category and capillary-as-one counts
   */
  public static FixedThresholdResult evaluate(CocoDataset groundTruth, List<Detection> detections) {
    return evaluate(groundTruth, detections, capillaryCategories(groundTruth), CONFIDENCE, IOU);
  }

  /**
   * Evaluates at given thresholds.
   *
   * @param groundTruth the ground truth
   * @param detections the detections
   * @param capillaryCategoryIds categories merged into the capillary-as-one class
   * @param confidence minimum confidence
   * @param iou minimum IoU
   * @return per-category and capillary-as-one counts
   */
  public static FixedThresholdResult evaluate(
      CocoDataset groundTruth,
      List<Detection> detections,
      Set<Integer> capillaryCategoryIds,
      double confidence,
      double iou) {
    Map<String, PrecisionRecall> perCategory = new LinkedHashMap<>();
    List<CocoCategory> categories =
        groundTruth.categories().stream()
            .sorted(Comparator.comparingInt(CocoCategory::id)).toList();
    for (CocoCategory c : categories) {
      PrecisionRecall counts =
          count(groundTruth, detections, Set.of(c.id()), confidence, iou);
      perCategory.merge(c.name(), counts, PrecisionRecall::plus);
    }
    List<BoxMatch> matches = new ArrayList<>();
    PrecisionRecall capillary =
        run(groundTruth, detections, capillaryCategoryIds, confidence, iou, matches);
    return new FixedThresholdResult(confidence, iou, perCategory, capillary,
        byRow(groundTruth, capillaryCategoryIds, matches));
  }

  /**
   * Matches detections to ground truth, treating the given categories as one class (pass one id
   * for a per-class match), with the rules of this class.
   *
   * @param groundTruth the ground truth
   * @param detections the detections
   * @param categoryIds categories taken together
   * @param confidence minimum confidence
   * @param iou minimum IoU
   * @return the matches, by image then score order
   */
  public static List<BoxMatch> match(
      CocoDataset groundTruth,
      List<Detection> detections,
      Set<Integer> categoryIds,
      double confidence,
      double iou) {
    List<BoxMatch> matches = new ArrayList<>();
    run(groundTruth, detections, categoryIds, confidence, iou, matches);
    return matches;
  }

  /**
   * The categories of a dataset whose names {@link ClassMapping#sdkDefault()} resolves to a
   * capillary class.
   *
   * @param dataset the dataset
   * @return their ids
   */
  public static Set<Integer> capillaryCategories(CocoDataset dataset) {
    ClassMapping mapping = ClassMapping.sdkDefault();
    return dataset.categories().stream()
        .filter(c -> mapping.resolve(c.name()).map(SdkClass::isCapillary).orElse(false))
        .map(CocoCategory::id)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static PrecisionRecall count(
      CocoDataset groundTruth,
      List<Detection> detections,
      Set<Integer> categoryIds,
      double confidence,
      double iou) {
    return run(groundTruth, detections, categoryIds, confidence, iou, new ArrayList<>());
  }

  private static @Nullable RowRecall byRow(
      CocoDataset groundTruth, Set<Integer> categoryIds, List<BoxMatch> matches) {
    int[] truth = new int[2];
    for (CocoAnnotation a : groundTruth.annotations()) {
      if (!a.crowd() && categoryIds.contains(a.categoryId())) {
        a.extraBoolean(CocoAnnotation.DISTAL_ROW).ifPresent(d -> truth[d ? 0 : 1]++);
      }
    }
    if (truth[0] + truth[1] == 0) {
      return null;
    }
    int[] found = new int[2];
    for (BoxMatch m : matches) {
      m.truth().extraBoolean(CocoAnnotation.DISTAL_ROW).ifPresent(d -> found[d ? 0 : 1]++);
    }
    return new RowRecall(found[0], truth[0], found[1], truth[1]);
  }

  private static PrecisionRecall run(
      CocoDataset groundTruth,
      List<Detection> detections,
      Set<Integer> categoryIds,
      double confidence,
      double iou,
      List<BoxMatch> matches) {
    Map<Long, List<CocoAnnotation>> truthByImage = new LinkedHashMap<>();
    Map<Long, List<CocoAnnotation>> crowdsByImage = new HashMap<>();
    int truthCount = 0;
    for (CocoAnnotation a : groundTruth.annotations()) {
      if (categoryIds.contains(a.categoryId())) {
        (a.crowd() ? crowdsByImage : truthByImage)
            .computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
        truthCount += a.crowd() ? 0 : 1;
      }
    }
    Map<Long, List<Integer>> detectionsByImage = new HashMap<>();
    for (int i = 0; i < detections.size(); i++) {
      Detection d = detections.get(i);
      if (d.score() >= confidence && categoryIds.contains(d.categoryId())) {
        detectionsByImage.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(i);
      }
    }
    int tp = 0;
    int fp = 0;
    List<Long> imageIds = new ArrayList<>(detectionsByImage.keySet());
    imageIds.sort(Comparator.naturalOrder());
    for (long imageId : imageIds) {
      List<Integer> order = new ArrayList<>(detectionsByImage.get(imageId));
      order.sort(CocoEvaluator.descendingScore(i -> detections.get(i).score()));
      List<CocoAnnotation> truth = truthByImage.getOrDefault(imageId, List.of());
      List<CocoAnnotation> crowds = crowdsByImage.getOrDefault(imageId, List.of());
      boolean[] used = new boolean[truth.size()];
      for (int index : order) {
        Detection d = detections.get(index);
        int best = -1;
        double bestIou = iou;
        for (int g = 0; g < truth.size(); g++) {
          if (used[g]) {
            continue;
          }
          double v = d.bbox().iou(truth.get(g).bbox());
          if (v >= bestIou && (best == -1 || v > bestIou)) {
            best = g;
            bestIou = v;
          }
        }
        if (best == -1) {
          if (crowds.stream().noneMatch(c -> d.bbox().crowdIou(c.bbox()) >= iou)) {
            fp++;
          }
        } else {
          used[best] = true;
          tp++;
          matches.add(new BoxMatch(truth.get(best), index, bestIou));
        }
      }
    }
    return new PrecisionRecall(tp, fp, truthCount - tp);
  }
}
