package io.nvc.synth;

/**
 * Options of the renderer. Immutable and thread-safe; the {@code with...} methods return copies.
 *
 * @param width image width in pixels, 64 to 8192
 * @param height image height in pixels, 64 to 8192
 * @param minUmPerPx smallest calibration drawn, micrometres per pixel
 * @param maxUmPerPx largest calibration drawn; each image draws its calibration uniformly from
 *     {@code [minUmPerPx, maxUmPerPx]}, within 0.5 to 8 (0.7 to 3.0 for detail images, 4 to 6 for
 *     panoramic views)
 * @param profile clinical profile
 * @param format file format used when images are written
 * @param minJpegQuality smallest JPEG quality, 1 to 100, used for JPEG files and for simulated device
 *     compression of PNG images
 * @param maxJpegQuality largest JPEG quality, {@code minJpegQuality} to 100
 * @param clean when true, renders on a flat skin-coloured background without defocus, sensor noise,
 *     tissue texture, illumination changes, deeper rows, glare, bubbles, dust and simulated compression;
 *     the geometry and ground truth stay those of the full render with the same seed. Meant for checking
 *     ground truth against pixels.
 */
public record SynthOptions(
    int width,
    int height,
    double minUmPerPx,
    double maxUmPerPx,
    Profile profile,
    ImageFormat format,
    int minJpegQuality,
    int maxJpegQuality,
    boolean clean) {

  /** Smallest calibration accepted, micrometres per pixel. */
  public static final double MIN_UM_PER_PX = 0.5;
  /** Largest calibration accepted, micrometres per pixel. */
  public static final double MAX_UM_PER_PX = 8.0;

  /** Validates every field. */
  public SynthOptions {
    if (width < 64 || width > 8192) {
      throw new IllegalArgumentException("width: expected 64 to 8192 px, found " + width);
    }
    if (height < 64 || height > 8192) {
      throw new IllegalArgumentException("height: expected 64 to 8192 px, found " + height);
    }
    if (!(minUmPerPx >= MIN_UM_PER_PX && maxUmPerPx <= MAX_UM_PER_PX && minUmPerPx <= maxUmPerPx)) {
      throw new IllegalArgumentException("micrometres per pixel: expected " + MIN_UM_PER_PX + " <= min <= max <= "
          + MAX_UM_PER_PX + ", found min " + minUmPerPx + ", max " + maxUmPerPx);
    }
    if (profile == null || format == null) {
      throw new IllegalArgumentException("profile and format: expected non-null, found " + profile + ", " + format);
    }
    if (minJpegQuality < 1 || maxJpegQuality > 100 || minJpegQuality > maxJpegQuality) {
      throw new IllegalArgumentException("JPEG quality: expected 1 <= min <= max <= 100, found min "
          + minJpegQuality + ", max " + maxJpegQuality);
    }
  }

  /**
   * Returns the defaults: 1280x1024, 0.9 to 1.1 um/px (a 200x-like view), profile {@code normal},
   * PNG, JPEG quality 45 to 92, full realism.
   */
  public static SynthOptions defaults() {
    return new SynthOptions(1280, 1024, 0.9, 1.1, Profile.NORMAL, ImageFormat.PNG, 45, 92, false);
  }

  /** Returns a copy with another image size. */
  public SynthOptions withSize(int newWidth, int newHeight) {
    return new SynthOptions(newWidth, newHeight, minUmPerPx, maxUmPerPx, profile, format, minJpegQuality,
        maxJpegQuality, clean);
  }

  /** Returns a copy with another calibration range (micrometres per pixel). */
  public SynthOptions withUmPerPx(double min, double max) {
    return new SynthOptions(width, height, min, max, profile, format, minJpegQuality, maxJpegQuality, clean);
  }

  /** Returns a copy with another profile. */
  public SynthOptions withProfile(Profile newProfile) {
    return new SynthOptions(width, height, minUmPerPx, maxUmPerPx, newProfile, format, minJpegQuality,
        maxJpegQuality, clean);
  }

  /** Returns a copy with another file format. */
  public SynthOptions withFormat(ImageFormat newFormat) {
    return new SynthOptions(width, height, minUmPerPx, maxUmPerPx, profile, newFormat, minJpegQuality,
        maxJpegQuality, clean);
  }

  /** Returns a copy with another JPEG quality range. */
  public SynthOptions withJpegQuality(int min, int max) {
    return new SynthOptions(width, height, minUmPerPx, maxUmPerPx, profile, format, min, max, clean);
  }

  /** Returns a copy with the clean (ground-truth check) rendering switched on or off. */
  public SynthOptions withClean(boolean newClean) {
    return new SynthOptions(width, height, minUmPerPx, maxUmPerPx, profile, format, minJpegQuality,
        maxJpegQuality, newClean);
  }
}
