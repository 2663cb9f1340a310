package io.nvc.internal;

import java.util.List;

/**
 * A model's image input and its preprocessing, from the manifest.
 *
 * @param name input tensor name
 * @param batch fixed batch size, or -1 when the batch dimension is dynamic
 * @param width input width in pixels
 * @param height input height in pixels
 * @param channelsFirst true for NCHW, false for NHWC
 * @param bgr true when channel 0 is blue
 * @param scale factor applied to 0-255 pixel values before the mean is subtracted
 * @param mean per-channel mean, in the model's channel order
 * @param std per-channel standard deviation, in the model's channel order
 * @param padValue pixel value (0-255) used where the input extends beyond the image
 */
public record InputSpec(
    String name, int batch, int width, int height, boolean channelsFirst, boolean bgr, double scale,
    List<Double> mean, List<Double> std, double padValue) {

  /** Validates the sizes and normalisation. */
  public InputSpec {
    if (width < 8 || height < 8 || width > 8192 || height > 8192) {
      throw new IllegalArgumentException(
          "input width and height must be in [8, 8192], found " + width + "x" + height);
    }
    if (batch != -1 && batch < 1) {
      throw new IllegalArgumentException("input batch must be -1 (dynamic) or >= 1, found " + batch);
    }
    if (mean.size() != 3 || std.size() != 3) {
      throw new IllegalArgumentException(
          "mean and std need 3 values each, found " + mean.size() + " and " + std.size());
    }
    for (double s : std) {
      if (!(s > 0) || !Double.isFinite(s)) {
        throw new IllegalArgumentException("std values must be finite and > 0, found " + std);
      }
    }
    if (!(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException("scale must be finite and > 0, found " + scale);
    }
    mean = List.copyOf(mean);
    std = List.copyOf(std);
  }

  /** The tensor shape for {@code n} images. */
  public long[] shape(int n) {
    return channelsFirst ? new long[] {n, 3, height, width} : new long[] {n, height, width, 3};
  }

  /** Number of floats per image. */
  public int valuesPerImage() {
    return 3 * width * height;
  }
}
