package io.nvc.synth;

import java.util.List;

/**
 * Exact ground truth of one synthetic image. Immutable and thread-safe.
 *
 * @param width image width in pixels
 * @param height image height in pixels
 * @param micrometresPerPixel calibration
 * @param densityPerMm capillaries of the distal row per millimetre: distal capillaries whose apex lies
 *     in the image, divided by the length of the row's apex line inside the image
 * @param profile the profile the image was drawn with (never {@link Profile#MIXED})
 * @param rowAngleDegrees direction the capillaries point to (distally), counter-clockwise from the
 *     image x axis as displayed; 90 means apices up
 * @param jpegQuality quality of the JPEG compression applied while rendering (simulated device), or 0
 *     when the pixels were not compressed
 * @param capillaries annotated capillaries (those whose apex lies in the image)
 * @param haemorrhages annotated haemorrhages
 */
public record ImageGroundTruth(
    int width,
    int height,
    double micrometresPerPixel,
    double densityPerMm,
    Profile profile,
    double rowAngleDegrees,
    int jpegQuality,
    List<CapillaryTruth> capillaries,
    List<HaemorrhageTruth> haemorrhages) {

  /** Validates the values and copies the lists. */
  public ImageGroundTruth {
    capillaries = List.copyOf(capillaries);
    haemorrhages = List.copyOf(haemorrhages);
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("size: expected positive, found " + width + "x" + height);
    }
    if (!(micrometresPerPixel > 0 && Double.isFinite(micrometresPerPixel))) {
      throw new IllegalArgumentException("micrometres per pixel: expected finite positive, found " + micrometresPerPixel);
    }
    if (!(densityPerMm >= 0 && Double.isFinite(densityPerMm))) {
      throw new IllegalArgumentException("density: expected finite, >= 0, found " + densityPerMm);
    }
    if (profile == Profile.MIXED) {
      throw new IllegalArgumentException("profile: expected the drawn profile, found mixed");
    }
    if (jpegQuality < 0 || jpegQuality > 100) {
      throw new IllegalArgumentException("JPEG quality: expected 0 to 100, found " + jpegQuality);
    }
  }
}
