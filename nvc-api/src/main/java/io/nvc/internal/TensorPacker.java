package io.nvc.internal;

/**
 * Resamples a region of a {@link Frame} into a model's input tensor, normalised as its manifest says.
 *
 * <p>Separable resampling: where the input is shrunk (more than one image pixel per model pixel) each
 * model pixel is the area average of the image pixels it covers, so downscaled inputs do not alias;
 * where it is enlarged, bilinear interpolation at the model pixel's centre. Each image row is read once
 * per use and the horizontal pass is shared by neighbouring model rows. A {@link Crop} may be turned by
 * quarter turns: the same resampling, written to the turned positions. Stateless and thread-safe.
 */
public final class TensorPacker {

  private TensorPacker() {}

  /**
   * Writes one image of {@code spec}'s size into {@code out} starting at {@code offset}.
   *
   * @param frame the source image
   * @param placement where the model input lies in the image
   * @param spec input size, layout, channel order and normalisation
   * @param out destination, at least {@code offset + spec.valuesPerImage()} long
   * @param offset index of the first value to write
   * @param clampOutside true to repeat the image's edge pixels outside the image (crops), false to use
   *     the manifest's pad value there (letterbox and tiles)
   */
  public static void pack(
      Frame frame, Placement placement, InputSpec spec, float[] out, int offset, boolean clampOutside) {
    pack(frame, new Crop(placement, 0, spec.width(), spec.height()), spec, out, offset, clampOutside);
  }

  /**
   * Writes one crop, turned as it says, into {@code out} starting at {@code offset}; the image's edge
   * pixels are repeated outside the image.
   */
  public static void pack(Frame frame, Crop crop, InputSpec spec, float[] out, int offset) {
    pack(frame, crop, spec, out, offset, true);
  }

