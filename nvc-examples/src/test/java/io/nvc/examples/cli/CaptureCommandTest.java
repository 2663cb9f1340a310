package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.AnalysisJson;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.Morphology;
import io.nvc.NailfoldAnalyzer;
import io.nvc.Sector;
import io.nvc.calibration.CaptureMetadataIO;
import io.nvc.calibration.MetadataRead;
import io.nvc.testing.MarkerModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code nvc capture} end to end and headless: a synthetic MJPEG capture video (moving, refocusing
 * marker capillaries, made with FFmpegFrameRecorder at test time) analysed live with the marker backend.
 */
class CaptureCommandTest {

  static final int FRAMES = 40;

  @TempDir static Path shared;
  static Path models;
  static Path video;

  @TempDir Path dir;

  record Run(int status, String out, String err) {

    /** The number after {@code label} in the summary. */
    long count(String label) {
      Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+([0-9.]+)").matcher(out);
      assertTrue(m.find(), "no '" + label + "' in:\n" + out);
      return (long) Double.parseDouble(m.group(1));
    }
  }

  @BeforeAll
  static void videoAndModels() throws Exception {
    models = MarkerModels.write(shared.resolve("models"), MarkerModels.Options.full());
    video = CaptureTestVideo.write(shared.resolve("capture.avi"), 640, 512, FRAMES);
  }

  /** Runs {@code nvc capture} the way {@link Nvc#run} does (same error handler), capturing its output. */
  static Run capture(String... args) {
    CommandLine cli = new CommandLine(new CaptureCommand());
    cli.setExecutionExceptionHandler(new Nvc.Errors());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static List<Path> files(Path folder, String suffix) throws Exception {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
    }
  }

