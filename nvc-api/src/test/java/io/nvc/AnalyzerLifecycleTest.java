package io.nvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.testing.MarkerBackend;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import java.awt.image.BufferedImage;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backend choice, model loading failures, close, threads, the JSON format and the module surface. */
class AnalyzerLifecycleTest {

  @TempDir Path dir;

  Path models() throws Exception {
    return MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
  }

  @Test
  void unknownBackendListsTheBackendsFound() throws Exception {
    Path m = models();
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("tensorflow").models(m).build());
    assertEquals(ErrorCode.BACKEND_NOT_FOUND, e.code());
    assertEquals("no inference backend named 'tensorflow'; found: marker", e.getMessage());
    assertEquals(List.of("marker"), NailfoldAnalyzer.availableBackends());
  }

  @Test
  void missingModelsSayWhatIsMissing() {
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(dir.resolve("absent")).build());
    assertEquals(ErrorCode.MODEL_MISSING, e.code());
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    NvcException empty = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(dir).build());
    assertEquals(ErrorCode.MODEL_MISSING, empty.code());
    assertTrue(empty.getMessage().contains("missing: detector, keypoints, visual-size"), empty.getMessage());
  }

  @Test
  void corruptModelFileFailsTheChecksumAndClosesWhatWasOpened() throws Exception {
    Path m = models();
    Files.writeString(m.resolve("keypoints.onnx"), "{\"kind\": \"keypoints\"}");
    int before = MarkerBackend.OPEN_SESSIONS.get();
    NvcException e = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertEquals(ErrorCode.MODEL_INVALID, e.code());
    assertTrue(e.getMessage().contains("keypoints.onnx has SHA-256") && e.getMessage().contains("expects"),
        e.getMessage());
    assertEquals(before, MarkerBackend.OPEN_SESSIONS.get(), "the detector opened first was closed again");
  }

  @Test
  void manifestProblemsNameTheFileAndField() throws Exception {
    Path m = models();
    Path manifest = m.resolve("detector.manifest.json");
    String good = Files.readString(manifest);
    Files.writeString(manifest, good.replace("nvc.model-manifest/1", "nvc.model-manifest/2"));
    NvcException newer = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertEquals(ErrorCode.UNSUPPORTED_VERSION, newer.code());
    assertTrue(newer.getMessage().contains("newer than this SDK understands"), newer.getMessage());

    Files.writeString(manifest, good.replace("\"dets\"", "\"detections\""));
    NvcException output = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertEquals(ErrorCode.MODEL_INVALID, output.code());
    assertTrue(output.getMessage().contains("has no output 'detections' named by its manifest; outputs: [dets]"),
        output.getMessage());

    Files.writeString(manifest, good.replace("\"dets\"", "\"dets\", \"classScores\": \"class_scores\""));
    NvcException scores = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertTrue(scores.getMessage().contains("has no output 'class_scores' named by its manifest"),
        scores.getMessage());

    Files.writeString(manifest, good.replace("\"haemorrhage\"", "\"blob\""));
    NvcException cls = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertTrue(cls.getMessage().contains("unknown detector class 'blob'"), cls.getMessage());

    Files.writeString(manifest, "{ not json");
    NvcException json = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(m).build());
    assertEquals(ErrorCode.MODEL_INVALID, json.code());
    assertTrue(json.getMessage().contains("detector.manifest.json is not valid JSON"), json.getMessage());
  }

  @Test
  void aKeypointModelGivingSizeLogitsExcludesAVisualSizeModelAndNeedsTheSizeClasses() throws Exception {
    Path combined = MarkerModels.write(dir.resolve("combined"), MarkerModels.Options.sizeFromKeypointModel());
    Path separate = MarkerModels.write(dir.resolve("separate"), MarkerModels.Options.full());
    Files.copy(separate.resolve("visual-size.manifest.json"), combined.resolve("visual-size.manifest.json"));
    Files.copy(separate.resolve("visual-size.onnx"), combined.resolve("visual-size.onnx"));
    NvcException both = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(combined).build());
    assertEquals(ErrorCode.MODEL_INVALID, both.code());
    assertTrue(both.getMessage().contains("gives visual-size logits too; expected one source of visual sizes"),
        both.getMessage());

    Files.delete(combined.resolve("visual-size.manifest.json"));
    Path manifest = combined.resolve("keypoints.manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"enlarged\"", "\"dilated\""));
    NvcException classes = assertThrows(NvcException.class,
        () -> NailfoldAnalyzer.builder().backend("marker").models(combined).build());
    assertEquals(ErrorCode.MODEL_INVALID, classes.code());
    assertTrue(classes.getMessage().contains("needs classes [normal, enlarged, giant], found [normal, dilated,"
        + " giant]"), classes.getMessage());
  }

  @Test
  void closeIsIdempotentAndUseAfterCloseIsAnError() throws Exception {
    int before = MarkerBackend.OPEN_SESSIONS.get();
    NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models()).build();
    assertEquals(before + 3, MarkerBackend.OPEN_SESSIONS.get());
    analyzer.close();
    analyzer.close();
    assertEquals(before, MarkerBackend.OPEN_SESSIONS.get());
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> analyzer.analyze(img, null));
    assertEquals("the analyzer is closed", e.getMessage());
  }

  @Test
  void eightThreadsGiveTheSameResultsAsOne() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE,
        CascadeTest.HAEMORRHAGES);
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models()).build()) {
      String expected = AnalysisJson.toJson(analyzer.analyze(img, Calibration.manual(1)));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          results.add(pool.submit(() -> AnalysisJson.toJson(analyzer.analyze(img, Calibration.manual(1)))));
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
  void jsonRoundTripsAndHasTheFixedFieldNames() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE,
        CascadeTest.HAEMORRHAGES);
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models()).build()) {
      Calibration cal = new Calibration(1.0, 1.0, CalibrationSource.METADATA, 200.0, "scope", null);
      ImageAnalysis a = analyzer.analyze(img, cal);
      Path file = dir.resolve("result.json");
      AnalysisJson.write(a, file);
      assertEquals(a, AnalysisJson.read(file));
      var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
      assertEquals("nvc.image-analysis/1", tree.get("schema").asText());
      for (String path : List.of("/image/width", "/image/height", "/calibration/micrometresPerPixel",
          "/calibration/source", "/capillaries/0/morphology", "/capillaries/0/confidence",
          "/capillaries/0/box/x", "/capillaries/0/box/y", "/capillaries/0/box/width",
          "/capillaries/0/box/height", "/capillaries/0/apical/start/x", "/capillaries/0/apical/end/y",
          "/capillaries/0/apical/pixels", "/capillaries/0/apical/micrometres",
          "/capillaries/0/apical/confidence", "/capillaries/0/arterial", "/capillaries/0/venous",
          "/capillaries/0/size", "/capillaries/0/sizeSource", "/capillaries/0/distalRow",
          "/haemorrhages/0/confidence", "/haemorrhages/0/box/x", "/summary/capillaries",
          "/summary/distalRow", "/summary/densityPerMm", "/summary/haemorrhages",
          "/provenance/sdkVersion", "/provenance/backend", "/provenance/models/0/name",
          "/provenance/models/0/sha256")) {
        assertTrue(!tree.at(path).isMissingNode(), "missing " + path);
      }
      ImageAnalysis uncalibrated = analyzer.analyze(img, null);
      String json = AnalysisJson.toJson(uncalibrated);
      assertTrue(json.contains("\"calibration\" : null"), json);
      assertTrue(json.contains("\"densityPerMm\" : null"), json);
      assertEquals(uncalibrated, AnalysisJson.fromJson(json));
    }
  }

  @Test
  void jsonReaderRejectsNewerSchemasAndGarbage() {
    NvcException newer = assertThrows(NvcException.class,
        () -> AnalysisJson.fromJson("{\"schema\": \"nvc.image-analysis/2\"}"));
    assertEquals(ErrorCode.UNSUPPORTED_VERSION, newer.code());
    NvcException other = assertThrows(NvcException.class, () -> AnalysisJson.fromJson("{\"a\": 1}"));
    assertEquals(ErrorCode.RESULT_INVALID, other.code());
    NvcException broken = assertThrows(NvcException.class,
        () -> AnalysisJson.fromJson("{\"schema\": \"nvc.image-analysis/1\", \"image\": {}}"));
    assertEquals(ErrorCode.RESULT_INVALID, broken.code());
    assertTrue(broken.getMessage().contains("missing field 'width'"), broken.getMessage());
    assertThrows(NvcException.class, () -> AnalysisJson.fromJson("[1, 2"));
  }

  @Test
  void moduleExportsOnlyTheApiAndSpi() {
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("io.nvc.api").orElseThrow()
        .descriptor();
    Set<String> exports = d.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertEquals(Set.of("io.nvc", "io.nvc.spi", "io.nvc.examination"), exports);
    assertEquals(Set.of("io.nvc.spi.InferenceBackend", "io.nvc.spi.MetadataReader"), d.uses());
  }

  @Test
  void aFileWithoutCalibrationTakesItFromItsMetadata() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE, List.of());
    Path file = dir.resolve("scene@0.5um.png");
    javax.imageio.ImageIO.write(img, "png", file.toFile());
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models()).build()) {
      ImageAnalysis a = analyzer.analyze(file, null);
      assertEquals(CalibrationSource.METADATA, a.calibration().source());
      assertEquals(0.5, a.calibration().micrometresPerPixel());
      assertEquals("METADATA", a.provenance().calibrationSource());
      assertTrue(a.summary().densityPerMm() != null);
      ImageAnalysis manual = analyzer.analyze(file, Calibration.manual(2));
      assertEquals(CalibrationSource.MANUAL, manual.calibration().source(), "the caller's calibration wins");
    }
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models())
        .useFileMetadata(false).build()) {
      assertEquals(null, analyzer.analyze(file, null).calibration());
    }
  }

  @Test
  void builderSnapshotsItsSettings() throws Exception {
    NailfoldAnalyzerBuilder builder = NailfoldAnalyzer.builder().backend("marker").models(models());
    try (NailfoldAnalyzer first = builder.build()) {
      builder.minConfidence(0.95);
      BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE, List.of());
      assertEquals(4, first.analyze(img, null).capillaries().size(), "score 0.9 still passes the first's 0.40");
      try (NailfoldAnalyzer second = builder.build()) {
        assertEquals(0, second.analyze(img, null).capillaries().size(), "0.9 is below 0.95");
      }
    }
    assertThrows(IllegalArgumentException.class, () -> builder.minConfidence(1.5));
    assertThrows(IllegalArgumentException.class, () -> builder.threads(0));
  }
}
