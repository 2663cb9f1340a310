package io.nvc.internal;

import io.nvc.Box;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns model outputs into detections, keypoints and size probabilities, checking every shape against
 * what the manifest promises. Stateless and thread-safe.
 */
public final class Decoders {

  /** How close (model pixels) a box must come to a tile edge to count as touching it. */
  private static final double EDGE_TOLERANCE = 2.0;

  private Decoders() {}

  /**
   * Decodes the detector's outputs for one input placed at {@code placement}: boxes in image pixels,
   * clipped to the image, with scores of at least {@code minScore}.
   */
  public static List<Detection> detections(
      ModelManifest detector, Map<String, Tensor> outputs, Placement placement, double minScore,
      int imageWidth, int imageHeight) throws NvcException {
    BoxSink sink = new BoxSink(detector, placement, minScore, imageWidth, imageHeight);
    int classes = detector.classes().size();
    switch (detector.decoder()) {
      case BOXES -> {
        Tensor out = tensor(detector, outputs, "boxes");
        long[] s = out.shape();
        boolean ok = (s.length == 3 && s[0] == 1 && s[2] == 6) || (s.length == 2 && s[1] == 6);
        if (!ok) {
          throw invalid(detector, "output '" + detector.output("boxes") + "' of shape [1, N, 6] or [N, 6]",
              Arrays.toString(s));
        }
        int rows = (int) s[s.length - 2];
        Tensor scores = null;
        if (detector.givesClassScores()) {
          scores = tensor(detector, outputs, ModelManifest.CLASS_SCORES_SLOT);
          long[] c = scores.shape();
          if (!(c.length == s.length && c[c.length - 2] == rows && c[c.length - 1] == classes
              && (c.length == 2 || c[0] == 1))) {
            throw invalid(detector, "output '" + detector.output(ModelManifest.CLASS_SCORES_SLOT)
                + "' of shape [1, " + rows + ", " + classes + "] (one row of class probabilities per box)",
                Arrays.toString(c));
          }
        }
        for (int r = 0; r < rows; r++) {
          int o = r * 6;
          sink.add(out.get(o), out.get(o + 1), out.get(o + 2), out.get(o + 3), out.get(o + 4),
              out.get(o + 5), r, scores);
        }
      }
      case YOLO -> {
        Tensor out = tensor(detector, outputs, "predictions");
        long[] s = out.shape();
        if (s.length != 3 || s[0] != 1 || (s[1] != 4 + classes && s[2] != 4 + classes)) {
          throw invalid(detector, "output '" + detector.output("predictions") + "' of shape [1, "
              + (4 + classes) + ", A] or [1, A, " + (4 + classes) + "] for " + classes + " classes",
              Arrays.toString(s));
        }
        boolean channelsFirst = s[1] == 4 + classes;
        int anchors = (int) (channelsFirst ? s[2] : s[1]);
        int features = 4 + classes;
        for (int a = 0; a < anchors; a++) {
          final int anchor = a;
          java.util.function.IntToDoubleFunction at = f -> channelsFirst
              ? out.get(f * anchors + anchor) : out.get(anchor * features + f);
          int best = 0;
          for (int c = 1; c < classes; c++) {
            if (at.applyAsDouble(4 + c) > at.applyAsDouble(4 + best)) {
              best = c;
            }
          }
          double cx = at.applyAsDouble(0);
          double cy = at.applyAsDouble(1);
          double w = at.applyAsDouble(2);
          double h = at.applyAsDouble(3);
          sink.add(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, at.applyAsDouble(4 + best), best, a,
              null);
        }
      }
      case MMDEPLOY -> {
        Tensor dets = tensor(detector, outputs, "dets");
        Tensor labels = tensor(detector, outputs, "labels");
        long[] d = dets.shape();
        long[] l = labels.shape();
        if (d.length != 3 || d[0] != 1 || d[2] != 5 || l.length != 2 || l[0] != 1 || l[1] != d[1]) {
          throw invalid(detector, "outputs '" + detector.output("dets") + "' [1, N, 5] and '"
              + detector.output("labels") + "' [1, N]", Arrays.toString(d) + " and " + Arrays.toString(l));
        }
        for (int r = 0; r < d[1]; r++) {
          int o = r * 5;
          sink.add(dets.get(o), dets.get(o + 1), dets.get(o + 2), dets.get(o + 3), dets.get(o + 4),
              labels.get(r), r, null);
        }
      }
      default -> throw new IllegalStateException("decoder " + detector.decoder() + " is not a detector's");
    }
    return sink.result;
  }

