package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.AnalysisJson;
import io.nvc.ImageAnalysis;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvc analyze} as a user runs it, with the marker test backend. */
class AnalyzeCommandTest {

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run nvc(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Nvc.run(args);
      return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  Path models() throws Exception {
    return MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
  }

  Path scene(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    BufferedImage img = MarkerScene.draw(800, 400, BufferedImage.TYPE_3BYTE_BGR, List.of(
        Capillary.upright(0, 150, 200, 90, 12, 10, 14, 0),
        Capillary.upright(3, 450, 200, 120, 55, 25, 27, 2)), List.of());
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void analysesAFolderWritingJsonOverlaysAndATable() throws Exception {
    Path images = dir.resolve("images");
    scene(images.resolve("R3/B.png"));
    scene(images.resolve("L2/B.png"));
    Path out = dir.resolve("out");
    Run r = nvc("analyze", "--backend", "marker", "--models", models().toString(), "--um-per-px", "1.0",
        "--overlay", "--out", out.toString(), images.toString());
    assertEquals(0, r.status(), r.err());
    ImageAnalysis first = AnalysisJson.read(out.resolve("B.json"));
    ImageAnalysis second = AnalysisJson.read(out.resolve("B-2.json"));
    assertEquals(2, first.capillaries().size());
    assertEquals(first.capillaries(), second.capillaries());
    assertEquals(1, first.summary().bySize().get(io.nvc.SizeClass.GIANT));
    assertTrue(Files.size(out.resolve("B.overlay.png")) > 1000);
    assertTrue(r.out().contains("image") && r.out().contains("capillaries") && r.out().contains("B-2"), r.out());
    assertTrue(r.err().contains("2/2"), "progress bar: " + r.err());
  }

  @Test
  void aBadImageIsOneClearLineAndExitStatusOne() throws Exception {
    Path bad = Files.writeString(dir.resolve("broken.png"), "not a png");
    Run r = nvc("analyze", "--backend", "marker", "--models", models().toString(), "--out",
        dir.resolve("out").toString(), bad.toString());
    assertEquals(1, r.status());
    assertTrue(r.err().contains("broken.png: not a recognised image"), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void setupProblemsExitWithStatusTwoAndNoStackTrace() throws Exception {
    Path img = scene(dir.resolve("a.png"));
    Run noModels = nvc("analyze", "--backend", "marker", "--models", dir.resolve("none").toString(), img.toString());
    assertEquals(2, noModels.status());
    assertTrue(noModels.err().startsWith("nvc: error: model directory"), noModels.err());
    assertEquals(1, noModels.err().strip().lines().count(), noModels.err());

    Run badScale = nvc("analyze", "--um-per-px", "fast", img.toString());
    assertEquals(2, badScale.status());
    assertTrue(badScale.err().contains("--um-per-px expects a number"), badScale.err());

    Run missing = nvc("analyze", dir.resolve("nothing-here.png").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("no such file or folder"), missing.err());

    Run backend = nvc("analyze", "--backend", "tensorflow", img.toString());
    assertEquals(2, backend.status());
    assertTrue(backend.err().contains("no inference backend named 'tensorflow'; found: onnx, djl, marker"),
        backend.err());
  }

  @Test
  void helpWorksEverywhere() {
    assertEquals(0, nvc("--help").status());
    Run help = nvc("analyze", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--um-per-px"), help.out());
  }
}
