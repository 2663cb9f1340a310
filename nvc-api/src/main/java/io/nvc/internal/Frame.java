package io.nvc.internal;

import io.nvc.RawImage;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DirectColorModel;
import java.awt.image.Raster;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.color.ColorSpace;
import java.nio.ByteBuffer;

/**
 * Read access to the 8-bit RGB values of an image, over the caller's pixel memory where the layout
 * allows it (interleaved bytes or packed ints) and over a converted copy otherwise. Not thread-safe
 * against changes of the underlying pixels; reading from several threads is safe.
 */
public abstract class Frame {

  private final int width;
  private final int height;

  Frame(int width, int height) {
    this.width = width;
    this.height = height;
  }

  /** Width in pixels. */
  public final int width() {
    return width;
  }

  /** Height in pixels. */
  public final int height() {
    return height;
  }

  /** The pixel at {@code (x, y)} as {@code 0xRRGGBB}; coordinates must lie inside the image. */
  public abstract int rgb(int x, int y);

  /** Copies {@code n} pixels of row {@code y} from column {@code x} into {@code dst} as {@code 0xRRGGBB}. */
  public void row(int y, int x, int n, int[] dst) {
    for (int i = 0; i < n; i++) {
      dst[i] = rgb(x + i, y);
    }
  }

  /** A frame over a raw interleaved buffer, without a copy. */
  public static Frame of(RawImage raw) {
    var f = raw.format();
    return new BytesFrame(raw.pixels().slice(), raw.width(), raw.height(), raw.rowStride(),
        f.bytesPerPixel(), f.redOffset(), f.greenOffset(), f.blueOffset());
  }

  /**
   * A frame over {@code image}: without a copy for 8-bit interleaved RGB(A)/BGR(A) bytes and packed
   * RGB ints (the usual types), else over an 8-bit RGB copy. Alpha is ignored; samples of other depths
   * (16-bit, 5/6-bit packed) are scaled to 8 bits; grey is replicated to the three channels.
   */
  public static Frame of(BufferedImage image) {
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    DataBuffer db = raster.getDataBuffer();
    boolean rgbSpace = cm.getColorSpace().getType() == ColorSpace.TYPE_RGB
        && cm.getColorSpace().isCS_sRGB();
    int tx = -raster.getSampleModelTranslateX();
    int ty = -raster.getSampleModelTranslateY();
    if (rgbSpace && db instanceof DataBufferByte bytes && db.getNumBanks() == 1
        && raster.getSampleModel() instanceof ComponentSampleModel sm
        && sm.getNumBands() >= 3 && sm.getNumBands() <= 4 && allBits(cm, 8)
        && !(cm instanceof java.awt.image.IndexColorModel)) {
      int[] bandOffsets = sm.getBandOffsets();
      int stride = sm.getScanlineStride();
      int pixelStride = sm.getPixelStride();
      int base = db.getOffset() + ty * stride + tx * pixelStride;
      ByteBuffer buf = ByteBuffer.wrap(bytes.getData());
      buf.position(base);
      return new BytesFrame(buf.slice(), image.getWidth(), image.getHeight(), stride, pixelStride,
          bandOffsets[0], bandOffsets[1], bandOffsets[2]);
    }
    if (rgbSpace && db instanceof DataBufferInt ints && db.getNumBanks() == 1
        && raster.getSampleModel() instanceof SinglePixelPackedSampleModel sm
        && cm instanceof DirectColorModel dcm && !dcm.isAlphaPremultiplied()
        && dcm.getRedMask() == 0xFF0000 && dcm.getGreenMask() == 0xFF00 && dcm.getBlueMask() == 0xFF) {
      int stride = sm.getScanlineStride();
      return new IntsFrame(ints.getData(), db.getOffset() + ty * stride + tx, stride,
          image.getWidth(), image.getHeight());
    }
    return converted(image);
  }

