package io.nvc.evaluation;

import io.nvc.dataset.Box;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoCategory;
import io.nvc.dataset.CocoDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * mAP in the Ultralytics convention ({@code DetectionValidator}: {@code match_predictions} then
 * {@code ap_per_class} and {@code compute_ap}), for comparison with YOLO papers. Per image, up to
 * {@value #MAX_DET} detections by descending score; IoU in float32 with Ultralytics' {@code eps =
 * 1e-7}; at each of the 10 float32 thresholds {@code torch.linspace(0.5, 0.95, 10)} the pairs at or
 * above it with equal classes are sorted by IoU (descending), each prediction keeps its best
 * ground truth, then each ground truth keeps its lowest-index (highest-score) prediction; no area
 * ranges; crowd ground truth is left out (as Ultralytics' COCO converter does). Then per class
 * with labels, AP from the envelope of precision with end points (0, 1) and (1, 0), sampled at 101
 * recall points and integrated with the trapezoid rule. Sorts are stable where NumPy's default
 * quicksort is not, which can only change results between exactly equal IoUs or scores. Stateless
 * and thread-safe.
 */
public final class UltralyticsEvaluator {

  /** Ultralytics' default maximum detections per image. */
  public static final int MAX_DET = 300;

  private static final float[] IOUV = torchLinspace(0.5f, 0.95f, 10);
  private static final float EPS = 1e-7f;

  private UltralyticsEvaluator() {}

  /**
   * Evaluates detections against ground truth.
   *
   * @param groundTruth the ground truth; its images define what is evaluated
   * @param detections detections; those on images not in the ground truth are ignored
   * @return mAP50, mAP75, mAP50-95 and per-class AP
   */
  public static UltralyticsEvalResult evaluate(
      CocoDataset groundTruth, List<Detection> detections) {
    Map<Long, List<CocoAnnotation>> truthByImage = groundTruth.annotationsByImage();
    Map<Long, List<Detection>> predsByImage = new HashMap<>();
    for (Detection d : detections) {
      predsByImage.computeIfAbsent(d.imageId(), k -> new ArrayList<>()).add(d);
    }
    Set<Long> seen = new HashSet<>();
    List<boolean[]> tp = new ArrayList<>();
    List<Double> conf = new ArrayList<>();
    List<Integer> predCls = new ArrayList<>();
    List<Integer> targetCls = new ArrayList<>();
    for (var image : groundTruth.images()) {
      if (!seen.add(image.id())) {
        continue;
      }
      List<CocoAnnotation> truth =
          truthByImage.getOrDefault(image.id(), List.of()).stream()
              .filter(a -> !a.crowd()).toList();
      List<Detection> preds = new ArrayList<>(predsByImage.getOrDefault(image.id(), List.of()));
      preds.sort(CocoEvaluator.descendingScore(Detection::score));
      if (preds.size() > MAX_DET) {
        preds = preds.subList(0, MAX_DET);
      }
      truth.forEach(a -> targetCls.add(a.categoryId()));
      boolean[][] correct = matchPredictions(truth, preds);
      for (int j = 0; j < preds.size(); j++) {
        tp.add(correct[j]);
        conf.add(preds.get(j).score());
        predCls.add(preds.get(j).categoryId());
      }
    }
    return apPerClass(tp, conf, predCls, targetCls, groundTruth);
  }

  /** {@code match_predictions}: rows are predictions, columns the 10 thresholds. */
  private static boolean[][] matchPredictions(List<CocoAnnotation> truth, List<Detection> preds) {
    int nT = truth.size();
    int nP = preds.size();
    boolean[][] correct = new boolean[nP][IOUV.length];
    if (nT == 0 || nP == 0) {
      return correct;
    }
    float[][] iou = new float[nT][nP];
    for (int g = 0; g < nT; g++) {
      for (int p = 0; p < nP; p++) {
        if (truth.get(g).categoryId() == preds.get(p).categoryId()) {
          iou[g][p] = boxIou(truth.get(g).bbox(), preds.get(p).bbox());
        }
      }
    }
    for (int t = 0; t < IOUV.length; t++) {
      float threshold = IOUV[t];
      List<int[]> matches = new ArrayList<>();
      for (int g = 0; g < nT; g++) {
        for (int p = 0; p < nP; p++) {
          if (iou[g][p] >= threshold) {
            matches.add(new int[] {g, p});
          }
        }
      }
      if (matches.size() > 1) {
        // argsort ascending (stable) then reversed: descending IoU, later pairs first on ties.
        List<int[]> byIou = new ArrayList<>(matches);
        byIou.sort(Comparator.comparingDouble(m -> iou[m[0]][m[1]]));
        Collections.reverse(byIou);
        // np.unique on the prediction column: first occurrence, result ordered by prediction.
        TreeMap<Integer, int[]> byPred = new TreeMap<>();
        for (int[] m : byIou) {
          byPred.putIfAbsent(m[1], m);
        }
        // np.unique on the ground-truth column of that result: first occurrence.
        TreeMap<Integer, int[]> byTruth = new TreeMap<>();
        for (int[] m : byPred.values()) {
          byTruth.putIfAbsent(m[0], m);
        }
        matches = new ArrayList<>(byTruth.values());
      }
      for (int[] m : matches) {
        correct[m[1]][t] = true;
      }
    }
    return correct;
  }

  /** Ultralytics' {@code box_iou} in float32 on corner boxes. */
  private static float boxIou(Box a, Box b) {
    float ax1 = (float) a.x();
    float ay1 = (float) a.y();
    float ax2 = (float) a.right();
    float ay2 = (float) a.bottom();
    float bx1 = (float) b.x();
    float by1 = (float) b.y();
    float bx2 = (float) b.right();
    float by2 = (float) b.bottom();
    float iw = Math.max(Math.min(ax2, bx2) - Math.max(ax1, bx1), 0f);
    float ih = Math.max(Math.min(ay2, by2) - Math.max(ay1, by1), 0f);
    float inter = iw * ih;
    float areaA = (ax2 - ax1) * (ay2 - ay1);
    float areaB = (bx2 - bx1) * (by2 - by1);
    return inter / (areaA + areaB - inter + EPS);
  }

  /** {@code ap_per_class} for the classes that have labels. */
  private static UltralyticsEvalResult apPerClass(
      List<boolean[]> tp,
      List<Double> conf,
      List<Integer> predCls,
      List<Integer> targetCls,
      CocoDataset groundTruth) {
    Integer[] order = new Integer[conf.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, CocoEvaluator.descendingScore(i -> conf.get(i)));
    TreeMap<Integer, Integer> labels = new TreeMap<>();
    targetCls.forEach(c -> labels.merge(c, 1, Integer::sum));
    int nThr = IOUV.length;
    List<UltralyticsClassAp> perClass = new ArrayList<>();
    double[] all = new double[labels.size() * nThr];
    int row = 0;
    for (Map.Entry<Integer, Integer> e : labels.entrySet()) {
      int c = e.getKey();
      int nl = e.getValue();
      List<boolean[]> rows = new ArrayList<>();
      for (int i : order) {
        if (predCls.get(i) == c) {
          rows.add(tp.get(i));
        }
      }
      double[] ap = new double[nThr];
      if (!rows.isEmpty()) {
        double nLabels = nl + 1e-16;
        for (int j = 0; j < nThr; j++) {
          double[] recall = new double[rows.size()];
          double[] precision = new double[rows.size()];
          long tpc = 0;
          long fpc = 0;
          for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i)[j]) {
              tpc++;
            } else {
              fpc++;
            }
            recall[i] = tpc / nLabels;
            precision[i] = (double) tpc / (double) (tpc + fpc);
          }
          ap[j] = computeAp(recall, precision);
        }
      }
      System.arraycopy(ap, 0, all, row * nThr, nThr);
      row++;
      String name =
          groundTruth.category(c).map(CocoCategory::name).orElse("category " + c);
      perClass.add(new UltralyticsClassAp(c, name, ap[0], Numpy.mean(ap, nThr), nl));
    }
    if (labels.isEmpty()) {
      return new UltralyticsEvalResult(0, 0, 0, perClass);
    }
    double[] ap50 = new double[labels.size()];
    double[] ap75 = new double[labels.size()];
    for (int k = 0; k < labels.size(); k++) {
      ap50[k] = all[k * nThr];
      ap75[k] = all[k * nThr + 5];
    }
    return new UltralyticsEvalResult(
        Numpy.mean(ap50, ap50.length), Numpy.mean(ap75, ap75.length),
        Numpy.mean(all, all.length), perClass);
  }

  /** {@code compute_ap} with method {@code interp}. */
  static double computeAp(double[] recall, double[] precision) {
    int n = recall.length;
    double[] mrec = new double[n + 2];
    double[] mpre = new double[n + 2];
    mrec[0] = 0.0;
    mpre[0] = 1.0;
    System.arraycopy(recall, 0, mrec, 1, n);
    System.arraycopy(precision, 0, mpre, 1, n);
    mrec[n + 1] = 1.0;
    mpre[n + 1] = 0.0;
    for (int i = n; i >= 0; i--) {
      mpre[i] = Math.max(mpre[i], mpre[i + 1]);
    }
    double[] x = Numpy.linspace(0, 1, 101);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Numpy.interp(x[i], mrec, mpre);
    }
    return Numpy.trapezoid(y, x);
  }

  /** {@code torch.linspace(start, end, steps)} for float32 on the CPU. */
  static float[] torchLinspace(float start, float end, int steps) {
    float[] v = new float[steps];
    float step = (end - start) / (steps - 1);
    int halfway = steps / 2;
    for (int i = 0; i < steps; i++) {
      v[i] = i < halfway ? start + step * i : end - step * (steps - i - 1);
    }
    return v;
  }
}
