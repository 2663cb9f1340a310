package io.nvc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.ImageAnalysis;
import io.nvc.Measurement;
import io.nvc.NailfoldAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The ONNX and DJL backends give the same answers with the default models on the bundled samples:
 * the same findings and classes, boxes within 1 px, measurements within 0.5 px. A finding whose
 * confidence lies within 0.01 of the 0.40 threshold may be seen by one backend only.
 */
class CrossBackendTest {

  static final double BOX_PX = 1.0;
  static final double MEASUREMENT_PX = 0.5;
  static final double THRESHOLD = 0.40;

  @Test
  void onnxAndDjlAgreeOnTheSamples() throws Exception {
    Path models = Path.of("..", "models");
    boolean present;
    try (Stream<Path> s = Files.isDirectory(models) ? Files.walk(models, 2) : Stream.empty()) {
      present = s.anyMatch(p -> p.getFileName().toString().endsWith(".manifest.json"));
    }
    Assumptions.assumeTrue(present, "no default models in ../models");
    List<Path> samples;
    try (Stream<Path> s = Files.list(Path.of("samples"))) {
      samples = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
    assertEquals(3, samples.size());
    try (NailfoldAnalyzer onnx = NailfoldAnalyzer.builder().backend("onnx").models(models).build();
        NailfoldAnalyzer djl = NailfoldAnalyzer.builder().backend("djl").models(models).build()) {
      int compared = 0;
      for (Path sample : samples) {
        ImageAnalysis a = onnx.analyze(sample, Calibration.manual(1.0));
        ImageAnalysis b = djl.analyze(sample, Calibration.manual(1.0));
        compared += matchAll(a.capillaries(), b.capillaries(), sample + " onnx->djl");
        matchAll(b.capillaries(), a.capillaries(), sample + " djl->onnx");
        assertEquals(a.haemorrhages().size(), b.haemorrhages().size(), sample.toString());
      }
      assertTrue(compared > 20, "compared " + compared + " findings");
    }
  }

  private static int matchAll(List<CapillaryFinding> from, List<CapillaryFinding> to, String what) {
    int matched = 0;
    for (CapillaryFinding f : from) {
      CapillaryFinding g = to.stream().max(java.util.Comparator.comparingDouble(x -> x.box().iou(f.box())))
          .orElse(null);
      if (g == null || g.box().iou(f.box()) < 0.9) {
        assertTrue(Math.abs(f.confidence() - THRESHOLD) < 0.01,
            what + ": no counterpart for " + f + " (confidence " + f.confidence() + ")");
        continue;
      }
      String at = what + " at " + f.box();
      assertEquals(f.morphology(), g.morphology(), at);
      assertEquals(f.box().x(), g.box().x(), BOX_PX, at);
      assertEquals(f.box().y(), g.box().y(), BOX_PX, at);
      assertEquals(f.box().maxX(), g.box().maxX(), BOX_PX, at);
      assertEquals(f.box().maxY(), g.box().maxY(), BOX_PX, at);
      assertMeasurement(f.apical(), g.apical(), at + " apical");
      assertMeasurement(f.arterial(), g.arterial(), at + " arterial");
      assertMeasurement(f.venous(), g.venous(), at + " venous");
      matched++;
    }
    return matched;
  }

  private static void assertMeasurement(@Nullable Measurement a, @Nullable Measurement b, String what) {
    if (a == null || b == null) {
      // A measurement on the confidence threshold may be reported by one backend only.
      Measurement present = a != null ? a : b;
      assertTrue(present == null || Math.abs(present.confidence() - 0.5) < 0.02,
          what + ": reported by one backend only: " + present);
      return;
    }
    assertEquals(a.pixels(), b.pixels(), MEASUREMENT_PX, what);
    assertEquals(a.start().x(), b.start().x(), MEASUREMENT_PX, what);
    assertEquals(a.start().y(), b.start().y(), MEASUREMENT_PX, what);
  }
}