  @Test
  void analysesTheVideoLiveAndSavesSnapshotsWithAllMetadata() throws Exception {
    Path out = dir.resolve("out");
    Run r = capture("--video", video.toString(), "--backend", "marker", "--models", models.toString(),
        "--um-per-px", "1.0", "--magnification", "200", "--headless", "--out", out.toString(),
        "--finger", "R3", "--sector", "B", "--snapshot-every", "1", "--overlay",
        "--camera-model", "Synthetic scope", "--patient-id", "P-7", "--examination-id", "E-42");
    assertEquals(0, r.status(), r.err() + r.out());
    assertEquals(FRAMES, r.count("frames grabbed:"));
    long analysed = r.count("frames analysed:");
    assertTrue(analysed >= 1, r.out());
    assertEquals(0, r.count("frames failed:"));
    assertEquals(FRAMES, analysed + r.count("frames dropped:"), "every frame analysed or dropped:\n" + r.out());
    assertTrue(r.out().contains("analysed fps:") && r.out().contains("latency p50:")
        && r.out().contains("latency p95:"), r.out());

    List<Path> snapshots = files(out, ".png").stream()
        .filter(p -> !p.getFileName().toString().endsWith(".overlay.png")).toList();
    assertFalse(snapshots.isEmpty(), r.out());
    assertEquals(snapshots.size(), r.count("snapshots:"));
    Path snap = snapshots.get(0);
    assertTrue(snap.getFileName().toString().matches("snapshot-0001-R3-B\\.png"), snap.toString());

    MetadataRead read = CaptureMetadataIO.read(snap);
    assertEquals(List.of(), read.warnings());
    CaptureMetadata m = read.asStored().orElseThrow();
    for (var c : CaptureMetadata.class.getRecordComponents()) {
      assertNotNull(c.getAccessor().invoke(m), "metadata field " + c.getName() + " missing: " + read.toJson());
    }
    assertEquals(Finger.R3, m.finger());
    assertEquals(Sector.B, m.sector());
    assertEquals(200.0, m.magnification());
    assertEquals(1.0, m.calibration().micrometresPerPixelX());
    assertEquals(1.0, m.calibration().micrometresPerPixelY());
    assertEquals(CalibrationSource.MANUAL, read.storedCalibrationSource());
    assertEquals("Synthetic scope", m.cameraModel());
    assertEquals("file:capture.avi", m.cameraId());
    assertEquals("nvc capture", m.software());
    assertFalse(m.softwareVersion().isBlank());
    assertEquals("P-7", m.patientId());
    assertEquals("E-42", m.examinationId());

    // The live result and a fresh analysis of the saved photo both find the three markers.
    String base = snap.getFileName().toString().replace(".png", "");
    ImageAnalysis live = AnalysisJson.read(out.resolve(base + ".json"));
    assertEquals(CaptureTestVideo.CAPILLARIES, live.capillaries().size(), AnalysisJson.toJson(live));
    assertEquals(1, live.capillaries().stream().filter(c -> c.morphology() == Morphology.GIANT).count());
    assertTrue(Files.size(out.resolve(base + ".overlay.png")) > 1000);
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models).build()) {
      ImageAnalysis again = analyzer.analyze(snap, null);
      assertEquals(CaptureTestVideo.CAPILLARIES, again.capillaries().size());
      assertEquals(CalibrationSource.METADATA, again.calibration().source(), "calibration read back from XMP");
    }
  }

  @Test
  void withoutPacingFramesAreDroppedNotQueuedAndADeviceProfileCalibrates() throws Exception {
    Path catalogue = Files.writeString(dir.resolve("profiles.json"), """
        {"format": "nvc.device-profiles/1", "profiles": [{"vendor": "Synth", "model": "Scope 200",
          "cameraModels": ["SYNTH-200 USB"], "magnification": 200, "widthPx": 1280, "heightPx": 1024,
          "micrometresPerPixelX": 0.5, "source": "test"}]}
        """);
    Path out = dir.resolve("out");
    Run r = capture("--video", video.toString(), "--no-pace", "--frames", "25", "--backend", "marker",
        "--models", models.toString(), "--device-profile", "synth-200 usb", "--device-profiles",
        catalogue.toString(), "--headless", "--out", out.toString(), "--snapshot-every", "1");
    assertEquals(0, r.status(), r.err() + r.out());
    assertTrue(r.out().contains("1.000 um/px (DEVICE_PROFILE)"), r.out());
    assertEquals(25, r.count("frames grabbed:"));
    assertEquals(25, r.count("frames analysed:") + r.count("frames dropped:") + r.count("frames failed:"),
        r.out());
    Path snap = files(out, ".png").get(0);
    CaptureMetadata m = CaptureMetadataIO.read(snap).asStored().orElseThrow();
    assertEquals(CalibrationSource.DEVICE_PROFILE, m.calibration().source());
    assertEquals(1.0, m.calibration().micrometresPerPixelX(), 1e-12, "0.5 um/px at 1280x1024 is 1.0 at 640x512");
    assertEquals(200.0, m.magnification());
    assertEquals("synth-200 usb", m.cameraModel());
    assertNull(m.finger());
    assertNull(m.patientId(), "identifiers only when given");
  }

  @Test
  void aMissingVideoIsOneLineAndExitStatusTwo() {
    Path missing = dir.resolve("missing.avi");
    Run r = capture("--video", missing.toString(), "--backend", "marker", "--models", models.toString(),
        "--headless");
    assertEquals(2, r.status(), r.err());
    assertEquals(List.of("nvc: error: " + missing + ": no such file"), r.err().lines().toList());
    assertEquals("", r.out());
  }

  @Test
  void missingModelsAreOneLineAndExitStatusTwo() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("no-models"));
    Run r = capture("--video", video.toString(), "--backend", "marker", "--models", empty.toString(),
        "--headless");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("nvc: error: "), r.err());
  }

  @Test
  void anUnknownDeviceProfileIsOneLineAndExitStatusTwo() {
    Run r = capture("--video", video.toString(), "--device-profile", "Nope", "--headless");
    assertEquals(2, r.status(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("nvc: error: no device profile for 'Nope'") && r.err().contains("--device-profiles"),
        r.err());
  }

  @Test
  void cameraAndVideoTogetherIsAUsageError() {
    Run r = capture("--camera", "0", "--video", video.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("mutually exclusive"), r.err());
  }

  @Test
  void readsFullSize1280x1024FramesAsBgrInPlace() throws Exception {
    Path file = CaptureTestVideo.nailfold(dir.resolve("nailfold.avi"), 1280, 1024, 4, 7);
    CaptureBuffer b = new CaptureBuffer();
    int n = 0;
    try (CaptureSource src = CaptureSource.video(file, false)) {
      for (org.bytedeco.javacv.Frame f = src.grab(); f != null; f = src.grab()) {
        b.copyFrom(f);
        n++;
      }
    }
    assertEquals(4, n);
    io.nvc.RawImage raw = b.raw();
    assertEquals(1280, raw.width());
    assertEquals(1024, raw.height());
    assertEquals(io.nvc.PixelFormat.BGR, raw.format());
    java.awt.image.BufferedImage view = b.view();
    java.awt.image.BufferedImage copy = b.copy();
    for (int y = 0; y < 1024; y += 97) {
      for (int x = 0; x < 1280; x += 89) {
        assertEquals(view.getRGB(x, y), copy.getRGB(x, y));
        int i = y * raw.rowStride() + x * 3;
        int rgb = (raw.pixels().get(i + 2) & 255) << 16 | (raw.pixels().get(i + 1) & 255) << 8
            | (raw.pixels().get(i) & 255);
        assertEquals(rgb, copy.getRGB(x, y) & 0xFFFFFF);
      }
    }
  }

  @Test
  void theReadmeLoopGrabsAnalysesAndDraws() throws Exception {
    Path file = CaptureTestVideo.write(dir.resolve("short.avi"), 640, 512, 3);
    List<java.awt.image.BufferedImage> shown = new java.util.ArrayList<>();
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models).build();
        org.bytedeco.javacv.FFmpegFrameGrabber grabber = new org.bytedeco.javacv.FFmpegFrameGrabber(file.toFile())) {
      grabber.start();
      CaptureEmbedding.analyseLive(grabber, analyzer, io.nvc.Calibration.manual(1.0), shown::add);
    }
    assertEquals(3, shown.size());
    assertEquals(640, shown.get(0).getWidth());
  }

  @Test
  void consoleCommandsAndKeysSetFingerAndSectorAndAskForSnapshots() {
    CaptureControls c = new CaptureControls(null, null);
    StringWriter err = new StringWriter();
    c.readCommands(new java.io.BufferedReader(new java.io.StringReader("finger r3\nsector b\nbogus\n\n")),
        new PrintWriter(err, true));
    assertEquals(Finger.R3, c.finger());
    assertEquals(Sector.B, c.sector());
    assertTrue(c.takeSnapshotRequest(), "an empty line is a snapshot");
    assertFalse(c.takeSnapshotRequest(), "one request, one snapshot");
    assertTrue(err.toString().contains("unknown command 'bogus'"), err.toString());
    assertTrue(c.stopRequested(), "the end of input stops like quit");

    CaptureControls keys = new CaptureControls(Finger.R5, Sector.PANORAMIC);
    keys.nextFinger();
    keys.nextSector();
    assertEquals("L1 A", keys.label());
    keys.nextSector();
    assertEquals(Sector.B, keys.sector());
  }

  @Test
  void theLatestFrameWinsWithThreeBuffersAndNoQueue() {
    CaptureExchange x = new CaptureExchange();
    Set<CaptureBuffer> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    CaptureBuffer held = null;
    int dropped = 0;
    for (int i = 1; i <= 1000; i++) {
      CaptureBuffer b = x.acquire();
      b.sequence = i;
      seen.add(b);
      if (x.publish(b)) {
        dropped++;
      }
      if (i % 7 == 0) {
        if (held != null) {
          x.release(held);
        }
        held = x.take();
        assertEquals(i, held.sequence, "the analyser gets the newest frame");
      }
    }
    assertEquals(3, seen.size(), "three buffers, reused");
    x.close();
    CaptureBuffer last = x.take();
    assertEquals(1000, last.sequence);
    assertNull(x.take());
    assertEquals(1000 - 1000 / 7 - 1, dropped, "every frame not taken was dropped, none queued");
  }
}
