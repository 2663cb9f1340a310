package io.nvc.synth;

import java.util.List;

/**
 * Exact ground truth of one drawn capillary. Immutable and thread-safe.
 *
 * @param box box of the drawn vessel (its visible part) clipped to the image
 * @param morphology morphology class; {@link MorphologyClass#GIANT} exactly when {@code size} is giant
 * @param size size class from the true calibres ({@link SizeClass#fromCalibres})
 * @param distalRow whether the capillary belongs to the distal (first) row
 * @param keypoints the six keypoints in the order of {@link #KEYPOINT_NAMES}
 * @param apicalUm true lumen diameter at the apex, micrometres
 * @param arterialUm true calibre of the arterial (narrower) limb, micrometres
 * @param venousUm true calibre of the venous (wider) limb, micrometres, at least {@code arterialUm}
 * @param contrast the loop's peak darkening of the green channel as drawn, a fraction of the tissue's
 *     brightness (core absorbance times what the defocus leaves of it); below {@link #FAINT_CONTRAST}
 *     the capillary is {@link #faint()}
 */
public record CapillaryTruth(
    BoundingBox box,
    MorphologyClass morphology,
    SizeClass size,
    boolean distalRow,
    List<Keypoint> keypoints,
    double apicalUm,
    double arterialUm,
    double venousUm,
    double contrast) {

  /**
   * Peak darkening below which a capillary is faint: below 2 % of the tissue's brightness (2-3 grey levels
   * on typical skin) a loop drowns in the skin texture (1-4 %) and sensor noise, and an annotator of a
   * real photograph would not outline it.
   */
  public static final double FAINT_CONTRAST = 0.02;

  /**
   * Keypoint names, in order: the outer and inner wall at the apex along the loop's axis, then the
   * outer and inner edge of the left limb and the inner and outer edge of the right limb, left and
   * right as seen with the apex pointing up in the capillary's own frame.
   */
  public static final List<String> KEYPOINT_NAMES = List.of(
      "apex_outer", "apex_inner", "left_limb_outer", "left_limb_inner", "right_limb_inner", "right_limb_outer");

  /** Validates the keypoint count, the calibres and their agreement with the classes. */
  public CapillaryTruth {
    keypoints = List.copyOf(keypoints);
    if (!(contrast >= 0 && contrast <= 1)) {
      throw new IllegalArgumentException("contrast: expected 0 to 1, found " + contrast);
    }
    if (keypoints.size() != KEYPOINT_NAMES.size()) {
      throw new IllegalArgumentException("keypoints: expected " + KEYPOINT_NAMES.size() + ", found " + keypoints.size());
    }
    SizeClass expected = SizeClass.fromCalibres(apicalUm, arterialUm, venousUm);
    if (arterialUm > venousUm) {
      throw new IllegalArgumentException("calibres: expected arterial <= venous, found " + arterialUm + " > " + venousUm);
    }
    if (size != expected) {
      throw new IllegalArgumentException("size: expected " + expected + " for calibres " + apicalUm + "/" + arterialUm
          + "/" + venousUm + " um, found " + size);
    }
    if ((size == SizeClass.GIANT) != (morphology == MorphologyClass.GIANT)) {
      throw new IllegalArgumentException("morphology: expected GIANT exactly for giant size, found " + morphology
          + " with size " + size);
    }
  }

  /**
   * Whether the loop is too faint to annotate ({@code contrast < FAINT_CONTRAST}): the COCO file marks it
   * {@code iscrowd} 1, a region that evaluators neither require nor penalise detections in.
   */
  public boolean faint() {
    return contrast < FAINT_CONTRAST;
  }
}
