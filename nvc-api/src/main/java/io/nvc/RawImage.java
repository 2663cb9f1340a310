package io.nvc;

import java.nio.ByteBuffer;

/**
 * An interleaved 8-bit frame as capture software hands it over, read in place without a copy.
 *
 * <p>Pixel {@code (x, y)} starts at byte {@code pixels.position() + y * rowStride + x *
 * format.bytesPerPixel()}. The buffer is only read, during the {@code analyze} call that receives it;
 * the caller keeps ownership and may reuse it after the call returns. The record itself is immutable,
 * but the buffer's contents are the caller's: do not change them while an analysis reads them.
 *
 * @param pixels the pixel bytes, heap or direct
 * @param width width in pixels, {@code > 0}
 * @param height height in pixels, {@code > 0}
 * @param rowStride bytes from the start of one row to the next, at least {@code width *
 *     format.bytesPerPixel()}
 * @param format the byte order of each pixel
 */
public record RawImage(ByteBuffer pixels, int width, int height, int rowStride, PixelFormat format) {

  /** Validates that the buffer holds every row. */
  public RawImage {
    if (pixels == null || format == null) {
      throw new IllegalArgumentException("pixels and format must not be null");
    }
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("frame size must be > 0, found " + width + "x" + height);
    }
    long minStride = (long) width * format.bytesPerPixel();
    if (rowStride < minStride) {
      throw new IllegalArgumentException(
          "rowStride must be >= width * " + format.bytesPerPixel() + " = " + minStride + " bytes for "
              + format + ", found " + rowStride);
    }
    long needed = (long) rowStride * (height - 1) + minStride;
    if (pixels.remaining() < needed) {
      throw new IllegalArgumentException(
          "buffer too small for a " + width + "x" + height + " " + format + " frame with row stride "
              + rowStride + ": expected at least " + needed + " bytes remaining, found "
              + pixels.remaining());
    }
  }

  /** A tightly packed frame (row stride = width * bytes per pixel). */
  public static RawImage packed(ByteBuffer pixels, int width, int height, PixelFormat format) {
    return new RawImage(pixels, width, height, width * format.bytesPerPixel(), format);
  }
}
