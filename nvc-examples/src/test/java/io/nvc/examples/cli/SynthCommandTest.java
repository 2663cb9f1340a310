package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvc synth} as a user runs it. */
class SynthCommandTest {

  @TempDir Path dir;

  static List<Path> files(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
    }
  }

  @Test
  void sameSeedTwiceGivesIdenticalFiles() throws Exception {
    for (String run : List.of("a", "b")) {
      var r = AnalyzeCommandTest.nvc("synth", "--count", "3", "--seed", "7", "--size", "320x256",
          "--format", "jpg", "--profile", "mixed", "--out", dir.resolve(run).toString());
      assertEquals(0, r.status(), r.err());
    }
    List<Path> a = files(dir.resolve("a"));
    assertEquals(a, files(dir.resolve("b")));
    assertTrue(a.contains(Path.of("annotations.json")), a.toString());
    assertEquals(4, a.size(), a.toString());
    for (Path p : a) {
      assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(p)), Files.readAllBytes(dir.resolve("b").resolve(p)), p.toString());
    }
    var truth = io.nvc.dataset.CocoJson.read(dir.resolve("a/annotations.json")).images().get(1);
    var m = io.nvc.calibration.CaptureMetadataIO.read(dir.resolve("a").resolve(truth.fileName()))
        .metadata().orElseThrow();
    assertEquals(truth.micrometresPerPixel().getAsDouble(), m.calibration().micrometresPerPixel(), 1e-9,
        "each dataset image carries its calibration");
    assertEquals(null, m.finger());
  }

  @Test
  void examinationImagesCarryFingerSectorAndCalibrationInTheirMetadata() throws Exception {
    var r = AnalyzeCommandTest.nvc("synth", "--examination", "scleroderma-late", "--seed", "3", "--size",
        "320x240", "--out", dir.resolve("exam").toString());
    assertEquals(0, r.status(), r.err());
    for (String view : new String[] {"R3/B.png", "L2/panoramic.png"}) {
      var image = javax.imageio.ImageIO.read(dir.resolve("exam").resolve(view).toFile());
      assertEquals(320, image.getWidth(), view + ": --size applies to the examination's views");
      assertEquals(240, image.getHeight(), view);
    }
    var read = io.nvc.calibration.CaptureMetadataIO.read(dir.resolve("exam/R3/B.png"));
    var m = read.metadata().orElseThrow();
    assertEquals(io.nvc.Finger.R3, m.finger());
    assertEquals(io.nvc.Sector.B, m.sector());
    var truth = io.nvc.dataset.CocoJson.read(dir.resolve("exam/annotations.json")).images().stream()
        .filter(i -> i.fileName().equals("R3/B.png")).findFirst().orElseThrow();
    assertEquals(truth.micrometresPerPixel().getAsDouble(), m.calibration().micrometresPerPixel(), 1e-9);
    assertEquals(io.nvc.Sector.PANORAMIC,
        io.nvc.calibration.CaptureMetadataIO.read(dir.resolve("exam/L2/panoramic.png")).metadata().orElseThrow()
            .sector());
  }

  @Test
  void badOptionsAreOneLine() {
    var r = AnalyzeCommandTest.nvc("synth", "--seed", "1", "--profile", "sick", "--out", dir.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("nvc: error: ") && r.err().contains("sick"), r.err());
    var range = AnalyzeCommandTest.nvc("synth", "--seed", "1", "--um-per-px", "0.1,9", "--out", dir.toString());
    assertEquals(2, range.status());
    assertTrue(range.err().contains("within 0.7 to 3.0"), range.err());
  }
}
