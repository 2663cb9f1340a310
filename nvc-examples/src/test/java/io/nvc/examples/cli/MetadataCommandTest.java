package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.AnalysisJson;
import io.nvc.CalibrationSource;
import io.nvc.ImageAnalysis;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.Sector;
import io.nvc.calibration.CaptureMetadataIO;
import io.nvc.calibration.MetadataRead;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nvc metadata show|set} as a user runs it. */
class MetadataCommandTest {

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  /** Runs a command the way {@link Nvc#run} does (same error handler), capturing its output. */
  static Run run(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    cli.setExecutionExceptionHandler(new Nvc.Errors());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static Path image(Path file) throws Exception {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
    for (int y = 0; y < 48; y++) {
      for (int x = 0; x < 64; x++) {
        img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 77);
      }
    }
    String format = file.toString().endsWith(".png") ? "png" : file.toString().endsWith(".tif") ? "tiff" : "jpeg";
    ImageIO.write(img, format, file.toFile());
    return file;
  }

  @Test
  void setThenShowEveryField() throws Exception {
    for (String name : new String[] {"a.jpg", "b.png", "c.tif"}) {
      Path file = image(dir.resolve(name));
      Run set = run(new MetadataCommand(), "set", file.toString(), "--finger", "r3", "--sector", "B",
          "--magnification", "200", "--um-per-px", "0.5,0.55", "--camera-model", "Scope 1", "--camera-id", "SN9",
          "--software", "Capture", "--software-version", "2.1", "--captured", "2026-11-26T10:15:30+01:00");
      assertEquals(0, set.status(), set.err());
      assertTrue(set.out().contains(name + ": metadata written"), set.out());

      MetadataRead read = CaptureMetadataIO.read(file);
      CaptureMetadata m = read.metadata().orElseThrow();
      assertEquals(Finger.R3, m.finger());
      assertEquals(Sector.B, m.sector());
      assertEquals(200.0, m.magnification());
      assertEquals(0.55, m.calibration().micrometresPerPixelY());
      assertEquals(CalibrationSource.MANUAL, read.storedCalibrationSource());
      assertEquals(OffsetDateTime.parse("2026-11-26T10:15:30+01:00"), m.capturedAt());
      assertEquals("SN9", m.cameraId());

      Run show = run(new MetadataCommand(), "show", file.toString());
      assertEquals(0, show.status(), show.err());
      assertTrue(show.out().contains("finger:         R3"), show.out());
      assertTrue(show.out().contains("calibration:    0.5 x 0.55 um/px (MANUAL)"), show.out());
      assertTrue(show.out().contains("captured:       2026-11-26T10:15:30+01:00"), show.out());

      Run json = run(new MetadataCommand(), "show", "--json", file.toString());
      assertEquals(0, json.status(), json.err());
      assertTrue(json.out().contains("\"sector\" : \"B\""), json.out());
      assertTrue(json.out().contains("\"micrometresPerPixelX\" : 0.5"), json.out());
      assertTrue(json.out().contains("\"cameraModel\" : \"Scope 1\""), json.out());
    }
  }

  @Test
  void setKeepsOtherFieldsAndIdentifiersAreOptIn() throws Exception {
    Path file = image(dir.resolve("a.png"));
    assertEquals(0, run(new MetadataCommand(), "set", file.toString(), "--finger", "L2").status());
    assertEquals(0, run(new MetadataCommand(), "set", file.toString(), "--sector", "D", "--patient-id", "P1")
        .status());
    CaptureMetadata m = CaptureMetadataIO.read(file).metadata().orElseThrow();
    assertEquals(Finger.L2, m.finger());
    assertEquals(Sector.D, m.sector());
    assertEquals("P1", m.patientId());
    assertEquals(0, run(new MetadataCommand(), "set", file.toString(), "--remove-identifiers").status());
    m = CaptureMetadataIO.read(file).metadata().orElseThrow();
    assertEquals(null, m.patientId());
    assertEquals(Finger.L2, m.finger());
  }

  @Test
  void analyzeUsesTheCalibrationStoredBySet() throws Exception {
    BufferedImage img = MarkerScene.draw(800, 400, BufferedImage.TYPE_3BYTE_BGR, List.of(
        Capillary.upright(0, 150, 200, 90, 12, 10, 14, 0),
        Capillary.upright(3, 450, 200, 120, 55, 25, 27, 2)), List.of());
    Path file = dir.resolve("scene.png");
    ImageIO.write(img, "png", file.toFile());
    assertEquals(0, run(new MetadataCommand(), "set", file.toString(), "--um-per-px", "0.8").status());
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    Path out = dir.resolve("out");
    Run analyze = run(new AnalyzeCommand(), "--backend", "marker", "--models", models.toString(), "--out",
        out.toString(), file.toString());
    assertEquals(0, analyze.status(), analyze.err());
    ImageAnalysis a = AnalysisJson.read(out.resolve("scene.json"));
    assertEquals(CalibrationSource.METADATA, a.calibration().source());
    assertEquals(0.8, a.calibration().micrometresPerPixel());
    assertTrue(a.summary().densityPerMm() != null, "densities per mm");
  }

  @Test
  void showReportsAFileWithoutMetadata() throws Exception {
    Path file = image(dir.resolve("plain.png"));
    Run show = run(new MetadataCommand(), "show", file.toString());
    assertEquals(0, show.status());
    assertEquals("plain.png: no capture metadata", show.out().strip());
  }

  @Test
  void mistakesAreOneLineAndExitTwo() throws Exception {
    Path file = image(dir.resolve("a.png"));
    Run finger = run(new MetadataCommand(), "set", file.toString(), "--finger", "X7");
    assertEquals(2, finger.status());
    assertEquals("nvc: error: unknown finger 'X7', expected one of L1-L5, R1-R5", finger.err().strip());

    Run date = run(new MetadataCommand(), "set", file.toString(), "--captured", "yesterday");
    assertEquals(2, date.status());
    assertTrue(date.err().contains("--captured expects an ISO 8601 date-time"), date.err());

    Run scale = run(new MetadataCommand(), "set", file.toString(), "--um-per-px", "-1");
    assertEquals(2, scale.status());
    assertTrue(scale.err().contains("--um-per-px expects"), scale.err());

    Run nothing = run(new MetadataCommand(), "set", file.toString());
    assertEquals(2, nothing.status());
    assertTrue(nothing.err().contains("nothing to set"), nothing.err());

    Run missing = run(new MetadataCommand(), "show", dir.resolve("none.png").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("none.png: no such file"), missing.err());

    Run noSub = run(new MetadataCommand());
    assertEquals(2, noSub.status());
    assertTrue(noSub.err().contains("needs a subcommand: show or set"), noSub.err());

    Path text = Files.writeString(dir.resolve("notes.png"), "text");
    Run notImage = run(new MetadataCommand(), "set", text.toString(), "--finger", "R1");
    assertEquals(1, notImage.status());
    assertTrue(notImage.err().startsWith("nvc: ") && notImage.err().contains("notes.png"), notImage.err());
    assertEquals("text", Files.readString(text));
    for (Run r : new Run[] {finger, date, scale, missing, notImage}) {
      assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }
  }

  @Test
  void helpWorks() {
    Run help = run(new MetadataCommand(), "set", "--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("--um-per-px"), help.out());
    assertEquals(0, run(new MetadataCommand(), "--help").status());
  }
}
