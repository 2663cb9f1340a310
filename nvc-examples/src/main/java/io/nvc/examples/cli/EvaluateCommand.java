package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NailfoldAnalyzerBuilder;
import io.nvc.NvcException;
import io.nvc.dataset.ClassMapping;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoImage;
import io.nvc.dataset.CocoJson;
import io.nvc.evaluation.CocoResults;
import io.nvc.evaluation.Convention;
import io.nvc.evaluation.EvaluationReport;
import io.nvc.evaluation.FixedThresholdEvaluator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvc evaluate}: compares detections with a COCO ground truth and prints the seed paper's
 * tables (see docs/evaluation.md), either for a COCO results file or for the analyzer run on the
 * ground truth's images.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates detections against a COCO ground truth: detection AP (COCO or",
      "Ultralytics convention), precision and recall at confidence 0.40 and IoU 0.50,",
      "size classes, calibre accuracy and density error. Prints the tables and",
      "writes the report with --json (field names in docs/evaluation.md).",
      "--detections: a COCO results file (JSON array of image_id, category_id, bbox,",
      "score). --images: runs the analyzer on every ground-truth image found under",
      "DIR (by file_name), calibrated with the image's micrometres_per_pixel when",
      "given. AP ranks what the analyzer reports down to --ap-min-confidence (a",
      "second run of it; 0.05 as MMDetection tests, the seed paper's setup);",
      "Table IV counts its detections at its operating point (confidence >= 0.40),",
      "and sizes, calibres (apical_um, arterial_um, venous_um) and density_per_mm",
      "are compared on the capillaries matched there. With",
      "--uncalibrated the images are analysed as photos of unknown scale (no",
      "micrometres_per_pixel, no file metadata): sizes then come from the",
      "visual-size model, so Table III measures it.",
      "Exit status: 0 done, 1 some images missing or failed (left out, listed),",
      "2 bad usage or setup."
    })
final class EvaluateCommand implements Callable<Integer> {

  /** The analyzer's confidence floor for Table IV, sizes, calibres and density (the seed paper's). */
  private static final double OPERATING_POINT = FixedThresholdEvaluator.CONFIDENCE;

  @Spec CommandSpec spec;

  @Option(names = "--gt", required = true, paramLabel = "COCO.json",
      description = "Ground truth in COCO JSON.")
  Path gt;

  @Option(names = "--images", paramLabel = "DIR",
      description = "Analyse the ground truth's images in this folder (searched recursively).")
  @Nullable Path images;

  @Option(names = "--detections", paramLabel = "RESULTS.json",
      description = "Evaluate a COCO results file instead of running the analyzer.")
  @Nullable Path detections;

  @Option(names = "--uncalibrated",
      description = "With --images: analyse without any calibration (visual sizes).")
  boolean uncalibrated;

  @Option(names = "--ap-min-confidence", paramLabel = "P", defaultValue = "0.05",
      description = "With --images: the lowest confidence of the detections AP ranks"
          + " (default: ${DEFAULT-VALUE}; 0.40 or more: the operating point's detections, one run).")
  double apMinConfidence = 0.05;

  @Option(names = "--json", paramLabel = "OUT", description = "Also write the report as JSON.")
  @Nullable Path json;

  @Option(names = "--convention", paramLabel = "coco|ultralytics", defaultValue = "coco",
      description = "Convention of the leading AP numbers (default: ${DEFAULT-VALUE}).")
  String convention = "coco";

  /** Backend, models and threads for --images. */
  @Mixin AnalyzerOptions engine = new AnalyzerOptions();

