package io.nvc.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a model's output tensors are turned into detections, keypoints or size classes. */
public enum DecoderKind {
  /**
   * Detector boxes already decoded by the model: {@code [1, N, 6]} or {@code [N, 6]} rows of
   * {@code x1, y1, x2, y2, score, class} in model-input pixels. Rows with a score below the threshold
   * are skipped.
   */
  BOXES("boxes", ModelRole.DETECTOR, "boxes"),
  /**
   * Ultralytics YOLOv8/YOLO11 detection export: {@code [1, 4 + C, A]} (or transposed {@code [1, A, 4 +
   * C]}) of {@code cx, cy, w, h} in model-input pixels followed by C class scores per anchor; each anchor
   * takes its best class. NMS is done by the SDK.
   */
  YOLO("yolo", ModelRole.DETECTOR, "predictions"),
  /**
   * MMDeploy detection export: {@code dets [1, N, 5]} of {@code x1, y1, x2, y2, score} in model-input
   * pixels and {@code labels [1, N]} of class indices.
   */
  MMDEPLOY("mmdeploy", ModelRole.DETECTOR, "dets", "labels"),
  /**
   * Keypoint heatmaps {@code [B, K, h, w]} with values in {@code [0, 1]}; each keypoint is the peak,
   * refined to sub-pixel precision by a quadratic fit, and its confidence is the peak value.
   */
  HEATMAPS("heatmaps", ModelRole.KEYPOINTS, "heatmaps"),
  /** Keypoint coordinates {@code [B, K, 3]}: x and y in crop-input pixels, and a confidence. */
  COORDINATES("coordinates", ModelRole.KEYPOINTS, "keypoints"),
  /** Visual-size logits {@code [B, 3]} for normal, enlarged, giant; softmax gives the confidence. */
  LOGITS("logits", ModelRole.VISUAL_SIZE, "logits");

  private final String id;
  private final List<String> slots;
  private final ModelRole role;

  DecoderKind(String id, ModelRole role, String... slots) {
    this.id = id;
    this.slots = List.of(slots);
    this.role = role;
  }

  /** The keys under the manifest's {@code outputs} that name the tensors this decoder reads. */
  public List<String> slots() {
    return slots;
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
