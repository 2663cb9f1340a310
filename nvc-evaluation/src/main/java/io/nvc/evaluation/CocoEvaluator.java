package io.nvc.evaluation;

import io.nvc.dataset.Box;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoCategory;
import io.nvc.dataset.CocoDataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Bounding-box evaluation identical to pycocotools' {@code COCOeval} (iouType {@code bbox}, default
 * parameters): {@code evaluate()}, {@code accumulate()} and {@code summarize()} ported step by step,
 * including their floating-point details, so that the 12 numbers agree with pycocotools to the
 * last printed digit. Stateless and thread-safe.
 *
 * <p>The conventions: IoU thresholds {@code linspace(.5, .95, 10)}, recall points {@code
 * linspace(0, 1, 101)}, maxDets 1, 10, 100, area ranges all {@code [0, 1e10]}, small {@code [0,
 * 32^2]}, medium {@code [32^2, 96^2]}, large {@code [96^2, 1e10]} (bounds inclusive; ground truth
 * uses its {@code area} field, detections {@code w*h}); IoU on {@code [x, y, w, h]} without +1, a
 * crowd's union being the detection's area; per image and category, detections sorted by score
 * (stable) and cut to maxDet, ground truth sorted with ignored boxes last, greedy matching in score
 * order to the best still-free ground truth at or above {@code min(t, 1 - 1e-10)}, stopping at
 * ignored ground truth once a regular one matched; unmatched detections outside the area range
 * ignored; accumulation over images in id order, stable sort by score, precision made monotone,
 * looked up with {@code searchsorted(side='left')}; categories without ground truth give -1 and are
 * skipped in the means. Like pycocotools, a match to a ground truth whose annotation id is 0 counts
 * as unmatched.
 */
public final class CocoEvaluator {

