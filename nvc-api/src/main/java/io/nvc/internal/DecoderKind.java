package io.nvc.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a model's output tensors are turned into detections, keypoints or size classes. */
public enum DecoderKind {
  /**
   * Detector boxes already decoded by the model: {@code [1, N, 6]} or {@code [N, 6]} rows of
   * {@code x1, y1, x2, y2, score, class} in model-input pixels. Rows with a score below the threshold
   * are skipped.
   */
  BOXES("boxes", "boxes", ModelRole.DETECTOR),
  /**
   * Keypoint heatmaps {@code [B, K, h, w]} with values in {@code [0, 1]}; each keypoint is the peak,
   * refined to sub-pixel precision by a quadratic fit, and its confidence is the peak value.
   */
  HEATMAPS("heatmaps", "heatmaps", ModelRole.KEYPOINTS),
  /** Keypoint coordinates {@code [B, K, 3]}: x and y in crop-input pixels, and a confidence. */
  COORDINATES("coordinates", "keypoints", ModelRole.KEYPOINTS),
  /** Visual-size logits {@code [B, 3]} for normal, enlarged, giant; softmax gives the confidence. */
  LOGITS("logits", "logits", ModelRole.VISUAL_SIZE);

  private final String id;
  private final String slot;
  private final ModelRole role;

  DecoderKind(String id, String slot, ModelRole role) {
    this.id = id;
    this.slot = slot;
    this.role = role;
  }

  /** The key under the manifest's {@code outputs} that names the tensor this decoder reads. */
  public String slot() {
    return slot;
  }

  /** The manifest's name for the decoder. */
  public String id() {
    return id;
  }

  /** The role of the models this decoder serves. */
  public ModelRole role() {
    return role;
  }

  /** Parses a manifest decoder name. */
  public static DecoderKind fromId(String id) {
    for (DecoderKind k : values()) {
      if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    throw new IllegalArgumentException(
        "unknown decoder '" + id + "', expected one of "
            + Arrays.stream(values()).map(DecoderKind::id).collect(Collectors.joining(", ")));
  }
}
