package io.nvc;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One detected capillary with its shape, calibre measurements and size. Immutable and thread-safe.
 *
 * <p>By convention the arterial limb is the narrower of the two measured limbs and the venous limb the
 * wider (the afferent limb is usually thinner); the image alone does not show the flow direction.
 *
 * @param box bounding box in pixels of the original image
 * @param morphology shape class from the detector
 * @param confidence detector confidence in {@code [0, 1]}
 * @param apical apical diameter (vessel calibre at the apex), or null when not measured
 * @param arterial arterial (narrower) limb width, or null when not measured
 * @param venous venous (wider) limb width, or null when not measured
 * @param size the size class; the analyzer reports {@link SizeClass#GIANT} only where the detector's
 *     morphology is {@link Morphology#GIANT} too, and a capillary measured or seen as giant of another
 *     morphology as {@link SizeClass#ENLARGED} (with a note), since one giant decides the Fast Track's
 *     rule 2
 * @param sizeSource what decided {@code size}
 * @param distalRow whether the capillary belongs to the most distal row
 * @param morphologyScores the detector's probability of each capillary shape for this box, when it gives
 *     them (the default detector does; empty otherwise): {@code morphology} is the most likely, and the
 *     others say how close the call was (a loop between normal and tortuous, say). Unmodifiable.
 */
public record CapillaryFinding(
    Box box,
    Morphology morphology,
    double confidence,
    @Nullable Measurement apical,
    @Nullable Measurement arterial,
    @Nullable Measurement venous,
    SizeClass size,
    SizeSource sizeSource,
    boolean distalRow,
    Map<Morphology, Double> morphologyScores) {

  /** Validates every component; see the component descriptions. */
  public CapillaryFinding {
    if (box == null || morphology == null || size == null || sizeSource == null) {
      throw new IllegalArgumentException("box, morphology, size and sizeSource must not be null");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("finding confidence must be in [0, 1], found " + confidence);
    }
    if (morphologyScores == null) {
      throw new IllegalArgumentException("morphologyScores must not be null (empty when not given)");
    }
    for (var e : morphologyScores.entrySet()) {
      if (e.getKey() == null || e.getValue() == null || !(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException(
            "morphology scores must be probabilities in [0, 1], found " + morphologyScores);
      }
    }
    morphologyScores = morphologyScores.isEmpty()
        ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(morphologyScores));
    if ((size == SizeClass.UNKNOWN) != (sizeSource == SizeSource.NONE)) {
      throw new IllegalArgumentException(
          "size UNKNOWN goes with sizeSource NONE and only with it, found size=" + size
              + " sizeSource=" + sizeSource);
    }
  }

  /** A copy with the distal-row flag set to {@code value}. */
  public CapillaryFinding withDistalRow(boolean value) {
    return new CapillaryFinding(
        box, morphology, confidence, apical, arterial, venous, size, sizeSource, value, morphologyScores);
  }
}
