package io.nvc.examples.cli;

import io.nvc.PixelFormat;
import io.nvc.RawImage;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * One grabbed frame's pixels as 8-bit BGR, copied out of the grabber (which reuses its own buffer for
 * the next frame). {@link CaptureExchange} owns three of these and hands them round, so the pixel
 * memory is allocated once and never grows. Not thread-safe: one thread owns a buffer at a time.
 */
final class CaptureBuffer {

  private static final ComponentColorModel BGR = new ComponentColorModel(
      ColorSpace.getInstance(ColorSpace.CS_sRGB), new int[] {8, 8, 8}, false, false, Transparency.OPAQUE,
      DataBuffer.TYPE_BYTE);

  private byte[] bytes = new byte[0];
  private ByteBuffer buffer = ByteBuffer.wrap(bytes);
  private int width;
  private int height;
  private int stride;
  /** 1-based number of the frame in the capture. */
  long sequence;
  /** {@link System#nanoTime()} when the frame was grabbed. */
  long grabNanos;
  /** Wall-clock time when the frame was grabbed, milliseconds since the epoch. */
  long grabEpochMillis;

  int width() {
    return width;
  }

  int height() {
    return height;
  }

  /**
   * Copies {@code frame} (8-bit, 1, 3 or 4 channels, any row stride) into this buffer as BGR: 3-channel
   * frames with one bulk copy that keeps their row stride, others converted pixel by pixel.
   *
   * @throws IllegalArgumentException for frames that are not 8-bit grey, BGR or BGRA images
   */
  void copyFrom(Frame frame) {
    if (frame.image == null || frame.image.length == 0 || !(frame.image[0] instanceof ByteBuffer src)
        || (frame.imageDepth != Frame.DEPTH_UBYTE && frame.imageDepth != Frame.DEPTH_BYTE)) {
      throw new IllegalArgumentException("expected an 8-bit image frame, found depth " + frame.imageDepth
          + " with " + frame.imageChannels + " channels");
    }
    int channels = frame.imageChannels;
    if (channels != 1 && channels != 3 && channels != 4) {
      throw new IllegalArgumentException("expected a frame with 1, 3 or 4 channels, found " + channels);
    }
    int w = frame.imageWidth;
    int h = frame.imageHeight;
    int srcStride = frame.imageStride;
    if (w <= 0 || h <= 0 || srcStride < w * channels) {
      throw new IllegalArgumentException("invalid frame " + w + "x" + h + " with row stride " + srcStride);
    }
    ByteBuffer in = src.duplicate();
    int base = in.position();
    long needed = (long) srcStride * (h - 1) + (long) w * channels;
    if (in.remaining() < needed) {
      throw new IllegalArgumentException("frame buffer holds " + in.remaining() + " bytes, expected " + needed);
    }
    int dstStride = channels == 3 ? srcStride : w * 3;
    ensure(w, h, dstStride);
    if (channels == 3) {
      int n = (int) Math.min(in.remaining(), (long) dstStride * h);
      in.get(bytes, 0, n);
      return;
    }
    byte[] row = new byte[w * channels];
    for (int y = 0; y < h; y++) {
      in.position(base + y * srcStride);
      in.get(row);
      int o = y * dstStride;
      for (int x = 0, i = 0; x < w; x++, i += channels, o += 3) {
        if (channels == 1) {
          bytes[o] = row[i];
          bytes[o + 1] = row[i];
          bytes[o + 2] = row[i];
        } else {
          bytes[o] = row[i];
          bytes[o + 1] = row[i + 1];
          bytes[o + 2] = row[i + 2];
        }
      }
    }
  }

  private void ensure(int w, int h, int rowStride) {
    int size = Math.multiplyExact(rowStride, h);
    if (bytes.length < size) {
      bytes = new byte[size];
      buffer = ByteBuffer.wrap(bytes);
    }
    width = w;
    height = h;
    stride = rowStride;
  }

  /** The frame for the analyzer, read in place (valid until this buffer is refilled). */
  RawImage raw() {
    return new RawImage(buffer.duplicate(), width, height, stride, PixelFormat.BGR);
  }

  /** The frame as a {@link BufferedImage} over the same bytes, no copy (valid until refilled). */
  BufferedImage view() {
    WritableRaster raster = Raster.createInterleavedRaster(new DataBufferByte(bytes, bytes.length), width,
        height, stride, 3, new int[] {2, 1, 0}, null);
    return new BufferedImage(BGR, raster, false, null);
  }

  /** An independent {@link BufferedImage#TYPE_3BYTE_BGR} copy of the frame (for a snapshot). */
  BufferedImage copy() {
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      System.arraycopy(bytes, y * stride, dst, y * width * 3, width * 3);
    }
    return out;
  }
}