  private static final double[] IOU_THRS = Numpy.linspace(0.5, 0.95, 10);
  private static final double[] REC_THRS = Numpy.linspace(0.0, 1.0, 101);
  private static final int[] MAX_DETS = {1, 10, 100};
  private static final double[][] AREA_RNG = {
    {0, 1e5 * 1e5}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e5 * 1e5}
  };
  private static final int T = IOU_THRS.length;
  private static final int R = REC_THRS.length;
  private static final int A = AREA_RNG.length;
  private static final int M = MAX_DETS.length;

  private CocoEvaluator() {}

  /** One detection after pycocotools' {@code loadRes}: its 1-based id and area {@code w*h}. */
  private record Dt(long id, Box box, double score, double area) {}

  /** One image's evaluation for a category and area range ({@code evaluateImg}'s dict). */
  private record EvalImg(
      double[] dtScores, long[][] dtMatches, boolean[][] dtIgnore, boolean[] gtIgnore) {}

  /**
   * Evaluates detections against ground truth.
   *
   * @param groundTruth the ground truth; its images and categories define what is evaluated
   * @param detections detections in results-file order (the order breaks score ties)
   * @return the 12 numbers and per-category AP
   * @throws IllegalArgumentException when a detection's image is not in the ground truth (as
   *     pycocotools' {@code loadRes}, "results do not correspond to current coco set")
   */
  public static CocoEvalResult evaluate(CocoDataset groundTruth, List<Detection> detections) {
    TreeSet<Long> imgSet = new TreeSet<>();
    groundTruth.images().forEach(i -> imgSet.add(i.id()));
    TreeMap<Integer, CocoCategory> cats = new TreeMap<>();
    for (CocoCategory c : groundTruth.categories()) {
      cats.put(c.id(), c);
    }
    for (Detection d : detections) {
      if (!imgSet.contains(d.imageId())) {
        throw new IllegalArgumentException(
            "results do not correspond to the ground truth: expected image ids from "
                + "the ground truth, found image_id " + d.imageId());
      }
    }
    long[] imgIds = imgSet.stream().mapToLong(Long::longValue).toArray();
    int[] catIds = cats.keySet().stream().mapToInt(Integer::intValue).toArray();
    Map<Long, Integer> imgIndex = new HashMap<>();
    for (int i = 0; i < imgIds.length; i++) {
      imgIndex.put(imgIds[i], i);
    }
    Map<Integer, Integer> catIndex = new HashMap<>();
    for (int k = 0; k < catIds.length; k++) {
      catIndex.put(catIds[k], k);
    }
    int nI = imgIds.length;
    int nK = catIds.length;
    List<List<CocoAnnotation>> gts = new ArrayList<>();
    List<List<Dt>> dts = new ArrayList<>();
    for (int i = 0; i < nI * nK; i++) {
      gts.add(new ArrayList<>());
      dts.add(new ArrayList<>());
    }
    for (CocoAnnotation a : groundTruth.annotations()) {
      Integer i = imgIndex.get(a.imageId());
      Integer k = catIndex.get(a.categoryId());
      if (i != null && k != null) {
        gts.get(k * nI + i).add(a);
      }
    }
    for (int n = 0; n < detections.size(); n++) {
      Detection d = detections.get(n);
      Integer i = imgIndex.get(d.imageId());
      Integer k = catIndex.get(d.categoryId());
      if (i != null && k != null) {
        dts.get(k * nI + i).add(new Dt(n + 1L, d.bbox(), d.score(), d.bbox().area()));
      }
    }

    // evaluate(): evalImgs[k][a][i], ious computed once per (image, category).
    EvalImg[][][] evalImgs = new EvalImg[nK][A][nI];
    int[] groundTruthCount = new int[nK];
    for (int k = 0; k < nK; k++) {
      for (int i = 0; i < nI; i++) {
        List<CocoAnnotation> g = gts.get(k * nI + i);
        List<Dt> d = sortedByScore(dts.get(k * nI + i));
        if (d.size() > MAX_DETS[M - 1]) {
          d = d.subList(0, MAX_DETS[M - 1]);
        }
        groundTruthCount[k] += (int) g.stream().filter(x -> !x.crowd()).count();
        double[][] ious = computeIou(g, d);
        for (int a = 0; a < A; a++) {
          evalImgs[k][a][i] = evaluateImg(g, d, ious, AREA_RNG[a], MAX_DETS[M - 1]);
        }
      }
    }

    // accumulate()
    double[][][][][] precision = new double[T][R][nK][A][M];
    double[][][][] recall = new double[T][nK][A][M];
    for (double[][][][] p : precision) {
      for (double[][][] pr : p) {
        for (double[][] pk : pr) {
          for (double[] pa : pk) {
            Arrays.fill(pa, -1);
          }
        }
      }
    }
    for (double[][][] rc : recall) {
      for (double[][] rk : rc) {
        for (double[] ra : rk) {
          Arrays.fill(ra, -1);
        }
      }
    }
    for (int k = 0; k < nK; k++) {
      for (int a = 0; a < A; a++) {
        for (int m = 0; m < M; m++) {
          accumulate(evalImgs[k][a], MAX_DETS[m], precision, recall, k, a, m);
        }
      }
    }

    // summarize()
    double[] stats = {
      summarizeAp(precision, null, 0, 2),
      summarizeAp(precision, 0.5, 0, 2),
      summarizeAp(precision, 0.75, 0, 2),
      summarizeAp(precision, null, 1, 2),
      summarizeAp(precision, null, 2, 2),
      summarizeAp(precision, null, 3, 2),
      summarizeAr(recall, 0, 0),
      summarizeAr(recall, 0, 1),
      summarizeAr(recall, 0, 2),
      summarizeAr(recall, 1, 2),
      summarizeAr(recall, 2, 2),
      summarizeAr(recall, 3, 2),
    };
    List<CategoryAp> perCategory = new ArrayList<>();
    for (int k = 0; k < nK; k++) {
      CocoCategory c = cats.get(catIds[k]);
      perCategory.add(
          new CategoryAp(
              c.id(),
              c.name(),
              categoryAp(precision, k, null),
              categoryAp(precision, k, 0.5),
              categoryAp(precision, k, 0.75),
              groundTruthCount[k]));
    }
    return new CocoEvalResult(CocoStats.of(stats), perCategory);
  }

  /** {@code np.argsort(-scores, kind='mergesort')}: descending score, stable. */
  private static List<Dt> sortedByScore(List<Dt> d) {
    List<Dt> sorted = new ArrayList<>(d);
    sorted.sort(descendingScore(Dt::score));
    return sorted;
  }

  static <X> Comparator<X> descendingScore(ToDoubleFunction<X> score) {
    return (x, y) -> {
      double a = score.applyAsDouble(x);
      double b = score.applyAsDouble(y);
      return a > b ? -1 : (a < b ? 1 : 0);
    };
  }

  /** {@code computeIoU}: rows are the sorted, cut detections, columns the ground truth. */
  private static double[][] computeIou(List<CocoAnnotation> g, List<Dt> d) {
    double[][] ious = new double[d.size()][g.size()];
    for (int gi = 0; gi < g.size(); gi++) {
      Box gb = g.get(gi).bbox();
      boolean crowd = g.get(gi).crowd();
      double ga = gb.width() * gb.height();
      for (int di = 0; di < d.size(); di++) {
        Box db = d.get(di).box();
        double da = db.width() * db.height();
        double w = Math.min(db.width() + db.x(), gb.width() + gb.x()) - Math.max(db.x(), gb.x());
        if (w <= 0) {
          continue;
        }
        double h =
            Math.min(db.height() + db.y(), gb.height() + gb.y()) - Math.max(db.y(), gb.y());
        if (h <= 0) {
          continue;
        }
        double inter = w * h;
        double union = crowd ? da : da + ga - inter;
        ious[di][gi] = inter / union;
      }
    }
    return ious;
  }

  /** {@code evaluateImg(imgId, catId, aRng, maxDet)}; {@code null} without gt and dt. */
  private static @Nullable EvalImg evaluateImg(
      List<CocoAnnotation> gtIn, List<Dt> dtSorted, double[][] ious, double[] aRng, int maxDet) {
    if (gtIn.isEmpty() && dtSorted.isEmpty()) {
      return null;
    }
    int nG = gtIn.size();
    boolean[] ignoreIn = new boolean[nG];
    for (int j = 0; j < nG; j++) {
      CocoAnnotation g = gtIn.get(j);
      ignoreIn[j] = g.crowd() || g.area() < aRng[0] || g.area() > aRng[1];
    }
    // gtind = argsort(_ignore, mergesort): non-ignored first, stable.
    int[] gtind = new int[nG];
    int p = 0;
    for (int j = 0; j < nG; j++) {
      if (!ignoreIn[j]) {
        gtind[p++] = j;
      }
    }
    for (int j = 0; j < nG; j++) {
      if (ignoreIn[j]) {
        gtind[p++] = j;
      }
    }
    List<Dt> dt = dtSorted.size() > maxDet ? dtSorted.subList(0, maxDet) : dtSorted;
    int nD = dt.size();
    boolean[] crowd = new boolean[nG];
    boolean[] gtIg = new boolean[nG];
    long[] gtIds = new long[nG];
    for (int j = 0; j < nG; j++) {
      CocoAnnotation g = gtIn.get(gtind[j]);
      crowd[j] = g.crowd();
      gtIg[j] = ignoreIn[gtind[j]];
      gtIds[j] = g.id();
    }
    boolean[][] gtm = new boolean[T][nG];
    long[][] dtm = new long[T][nD];
    boolean[][] dtIg = new boolean[T][nD];
    if (nG > 0 && nD > 0) {
      for (int t = 0; t < T; t++) {
        for (int di = 0; di < nD; di++) {
          double iou = Math.min(IOU_THRS[t], 1 - 1e-10);
          int m = -1;
          for (int gi = 0; gi < nG; gi++) {
            if (gtm[t][gi] && !crowd[gi]) {
              continue;
            }
            if (m > -1 && !gtIg[m] && gtIg[gi]) {
              break;
            }
            double v = ious[di][gtind[gi]];
            if (v < iou) {
              continue;
            }
            iou = v;
            m = gi;
          }
          if (m == -1) {
            continue;
          }
          dtIg[t][di] = gtIg[m];
          dtm[t][di] = gtIds[m];
          gtm[t][m] = true;
        }
      }
    }
    double[] scores = new double[nD];
    for (int di = 0; di < nD; di++) {
      Dt d = dt.get(di);
      scores[di] = d.score();
      boolean outside = d.area() < aRng[0] || d.area() > aRng[1];
      for (int t = 0; t < T; t++) {
        dtIg[t][di] = dtIg[t][di] || (dtm[t][di] == 0 && outside);
      }
    }
    return new EvalImg(scores, dtm, dtIg, gtIg);
  }

  private static void accumulate(
      EvalImg[] images,
      int maxDet,
      double[][][][][] precision,
      double[][][][] recall,
      int k,
      int a,
      int m) {
    List<EvalImg> e = new ArrayList<>();
    for (EvalImg img : images) {
      if (img != null) {
        e.add(img);
      }
    }
    if (e.isEmpty()) {
      return;
    }
    int total = 0;
    int npig = 0;
    for (EvalImg img : e) {
      total += Math.min(maxDet, img.dtScores().length);
      for (boolean ig : img.gtIgnore()) {
        if (!ig) {
          npig++;
        }
      }
    }
    double[] scores = new double[total];
    long[][] dtm = new long[T][total];
    boolean[][] dtIg = new boolean[T][total];
    int off = 0;
    for (EvalImg img : e) {
      int n = Math.min(maxDet, img.dtScores().length);
      System.arraycopy(img.dtScores(), 0, scores, off, n);
      for (int t = 0; t < T; t++) {
        System.arraycopy(img.dtMatches()[t], 0, dtm[t], off, n);
        System.arraycopy(img.dtIgnore()[t], 0, dtIg[t], off, n);
      }
      off += n;
    }
    if (npig == 0) {
      return;
    }
    Integer[] inds = new Integer[total];
    for (int i = 0; i < total; i++) {
      inds[i] = i;
    }
    Arrays.sort(inds, descendingScore(i -> scores[i]));
    int nd = total;
    for (int t = 0; t < T; t++) {
      double[] rc = new double[nd];
      double[] pr = new double[nd];
      long tp = 0;
      long fp = 0;
      for (int j = 0; j < nd; j++) {
        int i = inds[j];
        boolean matched = dtm[t][i] != 0;
        if (!dtIg[t][i]) {
          if (matched) {
            tp++;
          } else {
            fp++;
          }
        }
        double tpSum = tp;
        double fpSum = fp;
        rc[j] = tpSum / npig;
        pr[j] = tpSum / (fpSum + tpSum + Numpy.SPACING_1);
      }
      recall[t][k][a][m] = nd > 0 ? rc[nd - 1] : 0;
      for (int i = nd - 1; i > 0; i--) {
        if (pr[i] > pr[i - 1]) {
          pr[i - 1] = pr[i];
        }
      }
      for (int r = 0; r < R; r++) {
        int pi = Numpy.searchsortedLeft(rc, nd, REC_THRS[r]);
        precision[t][r][k][a][m] = pi < nd ? pr[pi] : 0;
      }
    }
  }

  private static double summarizeAp(
      double[][][][][] precision, @Nullable Double iouThr, int a, int m) {
    double[] values = new double[T * R * precision[0][0].length];
    int n = 0;
    for (int t = 0; t < T; t++) {
      if (iouThr != null && IOU_THRS[t] != iouThr) {
        continue;
      }
      for (int r = 0; r < R; r++) {
        for (double[][] byArea : precision[t][r]) {
          double v = byArea[a][m];
          if (v > -1) {
            values[n++] = v;
          }
        }
      }
    }
    return n == 0 ? -1 : Numpy.mean(values, n);
  }

  private static double summarizeAr(double[][][][] recall, int a, int m) {
    double[] values = new double[T * recall[0].length];
    int n = 0;
    for (int t = 0; t < T; t++) {
      for (double[][] byArea : recall[t]) {
        double v = byArea[a][m];
        if (v > -1) {
          values[n++] = v;
        }
      }
    }
    return n == 0 ? -1 : Numpy.mean(values, n);
  }

  private static double categoryAp(double[][][][][] precision, int k, @Nullable Double iouThr) {
    double[] values = new double[T * R];
    int n = 0;
    for (int t = 0; t < T; t++) {
      if (iouThr != null && IOU_THRS[t] != iouThr) {
        continue;
      }
      for (int r = 0; r < R; r++) {
        double v = precision[t][r][k][0][M - 1];
        if (v > -1) {
          values[n++] = v;
        }
      }
    }
    return n == 0 ? -1 : Numpy.mean(values, n);
  }
}
