package io.nvc.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.internal.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Writes marker model bundles (model files and manifests) for {@link MarkerBackend}. */
public final class MarkerModels {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Options of a bundle.
   *
   * @param canonicalUmPerPx the detector's canonical scale, or null for none
   * @param keypoints whether the bundle has a keypoint model
   * @param heatmaps whether the keypoint model outputs heatmaps (else coordinates)
   * @param visualSize whether the bundle has a visual-size model
   * @param keypointBatch fixed keypoint batch size, or -1 for dynamic
   * @param sizeFromKeypoints whether the keypoint model also gives the visual-size logits (a second
   *     output), in place of a visual-size model
   */
  public record Options(
      @Nullable Double canonicalUmPerPx, boolean keypoints, boolean heatmaps, boolean visualSize,
      int keypointBatch, boolean sizeFromKeypoints) {

    /** Everything: canonical scale 1 um/px, coordinates, visual-size, dynamic batch. */
    public static Options full() {
      return new Options(1.0, true, false, true, -1, false);
    }

    /** As {@link #full()}, with the visual sizes from the keypoint model's second output. */
    public static Options sizeFromKeypointModel() {
      return new Options(1.0, true, false, false, -1, true);
    }
  }

  private MarkerModels() {}

  /** Writes a bundle into {@code dir} and returns {@code dir}. */
  public static Path write(Path dir, Options o) throws IOException {
    Files.createDirectories(dir);
    // Detector: NCHW RGB, 320x256, plain 0-1 scaling.
    ObjectNode det = model("detector", "images", "dets", "NCHW", false, new double[] {0, 0, 0},
        new double[] {1, 1, 1});
    ObjectNode detManifest = manifest(dir, "marker-detector", "detector", det, 320, 256, 1, "NCHW", "RGB",
        new double[] {0, 0, 0}, new double[] {1, 1, 1}, "boxes", "boxes", "dets");
    detManifest.putArray("classes").add("normal").add("tortuous").add("ramified").add("giant")
        .add("haemorrhage");
    if (o.canonicalUmPerPx() != null) {
      detManifest.put("canonicalMicrometresPerPixel", o.canonicalUmPerPx());
    }
    detManifest.put("maxDownscale", 4.0);
    save(dir, "detector", det, detManifest);
    if (o.keypoints()) {
      // Keypoints: NHWC BGR, 128x128, ImageNet-like normalisation.
      double[] mean = {0.406, 0.456, 0.485};
      double[] std = {0.225, 0.224, 0.229};
      ObjectNode kp = model("keypoints", "crops", o.heatmaps() ? "heatmaps" : "points", "NHWC", true, mean,
          std);
      kp.put("heatmaps", o.heatmaps());
      if (o.sizeFromKeypoints()) {
        kp.put("sizeOutput", "size_logits");
      }
      ObjectNode kpManifest = manifest(dir, "marker-keypoints", "keypoints", kp, 128, 128,
          o.keypointBatch(), "NHWC", "BGR", mean, std, o.heatmaps() ? "heatmaps" : "coordinates",
          o.heatmaps() ? "heatmaps" : "keypoints", o.heatmaps() ? "heatmaps" : "points");
      var names = kpManifest.putArray("keypoints");
      MarkerScene.KEYPOINTS.forEach(names::add);
      ObjectNode m = kpManifest.putObject("measurements");
      m.putArray("apical").add("apex_outer").add("apex_inner");
      var limbs = m.putArray("limbs");
      limbs.addArray().add("left_limb_outer").add("left_limb_inner");
      limbs.addArray().add("right_limb_inner").add("right_limb_outer");
      kpManifest.put("cropMargin", 0.15);
      if (o.sizeFromKeypoints()) {
        ((ObjectNode) kpManifest.get("outputs")).put("logits", "size_logits");
        kpManifest.putArray("classes").add("normal").add("enlarged").add("giant");
      }
      save(dir, "keypoints", kp, kpManifest);
    }
    if (o.visualSize()) {
      ObjectNode vs = model("visual-size", "crops", "logits", "NCHW", false, new double[] {0.5, 0.5, 0.5},
          new double[] {0.5, 0.5, 0.5});
      ObjectNode vsManifest = manifest(dir, "marker-visual-size", "visual-size", vs, 64, 64, -1, "NCHW",
          "RGB", new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5, 0.5}, "logits", "logits", "logits");
      vsManifest.putArray("classes").add("normal").add("enlarged").add("giant");
      vsManifest.put("cropMargin", 0.15);
      save(dir, "visual-size", vs, vsManifest);
    }
    return dir;
  }

  private static ObjectNode model(
      String kind, String input, String output, String layout, boolean bgr, double[] mean, double[] std) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", kind);
    n.put("input", input);
    n.put("output", output);
    n.put("layout", layout);
    n.put("bgr", bgr);
    var m = n.putArray("mean");
    var s = n.putArray("std");
    for (int i = 0; i < 3; i++) {
      m.add(mean[i]);
      s.add(std[i]);
    }
    return n;
  }

  private static ObjectNode manifest(
      Path dir, String name, String role, ObjectNode model, int w, int h, int batch, String layout,
      String order, double[] mean, double[] std, String decoder, String slot, String output) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("format", "nvc.model-manifest/1");
    n.put("name", name);
    n.put("version", "1.0.0");
    n.put("role", role);
    ObjectNode in = n.putObject("input");
    in.put("name", model.get("input").asText());
    var shape = in.putArray("shape");
    List<Integer> dims = layout.equals("NCHW") ? List.of(batch, 3, h, w) : List.of(batch, h, w, 3);
    dims.forEach(shape::add);
    in.put("layout", layout);
    in.put("colorOrder", order);
    var m = in.putArray("mean");
    var s = in.putArray("std");
    for (int i = 0; i < 3; i++) {
      m.add(mean[i]);
      s.add(std[i]);
    }
    n.put("decoder", decoder);
    n.putObject("outputs").put(slot, output);
    return n;
  }

  private static void save(Path dir, String file, ObjectNode model, ObjectNode manifest) throws IOException {
    Path modelFile = dir.resolve(file + ".onnx");
    Files.writeString(modelFile, MAPPER.writeValueAsString(model));
    manifest.putObject("files").putObject("onnx").put("path", file + ".onnx")
        .put("sha256", Sha256.of(modelFile));
    Files.writeString(dir.resolve(file + ".manifest.json"),
        MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest));
  }
}