  /** Collects boxes in model-input pixels as image detections; checks classes and coordinates. */
  private static final class BoxSink {
    final List<Detection> result = new ArrayList<>();
    private final ModelManifest detector;
    private final Placement placement;
    private final double minScore;
    private final int imageWidth;
    private final int imageHeight;

    BoxSink(ModelManifest detector, Placement placement, double minScore, int imageWidth, int imageHeight) {
      this.detector = detector;
      this.placement = placement;
      this.minScore = minScore;
      this.imageWidth = imageWidth;
      this.imageHeight = imageHeight;
    }

    /** Adds row {@code row}, with its class probabilities from row {@code row} of {@code scores} if given. */
    void add(double x1, double y1, double x2, double y2, double score, double classValue, int row,
        @Nullable Tensor scores) throws NvcException {
      if (!(score >= minScore)) {
        return;
      }
      int classes = detector.classes().size();
      int cls = (int) Math.round(classValue);
      if (cls < 0 || cls >= classes) {
        throw invalid(detector, "class indices in [0, " + (classes - 1) + "]",
            "class " + classValue + " in row " + row);
      }
      if (!Double.isFinite(x1 + y1 + x2 + y2)) {
        throw invalid(detector, "finite box coordinates",
            "row " + row + " = " + x1 + ", " + y1 + ", " + x2 + ", " + y2);
      }
      InputSpec in = detector.input();
      boolean atEdge = touches(placement, Placement.LEFT, Math.min(x1, x2) <= EDGE_TOLERANCE)
          || touches(placement, Placement.TOP, Math.min(y1, y2) <= EDGE_TOLERANCE)
          || touches(placement, Placement.RIGHT, Math.max(x1, x2) >= in.width() - EDGE_TOLERANCE)
          || touches(placement, Placement.BOTTOM, Math.max(y1, y2) >= in.height() - EDGE_TOLERANCE);
      Box box = Box.fromCorners(placement.imageX(x1), placement.imageY(y1), placement.imageX(x2),
          placement.imageY(y2)).clip(imageWidth, imageHeight);
      if (box.width() < 1 || box.height() < 1) {
        return;
      }
      float[] probabilities = null;
      if (scores != null) {
        probabilities = new float[classes];
        for (int c = 0; c < classes; c++) {
          float p = scores.get(row * classes + c);
          if (!(p >= 0 && p <= 1)) {
            throw invalid(detector, "class probabilities in [0, 1]", p + " in row " + row);
          }
          probabilities[c] = p;
        }
      }
      result.add(new Detection(box, cls, (float) Math.min(1, score), atEdge, probabilities));
    }
  }

  /**
   * The output tensor that fills decoder slot {@code slot}.
   *
   * @throws NvcException {@link ErrorCode#BACKEND_FAILURE} when the backend did not return it
   */
  static Tensor tensor(ModelManifest model, Map<String, Tensor> outputs, String slot) throws NvcException {
    String name = model.output(slot);
    Tensor t = outputs.get(name);
    if (t == null) {
      throw new NvcException(ErrorCode.BACKEND_FAILURE,
          "model " + model.name() + " returned no output '" + name + "'; returned: " + outputs.keySet());
    }
    return t;
  }

  private static boolean touches(Placement p, int edge, boolean near) {
    return near && (p.interiorEdges() & edge) != 0;
  }