  private static void pack(
      Frame frame, Crop crop, InputSpec spec, float[] out, int offset, boolean clampOutside) {
    if (crop.width() != spec.width() || crop.height() != spec.height()) {
      throw new IllegalArgumentException("crop of " + crop.width() + "x" + crop.height() + " for an input of "
          + spec.width() + "x" + spec.height());
    }
    Placement placement = crop.region();
    boolean odd = crop.quarterTurns() % 2 == 1;
    int w = odd ? spec.height() : spec.width();
    int h = odd ? spec.width() : spec.height();
    Axis ax = Axis.of(placement.originX(), placement.scaleX(), w, frame.width(), clampOutside);
    Axis ay = Axis.of(placement.originY(), placement.scaleY(), h, frame.height(), clampOutside);
    float pad = (float) spec.padValue();
    float[] mul = new float[3];
    float[] add = new float[3];
    for (int c = 0; c < 3; c++) {
      double std = spec.std().get(c);
      mul[c] = (float) (spec.scale() / std);
      add[c] = (float) (-spec.mean().get(c) / std);
    }
    boolean bgr = spec.bgr();
    int plane = w * h;
    boolean turned = crop.quarterTurns() != 0;
    RowCache rows = new RowCache(frame, ax, pad);
    float[] acc = new float[w * 3];
    for (int v = 0; v < h; v++) {
      float padWeight = ay.pad[v];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = padWeight * pad;
      }
      for (int t = ay.offset[v], end = ay.offset[v + 1]; t < end; t++) {
        float wy = ay.weight[t];
        float[] row = rows.get(ay.index[t]);
        for (int i = 0; i < acc.length; i++) {
          acc[i] += wy * row[i];
        }
      }
      for (int u = 0; u < w; u++) {
        float r = acc[3 * u];
        float g = acc[3 * u + 1];
        float b = acc[3 * u + 2];
        float c0 = (bgr ? b : r) * mul[0] + add[0];
        float c1 = g * mul[1] + add[1];
        float c2 = (bgr ? r : b) * mul[2] + add[2];
        int pixel = turned ? crop.modelIndex(u, v) : v * w + u;
        if (spec.channelsFirst()) {
          int i = offset + pixel;
          out[i] = c0;
          out[i + plane] = c1;
          out[i + 2 * plane] = c2;
        } else {
          int i = offset + pixel * 3;
          out[i] = c0;
          out[i + 1] = c1;
          out[i + 2] = c2;
        }
      }
    }
  }

  /**
   * The source taps of one axis: for output {@code o}, taps {@code offset[o]} to {@code offset[o + 1]}
   * with image indices {@code index} and weights {@code weight}, plus {@code pad[o]}, the weight of the
   * pad value (the part of the output pixel outside the image, when not clamping). Weights sum to 1.
   */
  static final class Axis {
    final int[] offset;
    final int[] index;
    final float[] weight;
    final float[] pad;

    private Axis(int[] offset, int[] index, float[] weight, float[] pad) {
      this.offset = offset;
      this.index = index;
      this.weight = weight;
      this.pad = pad;
    }

    static Axis of(double origin, double scale, int outLength, int sourceLength, boolean clamp) {
      int[] offset = new int[outLength + 1];
      float[] pad = new float[outLength];
      int capacity = outLength * ((int) Math.ceil(scale) + 2);
      int[] index = new int[capacity];
      float[] weight = new float[capacity];
      int n = 0;
      for (int o = 0; o < outLength; o++) {
        offset[o] = n;
        if (scale > 1) {
          double a = origin + o * scale;
          double b = a + scale;
          for (int i = (int) Math.floor(a); i < b; i++) {
            double overlap = Math.min(b, i + 1) - Math.max(a, i);
            if (overlap <= 0) {
              continue;
            }
            float wt = (float) (overlap / scale);
            if (i < 0 || i >= sourceLength) {
              if (!clamp) {
                pad[o] += wt;
                continue;
              }
            }
            n = addTap(index, weight, n, offset[o], Math.max(0, Math.min(sourceLength - 1, i)), wt);
          }
        } else {
          double centre = origin + (o + 0.5) * scale;
          if (!clamp && (centre < 0 || centre >= sourceLength)) {
            pad[o] = 1;
          } else {
            double c = Math.max(0, Math.min(sourceLength - 1, centre - 0.5));
            int i0 = (int) Math.floor(c);
            float f = (float) (c - i0);
            n = addTap(index, weight, n, offset[o], i0, 1 - f);
            if (f > 0) {
              n = addTap(index, weight, n, offset[o], Math.min(sourceLength - 1, i0 + 1), f);
            }
          }
        }
      }
      offset[outLength] = n;
      return new Axis(offset, index, weight, pad);
    }

    /** Appends a tap, merging it into the previous one of the same output when the index repeats. */
    private static int addTap(int[] index, float[] weight, int n, int first, int i, float wt) {
      if (n > first && index[n - 1] == i) {
        weight[n - 1] += wt;
        return n;
      }
      index[n] = i;
      weight[n] = wt;
      return n + 1;
    }
  }

  /** Horizontally resampled image rows, the last few kept for the next output rows. */
  private static final class RowCache {
    private static final int SLOTS = 4;
    private final Frame frame;
    private final Axis ax;
    private final float pad;
    private final int[] keys = {-1, -1, -1, -1};
    private final float[][] rows;
    private final int[] pixels;
    private final int firstX;
    private final int lastX;
    private int next;

    RowCache(Frame frame, Axis ax, float pad) {
      this.frame = frame;
      this.ax = ax;
      this.pad = pad;
      int outLength = ax.pad.length;
      this.rows = new float[SLOTS][outLength * 3];
      int lo = Integer.MAX_VALUE;
      int hi = -1;
      for (int t = 0; t < ax.offset[outLength]; t++) {
        lo = Math.min(lo, ax.index[t]);
        hi = Math.max(hi, ax.index[t]);
      }
      this.firstX = hi < 0 ? 0 : lo;
      this.lastX = hi;
      this.pixels = new int[Math.max(0, hi - firstX + 1)];
    }

    float[] get(int y) {
      for (int s = 0; s < SLOTS; s++) {
        if (keys[s] == y) {
          return rows[s];
        }
      }
      int slot = next;
      next = (next + 1) % SLOTS;
      keys[slot] = y;
      float[] row = rows[slot];
      if (lastX >= firstX) {
        frame.row(y, firstX, pixels.length, pixels);
      }
      int outLength = ax.pad.length;
      for (int u = 0; u < outLength; u++) {
        float base = ax.pad[u] * pad;
        float r = base;
        float g = base;
        float b = base;
        for (int t = ax.offset[u], end = ax.offset[u + 1]; t < end; t++) {
          int p = pixels[ax.index[t] - firstX];
          float wt = ax.weight[t];
          r += wt * ((p >> 16) & 0xFF);
          g += wt * ((p >> 8) & 0xFF);
          b += wt * (p & 0xFF);
        }
        row[3 * u] = r;
        row[3 * u + 1] = g;
        row[3 * u + 2] = b;
      }
      return row;
    }
  }
}