  @Override
  public Integer call() throws IOException, NvcException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Convention leading = Convention.parse(convention);
    if ((images == null) == (detections == null)) {
      throw new IllegalArgumentException("expected exactly one of --images DIR (run the analyzer)"
          + " or --detections RESULTS.json (a COCO results file), found "
          + (images == null ? "neither" : "both"));
    }
    if (detections != null && (engine.backend != null || engine.models != null || engine.threads != null
        || uncalibrated || spec.commandLine().getParseResult().hasMatchedOption("--ap-min-confidence"))) {
      throw new IllegalArgumentException("--backend, --models, --threads, --uncalibrated and"
          + " --ap-min-confidence apply to --images only, found them with --detections");
    }
    if (!(apMinConfidence > 0 && apMinConfidence <= 1)) {
      throw new IllegalArgumentException("--ap-min-confidence: expected a confidence in (0, 1], found "
          + apMinConfidence);
    }
    CocoDataset truth = CocoJson.read(existing(gt, "--gt"));
    EvalInputs inputs;
    int left = 0;
    if (detections != null) {
      inputs = EvalInputs.detectionsOnly(truth,
          CocoResults.read(existing(detections, "--detections")));
    } else {
      CocoDataset sdkTruth = ClassMapping.sdkDefault().apply(truth);
      Map<Long, ImageAnalysis> analyses = new HashMap<>();
      Map<Long, ImageAnalysis> ranked = new HashMap<>();
      left = analyse(sdkTruth, folder(), analyses, ranked, err);
      inputs = EvalInputs.of(sdkTruth, analyses, rankedBelowOperatingPoint() ? ranked : analyses);
    }
    EvaluationReport report = EvaluationReport.of(leading, inputs.truth(),
        inputs.rankedDetections(), inputs.detections(), inputs.sizes(), inputs.measurements(),
        inputs.densities(), inputs.distalRowCalls());
    if (images != null) {
      out.printf(Locale.ROOT, "Detections: AP ranks the analyzer's down to confidence %.2f; Table IV,"
          + " sizes, calibres and density are at its operating point, confidence >= %.2f.%n",
          Math.min(apMinConfidence, OPERATING_POINT), OPERATING_POINT);
    }
    out.print(report.toTables());
    if (inputs.sizeUndecided() > 0) {
      out.println("Note: " + inputs.sizeUndecided() + " matched capillaries with a size label have"
          + " no size (UNKNOWN) and are not in Table III.");
    }
    if (inputs.measurementsMissing() > 0) {
      out.println("Note: " + inputs.measurementsMissing() + " true calibres of matched capillaries"
          + " have no measured value in micrometres (no keypoints, low confidence or no"
          + " calibration) and are not in the measurement accuracy.");
    }
    if (inputs.densitiesMissing() > 0) {
      out.println("Note: " + inputs.densitiesMissing() + " images with density_per_mm have no"
          + " measured density (no calibration) and are not in the density error.");
    }
    if (left > 0) {
      out.println("Note: " + left + " of " + truth.images().size() + " ground-truth images were"
          + " left out (not found or failed); the numbers cover the other "
          + inputs.truth().images().size() + ".");
    }
    if (json != null) {
      Path parent = json.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(json, report.toJson() + "\n");
      out.println("Report in " + json.toAbsolutePath());
    }
    out.flush();
    return left == 0 ? 0 : 1;
  }

  /**
   * Analyses every image of {@code truth} found under the image folder at the analyzer's operating
   * point into {@code analyses} and, when {@code --ap-min-confidence} is below it, again at that
   * floor into {@code ranked}.
   *
   * @return how many images were left out (not found or failed), each reported on {@code err}
   */
  private int analyse(CocoDataset truth, Path folder, Map<Long, ImageAnalysis> analyses,
      Map<Long, ImageAnalysis> ranked, PrintWriter err) throws IOException, NvcException {
    Map<CocoImage, Path> files = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    Map<String, List<Path>> byName = index(folder);
    for (CocoImage image : truth.images()) {
      Path file = folder.resolve(image.fileName());
      if (!Files.isRegularFile(file)) {
        String name = Path.of(image.fileName()).getFileName().toString();
        List<Path> candidates = byName.getOrDefault(name, List.of());
        if (candidates.size() != 1) {
          missing.add("nvc: " + image.fileName() + ": expected one such file under " + folder
              + ", found " + candidates.size() + "; image left out");
          continue;
        }
        file = candidates.get(0);
      }
      files.put(image, file);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("none of the " + truth.images().size()
          + " ground-truth images is under " + folder + "; expected the images' file_name there");
    }
    missing.forEach(err::println);
    int left = missing.size();
    NailfoldAnalyzerBuilder builder = engine.builder().useFileMetadata(!uncalibrated);
    try (NailfoldAnalyzer analyzer = builder.minConfidence(OPERATING_POINT).build();
        NailfoldAnalyzer floor = rankedBelowOperatingPoint()
            ? builder.minConfidence(apMinConfidence).build() : null) {
      Progress progress = new Progress(err, files.size());
      for (Map.Entry<CocoImage, Path> e : files.entrySet()) {
        CocoImage image = e.getKey();
        Calibration calibration = !uncalibrated && image.micrometresPerPixel().isPresent()
            ? Calibration.manual(image.micrometresPerPixel().getAsDouble()) : null;
        try {
          ImageAnalysis atOperatingPoint = analyzer.analyze(e.getValue(), calibration);
          if (floor != null) {
            ranked.put(image.id(), floor.analyze(e.getValue(), calibration));
          }
          analyses.put(image.id(), atOperatingPoint);
        } catch (NvcException ex) {
          left++;
          err.println((files.size() > 1 ? "\n" : "") + "nvc: " + ex.getMessage()
              + "; image left out");
        }
        progress.step(image.fileName());
      }
    }
    if (analyses.isEmpty()) {
      throw new IllegalArgumentException(
          "no ground-truth image could be analysed; see the lines above");
    }
    return left;
  }

  /** Whether AP ranks detections below the operating point, from a second run of the analyzer. */
  private boolean rankedBelowOperatingPoint() {
    return apMinConfidence < OPERATING_POINT;
  }

  private Path folder() {
    Path dir = images;
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("--images: expected a folder, found " + dir);
    }
    return dir;
  }

  /** Regular files under {@code folder}, by file name. */
  private static Map<String, List<Path>> index(Path folder) throws IOException {
    Map<String, List<Path>> byName = new HashMap<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      walk.filter(Files::isRegularFile).sorted().forEach(p ->
          byName.computeIfAbsent(p.getFileName().toString(), k -> new ArrayList<>()).add(p));
    }
    return byName;
  }

  private static Path existing(Path file, String option) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(option + ": no such file: " + file);
    }
    return file;
  }
}
