package io.nvc.synth;

import java.util.Locale;

/** File format of written images. Immutable and thread-safe. */
public enum ImageFormat {
  /** Lossless PNG; the pixels equal the rendered image. */
  PNG("png"),
  /** Baseline JPEG at a quality drawn from {@link SynthOptions#minJpegQuality()}..{@link SynthOptions#maxJpegQuality()}. */
  JPG("jpg");

  private final String extension;

  ImageFormat(String extension) {
    this.extension = extension;
  }

  /** Returns the file extension without the dot: {@code png} or {@code jpg}. */
  public String extension() {
    return extension;
  }

  /**
   * Parses {@code png}, {@code jpg} or {@code jpeg} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the valid formats when {@code name} is unknown
   */
  public static ImageFormat fromName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    if (wanted.equals("png")) {
      return PNG;
    }
    if (wanted.equals("jpg") || wanted.equals("jpeg")) {
      return JPG;
    }
    throw new IllegalArgumentException("unknown image format '" + name + "': expected one of png, jpg");
  }
}
