package io.nvc.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.AnalysisJson;
import io.nvc.Box;
import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.ErrorCode;
import io.nvc.ImageAnalysis;
import io.nvc.Measurement;
import io.nvc.Morphology;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import io.nvc.SizeClass;
import io.nvc.SizeSource;
import io.nvc.internal.Sha256;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import io.nvc.spi.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend conformance kit: every inference backend runs these tests against the same models,
 * inputs and expected outputs (made by {@code src/test/python/make_conformance_models.py} with
 * PyTorch). A backend module subclasses this class and returns its backend from {@link #backend()}.
 *
 * <p>Tolerances: raw tensors within {@value #TENSOR_TOLERANCE} of PyTorch; boxes and keypoint
 * positions within {@value #PIXEL_TOLERANCE} px of the values the documented geometry gives.
 */
public abstract class BackendConformanceKit {

  /** Largest difference allowed between a backend's and PyTorch's output values. */
  public static final double TENSOR_TOLERANCE = 1e-4;

  /** Largest difference allowed in image pixels. */
  public static final double PIXEL_TOLERANCE = 1e-3;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Detector rows of the test models (input pixels): x1, y1, x2, y2, score, class. */
  private static final double[][] ROWS = {
    {40, 60, 80, 140, 0.9, 0}, {120, 50, 170, 150, 0.8, 1}, {200, 40, 280, 160, 0.7, 3},
    {30, 10, 60, 30, 0.6, 4}, {42, 62, 82, 142, 0.5, 0}, {290, 200, 310, 230, 0.1, 2}
  };

  /** Class probabilities of the rows (det-boxes' second output): normal, tortuous, ramified, giant, haem. */
  private static final double[][] CLASS_SCORES = {
    {0.7, 0.25, 0.02, 0.02, 0.01}, {0.3, 0.6, 0.05, 0.03, 0.02}, {0.05, 0.05, 0.05, 0.8, 0.05},
    {0.05, 0.05, 0.05, 0.05, 0.8}, {0.9, 0.05, 0.02, 0.02, 0.01}, {0.1, 0.1, 0.7, 0.05, 0.05}
  };

  /** Keypoints of the test keypoint models on 64x64 crops. */
  private static final double[][] KEYPOINTS = {{30, 10}, {30, 18}, {10, 38}, {18, 38}, {38, 38}, {54, 38}};

  @TempDir protected Path dir;

  /** The backend under test. */
  protected abstract InferenceBackend backend();

  /** Copies the named test models and manifests into {@code target} and returns it. */
  public static Path bundle(Path target, String... models) throws IOException {
    Files.createDirectories(target);
    for (String m : models) {
      for (String suffix : List.of(".manifest.json", ".onnx", ".pt", ".expected.json")) {
        try (InputStream in = BackendConformanceKit.class.getResourceAsStream(m + suffix)) {
          if (in != null) {
            Files.copy(in, target.resolve(m + suffix));
          }
        }
      }
    }
    return target;
  }

  private NailfoldAnalyzer analyzer(String... models) throws Exception {
    return NailfoldAnalyzer.builder().backend(backend()).models(bundle(dir.resolve("bundle"), models)).build();
  }

  private static BufferedImage image() {
    BufferedImage img = new BufferedImage(640, 512, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 512; y++) {
      for (int x = 0; x < 640; x++) {
        img.setRGB(x, y, ((x * 7) & 0xFF) << 16 | ((y * 3) & 0xFF) << 8 | ((x + y) & 0xFF));
      }
    }
    return img;
  }

  private ModelFile modelFile(Path bundle, String name) throws Exception {
    JsonNode files = MAPPER.readTree(bundle.resolve(name + ".expected.json").toFile()).get("files");
    for (ModelFormat f : backend().formats()) {
      JsonNode entry = files.get(f.name().toLowerCase(Locale.ROOT));
      if (entry != null) {
        Path p = bundle.resolve(entry.get("path").asText());
        return new ModelFile(name, f, p, Sha256.of(p), List.of("y"));
      }
    }
    throw new AssertionError("no test model file for formats " + backend().formats());
  }

  /** The kit's fixed input: {@code x[i] = ((i * 7919) % 1000) / 1000 - 0.5}. */
  private static float[] fixedInput(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) ((i * 7919L) % 1000) / 1000f - 0.5f;
    }
    return v;
  }

  @Test
  public void arithmeticMatchesPyTorch() throws Exception {
    Path b = bundle(dir.resolve("conv"), "conv");
    JsonNode expected = MAPPER.readTree(b.resolve("conv.expected.json").toFile());
    try (InferenceSession s = backend().open(modelFile(b, "conv"), new SessionOptions(1, 1, false))) {
      Tensor out = s.run(Map.of("x", Tensor.of(fixedInput(2 * 3 * 24 * 32), 2, 3, 24, 32))).get("y");
      assertEquals(List.of(2L, 4L, 12L, 16L), Arrays.stream(out.shape()).boxed().toList());
      JsonNode values = expected.get("values");
      double worst = 0;
      for (int i = 0; i < values.size(); i++) {
        worst = Math.max(worst, Math.abs(values.get(i).asDouble() - out.get(i)));
      }
      assertTrue(worst <= TENSOR_TOLERANCE, "largest difference from PyTorch " + worst);
    }
  }

  /** The expected capillary boxes: rows 0-2 at the letterbox scale 2 of a 640x512 image. */
  private static List<Box> expectedCapillaryBoxes() {
    List<Box> boxes = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      boxes.add(Box.fromCorners(2 * ROWS[r][0], 2 * ROWS[r][1], 2 * ROWS[r][2], 2 * ROWS[r][3]));
    }
    return boxes;
  }

  private static List<CapillaryFinding> byX(ImageAnalysis a) {
    return a.capillaries().stream().sorted(Comparator.comparingDouble(c -> c.box().x())).toList();
  }

  private static void assertDetections(ImageAnalysis a) {
    List<CapillaryFinding> found = byX(a);
    List<Box> expected = expectedCapillaryBoxes();
    assertEquals(3, found.size(), "rows 4 (NMS) and 5 (score 0.1) are dropped: " + found);
    Morphology[] classes = {Morphology.NORMAL, Morphology.TORTUOUS, Morphology.GIANT};
    for (int i = 0; i < 3; i++) {
      Box e = expected.get(i);
      Box f = found.get(i).box();
      assertEquals(e.x(), f.x(), PIXEL_TOLERANCE);
      assertEquals(e.y(), f.y(), PIXEL_TOLERANCE);
      assertEquals(e.width(), f.width(), PIXEL_TOLERANCE);
      assertEquals(e.height(), f.height(), PIXEL_TOLERANCE);
      assertEquals(classes[i], found.get(i).morphology());
      assertEquals(ROWS[i][4], found.get(i).confidence(), 1e-6);
    }
    assertEquals(1, a.haemorrhages().size());
    assertEquals(Box.fromCorners(60, 20, 120, 60), a.haemorrhages().get(0).box());
  }

  /** Checks one measurement against keypoints {@code a} and {@code b} on the box's documented crop. */
  private static void assertMeasurement(Measurement m, Box box, int a, int b, double umPerPx) {
    double side = Math.max(box.width(), box.height()) * 1.3;
    double scale = side / 64;
    double ox = box.centre().x() - side / 2;
    double oy = box.centre().y() - side / 2;
    assertEquals(ox + KEYPOINTS[a][0] * scale, m.start().x(), PIXEL_TOLERANCE);
    assertEquals(oy + KEYPOINTS[a][1] * scale, m.start().y(), PIXEL_TOLERANCE);
    assertEquals(ox + KEYPOINTS[b][0] * scale, m.end().x(), PIXEL_TOLERANCE);
    assertEquals(oy + KEYPOINTS[b][1] * scale, m.end().y(), PIXEL_TOLERANCE);
    double px = Math.hypot(KEYPOINTS[b][0] - KEYPOINTS[a][0], KEYPOINTS[b][1] - KEYPOINTS[a][1]) * scale;
    assertEquals(px, m.pixels(), PIXEL_TOLERANCE);
    if (umPerPx > 0) {
      assertEquals(px * umPerPx, m.micrometres(), PIXEL_TOLERANCE);
    }
  }

  @Test
  public void boxesDecoderWithCoordinateKeypointsAndCalibration() throws Exception {
    try (NailfoldAnalyzer analyzer = analyzer("det-boxes", "kp-coords", "size-logits")) {
      ImageAnalysis a = analyzer.analyze(image(), Calibration.manual(0.5));
      assertDetections(a);
      // The second output's class probabilities, for the capillary shapes (rows 0, 1, 2 by x).
      Morphology[] shapes = {Morphology.NORMAL, Morphology.TORTUOUS, Morphology.RAMIFIED, Morphology.GIANT};
      for (int i = 0; i < 3; i++) {
        Map<Morphology, Double> scores = byX(a).get(i).morphologyScores();
        assertEquals(List.of(shapes), List.copyOf(scores.keySet()));
        for (int c = 0; c < shapes.length; c++) {
          assertEquals(CLASS_SCORES[i][c], scores.get(shapes[c]), TENSOR_TOLERANCE);
        }
      }
      for (CapillaryFinding f : byX(a)) {
        assertMeasurement(f.apical(), f.box(), 0, 1, 0.5);
        assertMeasurement(f.arterial(), f.box(), 2, 3, 0.5);
        assertMeasurement(f.venous(), f.box(), 4, 5, 0.5);
        assertEquals(0.95, f.apical().confidence(), 1e-6);
        assertEquals(SizeSource.MEASUREMENT, f.sizeSource());
        assertEquals(SizeClass.fromMicrometres(f.apical().micrometres(), f.arterial().micrometres(),
            f.venous().micrometres()), f.size());
        assertTrue(f.distalRow());
      }
      // The row is horizontal: 3 capillaries on a 640 px chord of 0.5 um pixels.
      assertEquals(3 / 0.320, a.summary().densityPerMm(), 1e-9);
    }
  }

  @Test
  public void yoloDecoderWithHeatmapKeypointsAndVisualSize() throws Exception {
    try (NailfoldAnalyzer analyzer = analyzer("det-yolo", "kp-heatmaps", "size-logits")) {
      ImageAnalysis a = analyzer.analyze(image(), null);
      assertDetections(a);
      for (CapillaryFinding f : byX(a)) {
        assertMeasurement(f.apical(), f.box(), 0, 1, 0);
        assertMeasurement(f.venous(), f.box(), 4, 5, 0);
        assertNull(f.apical().micrometres());
        assertEquals(1.0, f.apical().confidence(), 1e-6, "heatmap peak value");
        assertEquals(SizeSource.VISUAL_MODEL, f.sizeSource(), "logits favour enlarged");
        assertEquals(SizeClass.ENLARGED, f.size());
      }
      assertNull(a.summary().densityPerMm());
    }
  }

  @Test
  public void keypointModelWithSizeLogitsServesBothRoles() throws Exception {
    try (NailfoldAnalyzer analyzer = analyzer("det-yolo", "kp-heatmaps-size")) {
      ImageAnalysis a = analyzer.analyze(image(), null);
      assertDetections(a);
      for (CapillaryFinding f : byX(a)) {
        assertMeasurement(f.apical(), f.box(), 0, 1, 0);
        assertMeasurement(f.venous(), f.box(), 4, 5, 0);
        assertEquals(1.0, f.apical().confidence(), 1e-6, "heatmap peak value");
        assertEquals(SizeSource.VISUAL_MODEL, f.sizeSource(), "second output's logits favour enlarged");
        assertEquals(SizeClass.ENLARGED, f.size());
      }
      assertEquals(2, a.provenance().models().size(), "no separate visual-size model");
    }
  }

  @Test
  public void mmdeployDecoderAlone() throws Exception {
    try (NailfoldAnalyzer analyzer = analyzer("det-mmdeploy")) {
      ImageAnalysis a = analyzer.analyze(image(), Calibration.manual(1));
      assertDetections(a);
      List<CapillaryFinding> found = byX(a);
      assertTrue(found.get(0).morphologyScores().isEmpty(), "a detector without class probabilities");
      assertEquals(SizeClass.UNKNOWN, found.get(0).size());
      assertEquals(SizeClass.GIANT, found.get(2).size());
      assertEquals(SizeSource.DETECTOR_CLASS, found.get(2).sizeSource());
      assertNull(found.get(0).apical());
    }
  }

  @Test
  public void eightThreadsGiveTheResultsOfOne() throws Exception {
    try (NailfoldAnalyzer analyzer = analyzer("det-boxes", "kp-heatmaps", "size-logits")) {
      BufferedImage img = image();
      String expected = AnalysisJson.toJson(analyzer.analyze(img, Calibration.manual(0.7)));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
          results.add(pool.submit(() -> AnalysisJson.toJson(analyzer.analyze(img, Calibration.manual(0.7)))));
        }
        for (Future<String> f : results) {
          assertEquals(expected, f.get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  public void closeIsIdempotentAndUseAfterCloseFails() throws Exception {
    NailfoldAnalyzer analyzer = analyzer("det-boxes", "kp-coords");
    analyzer.analyze(image(), null);
    analyzer.close();
    analyzer.close();
    assertThrows(IllegalStateException.class, () -> analyzer.analyze(image(), null));
    Path b = bundle(dir.resolve("conv"), "conv");
    InferenceSession s = backend().open(modelFile(b, "conv"), new SessionOptions(1, 1, false));
    s.close();
    s.close();
    assertThrows(IllegalStateException.class,
        () -> s.run(Map.of("x", Tensor.of(fixedInput(3 * 24 * 32), 1, 3, 24, 32))));
  }

  /** Rewrites a manifest field of the bundle's detector; returns the bundle. */
  private Path editDetector(String model, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    Path b = bundle(dir.resolve("edited"), model);
    Path manifest = b.resolve(model + ".manifest.json");
    ObjectNode root = (ObjectNode) MAPPER.readTree(manifest.toFile());
    edit.accept(root);
    MAPPER.writeValue(manifest.toFile(), root);
    return b;
  }

  @Test
  public void truncatedModelFileNamesTheFile() throws Exception {
    Path b = bundle(dir.resolve("cut"), "det-boxes");
    for (ModelFormat f : backend().formats()) {
      Path file = b.resolve("det-boxes." + (f == ModelFormat.ONNX ? "onnx" : "pt"));
      byte[] bytes = Files.readAllBytes(file);
      Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    }
    Path manifest = b.resolve("det-boxes.manifest.json");
    ObjectNode root = (ObjectNode) MAPPER.readTree(manifest.toFile());
    var files = (ObjectNode) root.get("files");
    for (var e : files.properties()) {
      ((ObjectNode) e.getValue()).put("sha256", Sha256.of(b.resolve(e.getValue().get("path").asText())));
    }
    MAPPER.writeValue(manifest.toFile(), root);
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend(backend()).models(b).build());
    assertEquals(ErrorCode.MODEL_INVALID, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("det-boxes."), "names the file: " + e.getMessage());
  }

  @Test
  public void wrongChecksumIsRefusedBeforeTheBackendSeesTheFile() throws Exception {
    Path b = editDetector("det-boxes", root -> root.get("files").forEach(
        f -> ((ObjectNode) f).put("sha256", "0".repeat(64))));
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend(backend()).models(b).build());
    assertEquals(ErrorCode.MODEL_INVALID, e.code());
    assertTrue(e.getMessage().contains("but its manifest expects " + "0".repeat(64)), e.getMessage());
  }

  @Test
  public void wrongInputShapeSaysWhatTheModelExpects() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(backend().formats().contains(ModelFormat.ONNX),
        "TorchScript files declare no input shape to check against");
    Path b = editDetector("det-boxes", root -> {
      var shape = ((ObjectNode) root.get("input")).putArray("shape");
      shape.add(1).add(3).add(512).add(640);
    });
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend(backend()).models(b).build()) {
      NvcException e = assertThrows(NvcException.class, () -> analyzer.analyze(image(), null));
      assertEquals(ErrorCode.MODEL_INVALID, e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("det-boxes") && e.getMessage().contains("256")
          && e.getMessage().contains("512"), e.getMessage());
    } catch (NvcException e) {
      // A backend may also refuse at load time, as long as it says so clearly.
      assertEquals(ErrorCode.MODEL_INVALID, e.code(), e.getMessage());
      assertTrue(e.getMessage().contains("det-boxes"), e.getMessage());
    }
  }

  @Test
  public void missingOutputIsRefusedAtLoad() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(backend().formats().contains(ModelFormat.ONNX),
        "only formats with named outputs can be checked at load");
    Path b = editDetector("det-boxes", root -> ((ObjectNode) root.get("outputs")).put("boxes", "detections"));
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend(backend()).models(b).build());
    assertEquals(ErrorCode.MODEL_INVALID, e.code());
    assertTrue(e.getMessage().contains("has no output 'detections' named by its manifest; outputs: [dets, class_scores]"),
        e.getMessage());
    assertNotNull(e.getMessage());
  }
}
