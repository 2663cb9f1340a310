package io.nvc.internal;

/**
 * Resamples a region of a {@link Frame} into a model's input tensor, normalised as its manifest says.
 * Bilinear sampling, with a box filter of up to 4x4 bilinear samples per output pixel when shrinking, so
 * that downscaled inputs do not alias. Stateless and thread-safe.
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
    int w = spec.width();
    int h = spec.height();
    int fw = frame.width();
    int fh = frame.height();
    int kx = Math.min(4, Math.max(1, (int) Math.ceil(placement.scaleX() - 1e-9)));
    int ky = Math.min(4, Math.max(1, (int) Math.ceil(placement.scaleY() - 1e-9)));
    float[] mul = new float[3];
    float[] add = new float[3];
    for (int c = 0; c < 3; c++) {
      double std = spec.std().get(c);
      mul[c] = (float) (spec.scale() / std);
      add[c] = (float) (-spec.mean().get(c) / std);
    }
    boolean bgr = spec.bgr();
    float padR = (float) spec.padValue();
    int plane = w * h;
    float[] rgb = new float[3];
    for (int v = 0; v < h; v++) {
      for (int u = 0; u < w; u++) {
        float r = 0;
        float g = 0;
        float b = 0;
        int n = 0;
        int padded = 0;
        for (int sy = 0; sy < ky; sy++) {
          double y = placement.imageY(v + (sy + 0.5) / ky);
          for (int sx = 0; sx < kx; sx++) {
            double x = placement.imageX(u + (sx + 0.5) / kx);
            n++;
            if (!clampOutside && (x < 0 || y < 0 || x >= fw || y >= fh)) {
              padded++;
              continue;
            }
            bilinear(frame, x - 0.5, y - 0.5, rgb);
            r += rgb[0];
            g += rgb[1];
            b += rgb[2];
          }
        }
        if (padded > 0) {
          r += padded * padR;
          g += padded * padR;
          b += padded * padR;
        }
        float inv = 1f / n;
        float c0 = (bgr ? b : r) * inv * mul[0] + add[0];
        float c1 = g * inv * mul[1] + add[1];
        float c2 = (bgr ? r : b) * inv * mul[2] + add[2];
        if (spec.channelsFirst()) {
          int i = offset + v * w + u;
          out[i] = c0;
          out[i + plane] = c1;
          out[i + 2 * plane] = c2;
        } else {
          int i = offset + (v * w + u) * 3;
          out[i] = c0;
          out[i + 1] = c1;
          out[i + 2] = c2;
        }
      }
    }
  }

  /** Bilinear RGB at pixel-index coordinates {@code (x, y)}, clamped to the image. */
  private static void bilinear(Frame f, double x, double y, float[] rgb) {
    int maxX = f.width() - 1;
    int maxY = f.height() - 1;
    double cx = Math.max(0, Math.min(maxX, x));
    double cy = Math.max(0, Math.min(maxY, y));
    int x0 = (int) cx;
    int y0 = (int) cy;
    int x1 = Math.min(maxX, x0 + 1);
    int y1 = Math.min(maxY, y0 + 1);
    float ax = (float) (cx - x0);
    float ay = (float) (cy - y0);
    int p00 = f.rgb(x0, y0);
    int p10 = f.rgb(x1, y0);
    int p01 = f.rgb(x0, y1);
    int p11 = f.rgb(x1, y1);
    for (int c = 0, shift = 16; c < 3; c++, shift -= 8) {
      float top = ((p00 >> shift) & 0xFF) * (1 - ax) + ((p10 >> shift) & 0xFF) * ax;
      float bottom = ((p01 >> shift) & 0xFF) * (1 - ax) + ((p11 >> shift) & 0xFF) * ax;
      rgb[c] = top * (1 - ay) + bottom * ay;
    }
  }
}
