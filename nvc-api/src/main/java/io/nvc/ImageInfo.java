package io.nvc;

import org.jspecify.annotations.Nullable;

/**
 * The analysed image. Immutable and thread-safe.
 *
 * @param width width in pixels, {@code > 0}
 * @param height height in pixels, {@code > 0}
 * @param file the file name the image was read from, or null for in-memory images
 */
public record ImageInfo(int width, int height, @Nullable String file) {

  /** Validates the size. */
  public ImageInfo {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be > 0, found " + width + "x" + height);
    }
  }
}
