package io.nvc.internal;

import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The manifests of one model set: exactly one detector, and at most one keypoint model and one
 * visual-size model. Found as {@code *.manifest.json} files in a directory and its direct
 * subdirectories. Immutable and thread-safe.
 *
 * @param directory where the manifests were found
 * @param detector the detector manifest
 * @param keypoints the keypoint model manifest, or null when the bundle has none
 * @param visualSize the visual-size model manifest, or null when the bundle has none
 */
public record ModelBundle(
    Path directory, ModelManifest detector, @Nullable ModelManifest keypoints,
    @Nullable ModelManifest visualSize) {

  /** System property naming the default model directory. */
  public static final String MODELS_PROPERTY = "nvc.models";

  /** Environment variable naming the default model directory. */
  public static final String MODELS_ENV = "NVC_MODELS";

  private static final String SUFFIX = ".manifest.json";

  /**
   * Loads every manifest under {@code directory}.
   *
   * @throws NvcException {@link ErrorCode#MODEL_MISSING} when the directory does not exist or holds no
   *     detector manifest, {@link ErrorCode#MODEL_INVALID} when a role appears twice or a manifest is
   *     invalid
   */
  public static ModelBundle load(Path directory) throws NvcException {
    if (!Files.isDirectory(directory)) {
      throw new NvcException(ErrorCode.MODEL_MISSING,
          "model directory " + directory.toAbsolutePath() + " does not exist; expected a directory of "
              + "*" + SUFFIX + " files");
    }
    List<Path> manifests;
    try (Stream<Path> files = Files.walk(directory, 2)) {
      manifests = files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot list model directory " + directory + ": " + e, e);
    }
    Map<ModelRole, ModelManifest> byRole = new EnumMap<>(ModelRole.class);
    Map<ModelRole, Path> from = new EnumMap<>(ModelRole.class);
    for (Path p : manifests) {
      ModelManifest m = ManifestReader.read(p);
      Path previous = from.put(m.role(), p);
      if (previous != null) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "model directory " + directory + " has two " + m.role().id() + " manifests: " + previous
                + " and " + p + "; expected one per role");
      }
      byRole.put(m.role(), m);
    }
    ModelManifest detector = byRole.get(ModelRole.DETECTOR);
    if (detector == null) {
      List<String> missing = new ArrayList<>();
      for (ModelRole r : ModelRole.values()) {
        if (!byRole.containsKey(r)) {
          missing.add(r.id());
        }
      }
      throw new NvcException(ErrorCode.MODEL_MISSING,
          "no detector model in " + directory.toAbsolutePath() + ": expected *" + SUFFIX
              + " files with roles detector (required), keypoints and visual-size; missing: "
              + String.join(", ", missing) + (manifests.isEmpty() ? " (no manifest found at all)" : ""));
    }
    ModelManifest keypoints = byRole.get(ModelRole.KEYPOINTS);
    if (keypoints != null && keypoints.givesSizeLogits() && byRole.containsKey(ModelRole.VISUAL_SIZE)) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model directory " + directory + " has a visual-size manifest " + from.get(ModelRole.VISUAL_SIZE)
              + " and a keypoint model " + from.get(ModelRole.KEYPOINTS) + " that gives visual-size logits"
              + " too; expected one source of visual sizes");
    }
    return new ModelBundle(directory, detector, keypoints, byRole.get(ModelRole.VISUAL_SIZE));
  }

  /**
   * The default model directory: the system property {@value #MODELS_PROPERTY}, else the environment
   * variable {@value #MODELS_ENV}, else {@code models/} in the working directory, else a {@code models/}
   * directory next to, or up to three levels above, the jar holding the SDK.
   */
  public static Path defaultDirectory() {
    String prop = System.getProperty(MODELS_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      return Paths.get(prop);
    }
    String env = System.getenv(MODELS_ENV);
    if (env != null && !env.isBlank()) {
      return Paths.get(env);
    }
    Path cwd = Paths.get("models");
    if (Files.isDirectory(cwd)) {
      return cwd;
    }
    try {
      var source = ModelBundle.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path p = Paths.get(source.getLocation().toURI()).toAbsolutePath();
        for (int i = 0; i < 4 && p != null; i++, p = p.getParent()) {
          Path candidate = p.resolve("models");
          if (Files.isDirectory(candidate)) {
            return candidate;
          }
        }
      }
    } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
      // An unusual class loader; fall through to the working directory's models/.
    }
    return cwd;
  }
}