  private static boolean allBits(ColorModel cm, int bits) {
    for (int s : cm.getComponentSize()) {
      if (s != bits) {
        return false;
      }
    }
    return true;
  }

  /** Copies {@code image} to packed 8-bit RGB, reading samples directly for grey and 16-bit images. */
  private static Frame converted(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] out = new int[Math.multiplyExact(w, h)];
    Raster raster = image.getRaster();
    ColorModel cm = image.getColorModel();
    int type = cm.getColorSpace().getType();
    int bands = raster.getNumBands();
    boolean direct = !(cm instanceof java.awt.image.IndexColorModel)
        && cm.getColorSpace().isCS_sRGB() || type == ColorSpace.TYPE_GRAY;
    if (direct && (type == ColorSpace.TYPE_GRAY || type == ColorSpace.TYPE_RGB)) {
      int colourBands = type == ColorSpace.TYPE_GRAY ? 1 : 3;
      long[] max = new long[colourBands];
      for (int b = 0; b < colourBands; b++) {
        max[b] = (1L << raster.getSampleModel().getSampleSize(b)) - 1;
      }
      int[] row = new int[w * bands];
      for (int y = 0; y < h; y++) {
        raster.getPixels(0, y, w, 1, row);
        for (int x = 0; x < w; x++) {
          int i = x * bands;
          int r;
          int g;
          int b;
          if (colourBands == 1) {
            r = g = b = to8(row[i], max[0]);
          } else {
            r = to8(row[i], max[0]);
            g = to8(row[i + 1], max[1]);
            b = to8(row[i + 2], max[2]);
          }
          out[y * w + x] = (r << 16) | (g << 8) | b;
        }
      }
    } else {
      image.getRGB(0, 0, w, h, out, 0, w);
      for (int i = 0; i < out.length; i++) {
        out[i] &= 0xFFFFFF;
      }
    }
    return new IntsFrame(out, 0, w, w, h);
  }

  /** A sample of range {@code [0, max]} scaled to 8 bits, rounded. */
  private static int to8(int sample, long max) {
    return (int) Math.min(255, ((sample & 0xFFFFFFFFL) * 255 + max / 2) / max);
  }

  private static final class BytesFrame extends Frame {
    private final ByteBuffer data;
    private final int stride;
    private final int pixelStride;
    private final int r;
    private final int g;
    private final int b;

    BytesFrame(ByteBuffer data, int width, int height, int stride, int pixelStride, int r, int g, int b) {
      super(width, height);
      this.data = data;
      this.stride = stride;
      this.pixelStride = pixelStride;
      this.r = r;
      this.g = g;
      this.b = b;
    }

    @Override
    public int rgb(int x, int y) {
      int i = y * stride + x * pixelStride;
      return ((data.get(i + r) & 0xFF) << 16) | ((data.get(i + g) & 0xFF) << 8) | (data.get(i + b) & 0xFF);
    }

    @Override
    public void row(int y, int x, int n, int[] dst) {
      int i = y * stride + x * pixelStride;
      for (int k = 0; k < n; k++, i += pixelStride) {
        dst[k] = ((data.get(i + r) & 0xFF) << 16) | ((data.get(i + g) & 0xFF) << 8) | (data.get(i + b) & 0xFF);
      }
    }
  }

  private static final class IntsFrame extends Frame {
    private final int[] data;
    private final int offset;
    private final int stride;

    IntsFrame(int[] data, int offset, int stride, int width, int height) {
      super(width, height);
      this.data = data;
      this.offset = offset;
      this.stride = stride;
    }

    @Override
    public int rgb(int x, int y) {
      return data[offset + y * stride + x] & 0xFFFFFF;
    }

    @Override
    public void row(int y, int x, int n, int[] dst) {
      int start = offset + y * stride + x;
      for (int k = 0; k < n; k++) {
        dst[k] = data[start + k] & 0xFFFFFF;
      }
    }
  }
}
