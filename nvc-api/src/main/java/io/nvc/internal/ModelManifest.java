package io.nvc.internal;

import io.nvc.spi.ModelFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One model's manifest ({@code *.manifest.json}, format {@value #FORMAT}). See {@code docs/models.md}
 * for the file format.
 *
 * @param name model name
 * @param version model version
 * @param role role in the cascade
 * @param files model files by format, each with its expected SHA-256
 * @param input image input and preprocessing
 * @param decoder how outputs are decoded
 * @param outputs output tensor names the decoder reads, by decoder slot (for example {@code boxes})
 * @param classes class names in output order (detector: capillary classes and haemorrhage; visual-size
 *     model, or keypoint model that gives size logits: normal, enlarged, giant)
 * @param canonicalMicrometresPerPixel detector only: scale the model was trained at, or null
 * @param maxDownscale detector only: largest downscale applied to an image before it is tiled instead
 * @param tileOverlap detector only: overlap between tiles as a fraction of the tile size
 * @param cropMargin crop models only: margin added around a box on each side, as a fraction of its size
 * @param keypoints keypoint models only: keypoint names in output order
 * @param apicalPair keypoint models only: the two keypoints spanning the apical diameter
 * @param limbPairs keypoint models only: the keypoint pairs spanning each limb (two pairs)
 */
public record ModelManifest(
    String name,
    String version,
    ModelRole role,
    Map<ModelFormat, ModelFileEntry> files,
    InputSpec input,
    DecoderKind decoder,
    Map<String, String> outputs,
    List<String> classes,
    @Nullable Double canonicalMicrometresPerPixel,
    double maxDownscale,
    double tileOverlap,
    double cropMargin,
    List<String> keypoints,
    List<String> apicalPair,
    List<List<String>> limbPairs) {

  /** Current manifest format identifier; newer versions are rejected. */
  public static final String FORMAT = "nvc.model-manifest/1";

  /** The output slot of visual-size logits, in a visual-size or keypoint manifest. */
  public static final String LOGITS_SLOT = DecoderKind.LOGITS.slots().get(0);

  /** The optional output slot of a {@code boxes} detector's class probabilities, {@code [1, N, C]}. */
  public static final String CLASS_SCORES_SLOT = "classScores";

  /** Validates and copies the components. */
  public ModelManifest {
    files = Map.copyOf(files);
    outputs = Map.copyOf(outputs);
    classes = List.copyOf(classes);
    keypoints = List.copyOf(keypoints);
    apicalPair = List.copyOf(apicalPair);
    limbPairs = limbPairs.stream().map(List::copyOf).toList();
  }

  /**
   * A model file named by a manifest.
   *
   * @param path the file, resolved against the manifest's directory
   * @param sha256 expected SHA-256, lower-case hex
   */
  public record ModelFileEntry(Path path, String sha256) {}

  /**
   * Keypoint models only: whether the model also gives visual-size logits for normal, enlarged, giant
   * (output slot {@code logits}), so that it serves as the visual-size model in the same run.
   */
  public boolean givesSizeLogits() {
    return role == ModelRole.KEYPOINTS && outputs.containsKey(LOGITS_SLOT);
  }

  /**
   * Detectors with the {@code boxes} decoder only: whether the model also gives each box's class
   * probabilities (output slot {@code classScores}, {@code [1, N, C]} rows matching the boxes).
   */
  public boolean givesClassScores() {
    return decoder == DecoderKind.BOXES && outputs.containsKey(CLASS_SCORES_SLOT);
  }

  /**
   * The output slots a run fetches, in order: the decoder's, then {@code logits} or {@code classScores}
   * if it gives them.
   */
  public List<String> outputSlots() {
    if (!givesSizeLogits() && !givesClassScores()) {
      return decoder.slots();
    }
    List<String> slots = new ArrayList<>(decoder.slots());
    slots.add(givesSizeLogits() ? LOGITS_SLOT : CLASS_SCORES_SLOT);
    return List.copyOf(slots);
  }

  /** The output tensor name for decoder slot {@code slot}. */
  public String output(String slot) {
    String name = outputs.get(slot);
    if (name == null) {
      throw new IllegalStateException("manifest " + this.name + " names no output for '" + slot + "'");
    }
    return name;
  }
}
