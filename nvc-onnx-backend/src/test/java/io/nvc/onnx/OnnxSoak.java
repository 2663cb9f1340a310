package io.nvc.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.NailfoldAnalyzer;
import io.nvc.conformance.BackendConformanceKit;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Soak check, not part of the default test run: {@code mvn -B -pl nvc-onnx-backend -am verify -Psoak}.
 * Runs 10,000 analyses (detector, batched keypoints, visual size) in one JVM and reports the resident
 * memory at the start (after 500 warm-up analyses) and at the end; fails when it grew by more than
 * 64 MB, which unclosed ONNX Runtime tensors or results would exceed many times over.
 */
class OnnxSoak {

  @TempDir Path dir;

  static long residentKb() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no VmRSS in /proc/self/status");
  }

  @Test
  void tenThousandAnalysesKeepMemoryFlat() throws Exception {
    Path models = BackendConformanceKit.bundle(dir, "det-boxes", "kp-heatmaps", "size-logits");
    BufferedImage img = new BufferedImage(1280, 1024, BufferedImage.TYPE_3BYTE_BGR);
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend(new OnnxBackend()).models(models)
        .build()) {
      for (int i = 0; i < 500; i++) {
        analyzer.analyze(img, null);
      }
      System.gc();
      long start = residentKb();
      long t0 = System.nanoTime();
      for (int i = 0; i < 10_000; i++) {
        analyzer.analyze(img, i % 2 == 0 ? null : Calibration.manual(1.0));
      }
      System.gc();
      long end = residentKb();
      System.out.printf("soak: 10000 analyses in %.1f s; resident memory %d MB at start, %d MB at end%n",
          (System.nanoTime() - t0) / 1e9, start / 1024, end / 1024);
      assertTrue(end - start < 64 * 1024, "resident memory grew from " + start + " kB to " + end + " kB");
    }
  }
}