  /**
   * Decodes keypoints of {@code batch} crops into {@code [batch][K][3]} = x, y (crop-input pixels,
   * continuous) and confidence.
   */
  public static float[][][] keypoints(ModelManifest model, Map<String, Tensor> outputs, int batch)
      throws NvcException {
    Tensor out = tensor(model, outputs, model.decoder().slots().get(0));
    int k = model.keypoints().size();
    long[] s = out.shape();
    float[][][] result = new float[batch][k][3];
    if (model.decoder() == DecoderKind.COORDINATES) {
      if (s.length != 3 || s[0] != batch || s[1] != k || s[2] != 3) {
        throw invalid(model, "output '" + model.output(model.decoder().slots().get(0)) + "' of shape [" + batch + ", " + k
            + ", 3]", Arrays.toString(s));
      }
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < k; j++) {
          int o = (b * k + j) * 3;
          result[b][j][0] = out.get(o);
          result[b][j][1] = out.get(o + 1);
          result[b][j][2] = clamp01(out.get(o + 2));
        }
      }
      return result;
    }
    if (s.length != 4 || s[0] != batch || s[1] != k) {
      throw invalid(model, "output '" + model.output(model.decoder().slots().get(0)) + "' of shape [" + batch + ", " + k
          + ", h, w]", Arrays.toString(s));
    }
    int h = (int) s[2];
    int w = (int) s[3];
    double sx = (double) model.input().width() / w;
    double sy = (double) model.input().height() / h;
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < k; j++) {
        int base = (b * k + j) * h * w;
        int best = 0;
        float max = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < h * w; i++) {
          float v = out.get(base + i);
          if (v > max) {
            max = v;
            best = i;
          }
        }
        int px = best % w;
        int py = best / w;
        double dx = px > 0 && px < w - 1
            ? refine(out.get(base + best - 1), max, out.get(base + best + 1)) : 0;
        double dy = py > 0 && py < h - 1
            ? refine(out.get(base + best - w), max, out.get(base + best + w)) : 0;
        result[b][j][0] = (float) ((px + 0.5 + dx) * sx);
        result[b][j][1] = (float) ((py + 0.5 + dy) * sy);
        result[b][j][2] = clamp01(max);
      }
    }
    return result;
  }

  /** Sub-pixel offset of a peak from a quadratic through three samples, within [-0.5, 0.5]. */
  static double refine(float left, float centre, float right) {
    double denominator = left - 2.0 * centre + right;
    if (denominator >= 0) {
      return 0;
    }
    return Math.max(-0.5, Math.min(0.5, 0.5 * (left - right) / denominator));
  }

  /** Softmax probabilities {@code [batch][3]} of {@link DecoderKind#LOGITS} output {@code [B, 3]}. */
  public static float[][] sizeProbabilities(ModelManifest model, Map<String, Tensor> outputs, int batch)
      throws NvcException {
    Tensor out = tensor(model, outputs, ModelManifest.LOGITS_SLOT);
    long[] s = out.shape();
    if (s.length != 2 || s[0] != batch || s[1] != 3) {
      throw invalid(model, "output '" + model.output(ModelManifest.LOGITS_SLOT) + "' of shape [" + batch + ", 3]",
          Arrays.toString(s));
    }
    float[][] p = new float[batch][3];
    for (int b = 0; b < batch; b++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < 3; c++) {
        max = Math.max(max, out.get(b * 3 + c));
      }
      double sum = 0;
      for (int c = 0; c < 3; c++) {
        double e = Math.exp(out.get(b * 3 + c) - max);
        p[b][c] = (float) e;
        sum += e;
      }
      for (int c = 0; c < 3; c++) {
        p[b][c] /= (float) sum;
      }
    }
    return p;
  }

  private static float clamp01(float v) {
    return Float.isNaN(v) ? 0f : Math.max(0f, Math.min(1f, v));
  }

  private static NvcException invalid(ModelManifest model, String expected, String found) {
    return new NvcException(ErrorCode.MODEL_INVALID,
        "model " + model.name() + " (" + model.role().id() + "): expected " + expected + ", found "
            + found);
  }
}
