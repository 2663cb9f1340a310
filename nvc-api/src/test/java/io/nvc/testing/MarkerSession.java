package io.nvc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One marker "model"; see {@link MarkerBackend}. Thread-safe: no mutable state besides closing. */
final class MarkerSession implements InferenceSession {

  private final String kind;
  private final String input;
  private final String output;
  private final boolean nchw;
  private final boolean bgr;
  private final double scale;
  private final double[] mean = new double[3];
  private final double[] std = new double[3];
  private final boolean heatmaps;
  /** Keypoint models only: the name of a second output with visual-size logits, or empty for none. */
  private final String sizeOutput;
  private volatile boolean closed;

  MarkerSession(JsonNode spec) {
    kind = spec.get("kind").asText();
    input = spec.get("input").asText();
    output = spec.get("output").asText();
    nchw = spec.path("layout").asText("NCHW").equals("NCHW");
    bgr = spec.path("bgr").asBoolean(false);
    scale = spec.path("scale").asDouble(1 / 255.0);
    for (int c = 0; c < 3; c++) {
      mean[c] = spec.path("mean").path(c).asDouble(0);
      std[c] = spec.path("std").path(c).asDouble(1);
    }
    heatmaps = spec.path("heatmaps").asBoolean(false);
    sizeOutput = spec.path("sizeOutput").asText("");
  }

  @Override
  public List<String> inputNames() {
    return List.of(input);
  }

  @Override
  public List<String> outputNames() {
    return sizeOutput.isEmpty() ? List.of(output) : List.of(output, sizeOutput);
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) {
    if (closed) {
      throw new IllegalStateException("marker session is closed");
    }
    Tensor t = inputs.get(input);
    long[] s = t.shape();
    int batch = (int) s[0];
    int h = (int) (nchw ? s[2] : s[1]);
    int w = (int) (nchw ? s[3] : s[2]);
    int[][][] rgb = new int[batch][][];
    for (int b = 0; b < batch; b++) {
      rgb[b] = decode(t, b, w, h);
    }
    Tensor out = switch (kind) {
      case "detector" -> detect(rgb[0], w, h);
      case "keypoints" -> keypoints(rgb, w, h);
      case "visual-size" -> visualSize(rgb, w, h);
      default -> throw new IllegalStateException("unknown marker model kind " + kind);
    };
    if (!sizeOutput.isEmpty()) {
      return Map.of(output, out, sizeOutput, visualSize(rgb, w, h));
    }
    return Map.of(output, out);
  }

  /** Un-normalises image {@code b} back to 0-255 RGB, {@code [y*w + x][3]}. */
  private int[][] decode(Tensor t, int b, int w, int h) {
    int[][] px = new int[w * h][3];
    int plane = w * h;
    int base = b * 3 * plane;
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        float v = nchw ? t.get(base + c * plane + i) : t.get(base + i * 3 + c);
        int value = (int) Math.round((v * std[c] + mean[c]) / scale);
        int channel = bgr ? 2 - c : c;
        px[i][channel] = Math.max(0, Math.min(255, value));
      }
    }
    return px;
  }

  private static boolean near(int[] p, int[] colour, int tolerance) {
    return Math.abs(p[0] - colour[0]) <= tolerance && Math.abs(p[1] - colour[1]) <= tolerance
        && Math.abs(p[2] - colour[2]) <= tolerance;
  }

  /** Connected components (8-neighbour) of each class colour; rows x1, y1, x2, y2, score, class. */
  private Tensor detect(int[][] px, int w, int h) {
    List<float[]> rows = new ArrayList<>();
    int[] label = new int[w * h];
    for (int cls = 0; cls < MarkerScene.CLASS_COLOURS.length; cls++) {
      int[] colour = MarkerScene.CLASS_COLOURS[cls];
      java.util.Arrays.fill(label, 0);
      for (int start = 0; start < w * h; start++) {
        if (label[start] != 0 || !near(px[start], colour, 40)) {
          continue;
        }
        int minX = w;
        int minY = h;
        int maxX = -1;
        int maxY = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        label[start] = 1;
        while (!queue.isEmpty()) {
          int i = queue.poll();
          int x = i % w;
          int y = i / w;
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
          for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
              int nx = x + dx;
              int ny = y + dy;
              if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                continue;
              }
              int j = ny * w + nx;
              if (label[j] == 0 && near(px[j], colour, 40)) {
                label[j] = 1;
                queue.add(j);
              }
            }
          }
        }
        if (maxX - minX >= 2 && maxY - minY >= 2) {
          rows.add(new float[] {minX, minY, maxX + 1, maxY + 1, 0.9f, cls});
        }
      }
    }
    float[] data = new float[rows.size() * 6];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, data, r * 6, 6);
    }
    return Tensor.of(data, 1, rows.size(), 6);
  }

  /** Centroid of each keypoint colour per crop: coordinates [B, K, 3] or Gaussian heatmaps [B, K, h/4, w/4]. */
  private Tensor keypoints(int[][][] crops, int w, int h) {
    int k = MarkerScene.KEYPOINT_RED.length;
    int batch = crops.length;
    float[][][] found = new float[batch][k][3];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < k; j++) {
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < w * h; i++) {
          int[] p = crops[b][i];
          if (p[1] >= 235 && p[2] >= 235 && Math.abs(p[0] - MarkerScene.KEYPOINT_RED[j]) <= 15) {
            sx += i % w + 0.5;
            sy += i / w + 0.5;
            n++;
          }
        }
        if (n > 0) {
          found[b][j] = new float[] {(float) (sx / n), (float) (sy / n), 1f};
        }
      }
    }
    if (!heatmaps) {
      float[] data = new float[batch * k * 3];
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < k; j++) {
          System.arraycopy(found[b][j], 0, data, (b * k + j) * 3, 3);
        }
      }
      return Tensor.of(data, batch, k, 3);
    }
    int hw = w / 4;
    int hh = h / 4;
    float[] data = new float[batch * k * hh * hw];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < k; j++) {
        if (found[b][j][2] == 0) {
          continue;
        }
        double cx = found[b][j][0] / 4.0 - 0.5;
        double cy = found[b][j][1] / 4.0 - 0.5;
        int base = (b * k + j) * hh * hw;
        for (int y = 0; y < hh; y++) {
          for (int x = 0; x < hw; x++) {
            double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
            data[base + y * hw + x] = (float) Math.exp(-d2 / (2 * 1.5 * 1.5));
          }
        }
      }
    }
    return Tensor.of(data, batch, k, hh, hw);
  }

  /** Logits from the grey level at the crop centre: dark normal, mid enlarged, light giant. */
  private Tensor visualSize(int[][][] crops, int w, int h) {
    float[] data = new float[crops.length * 3];
    for (int b = 0; b < crops.length; b++) {
      int[] p = crops[b][(h / 2) * w + w / 2];
      int grey = p[0];
      int cls = -1;
      for (int c = 0; c < 3; c++) {
        if (Math.abs(grey - MarkerScene.SIZE_GREYS[c]) <= 20 && p[0] == p[1] && p[1] == p[2]) {
          cls = c;
        }
      }
      for (int c = 0; c < 3; c++) {
        data[b * 3 + c] = cls == -1 ? 0f : (c == cls ? 4f : -4f);
      }
    }
    return Tensor.of(data, crops.length, 3);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      MarkerBackend.OPEN_SESSIONS.decrementAndGet();
    }
  }
}
