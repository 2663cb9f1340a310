package io.nvc;

/** Byte order of an interleaved 8-bit pixel in a {@link RawImage}. */
public enum PixelFormat {
  /** Red, green, blue; 3 bytes per pixel. */
  RGB(3, 0, 1, 2),
  /** Blue, green, red; 3 bytes per pixel (OpenCV's default). */
  BGR(3, 2, 1, 0),
  /** Red, green, blue, alpha; 4 bytes per pixel; alpha is ignored. */
  RGBA(4, 0, 1, 2),
  /** Blue, green, red, alpha; 4 bytes per pixel; alpha is ignored. */
  BGRA(4, 2, 1, 0);

  private final int bytesPerPixel;
  private final int redOffset;
  private final int greenOffset;
  private final int blueOffset;

  PixelFormat(int bytesPerPixel, int redOffset, int greenOffset, int blueOffset) {
    this.bytesPerPixel = bytesPerPixel;
    this.redOffset = redOffset;
    this.greenOffset = greenOffset;
    this.blueOffset = blueOffset;
  }

  /** Bytes per pixel. */
  public int bytesPerPixel() {
    return bytesPerPixel;
  }

  /** Offset of the red byte within a pixel. */
  public int redOffset() {
    return redOffset;
  }

  /** Offset of the green byte within a pixel. */
  public int greenOffset() {
    return greenOffset;
  }

  /** Offset of the blue byte within a pixel. */
  public int blueOffset() {
    return blueOffset;
  }
}
