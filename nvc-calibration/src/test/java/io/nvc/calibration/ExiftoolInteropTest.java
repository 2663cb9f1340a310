package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.Sector;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ExifTool reads what the SDK writes, and the SDK reads what ExifTool writes (with the user configuration
 * of docs/calibration.md). Skipped where exiftool is not installed; {@code .ci/run} installs it.
 */
class ExiftoolInteropTest {

  @TempDir Path dir;

  @BeforeAll
  static void needsExiftool() {
    boolean found;
    try {
      found = run(List.of("exiftool", "-ver")).exit == 0;
    } catch (IOException e) {
      found = false;
    }
    Assumptions.assumeTrue(found, "exiftool is not installed (Debian: libimage-exiftool-perl)");
  }

  record Result(int exit, String out) {}

  static Result run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("exiftool did not finish in 60 s");
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static JsonNode exiftoolJson(Path file, String... tags) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("exiftool", "-j", "-a", "-G1", "-n"));
    cmd.addAll(List.of(tags));
    cmd.add(file.toString());
    Result r = run(cmd);
    assertEquals(0, r.exit(), r.out());
    return new ObjectMapper().readTree(r.out()).get(0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "png", "tif"})
  void exiftoolReadsWhatTheSdkWrites(String format) throws Exception {
    Path file = CaptureMetadataIOTest.image(dir, format);
    CaptureMetadataIO.write(file, CaptureMetadataIOTest.FULL, true);
    JsonNode xmp = exiftoolJson(file, "-xmp:all");
    assertEquals("R3", xmp.path("XMP-nvc:Finger").asText(), xmp.toPrettyString());
    assertEquals("B", xmp.path("XMP-nvc:Sector").asText(), xmp.toPrettyString());
    assertEquals(200, xmp.path("XMP-nvc:Magnification").asDouble(), xmp.toPrettyString());
    assertEquals(0.52, xmp.path("XMP-nvc:MicrometresPerPixelX").asDouble(), xmp.toPrettyString());
    assertEquals(0.55, xmp.path("XMP-nvc:MicrometresPerPixelY").asDouble(), xmp.toPrettyString());
    assertEquals("AUTOMATIC", xmp.path("XMP-nvc:CalibrationSource").asText(), xmp.toPrettyString());
    assertEquals(0.004, xmp.path("XMP-nvc:CalibrationUncertainty").asDouble(), xmp.toPrettyString());
    assertEquals("CapiScope HD 200", xmp.path("XMP-nvc:CameraModel").asText(), xmp.toPrettyString());
    assertEquals("SN-00042", xmp.path("XMP-nvc:CameraId").asText(), xmp.toPrettyString());
    assertEquals("CaptureSuite", xmp.path("XMP-nvc:Software").asText(), xmp.toPrettyString());
    assertEquals("3.2.1", xmp.path("XMP-nvc:SoftwareVersion").asText(), xmp.toPrettyString());
    assertEquals("E-456", xmp.path("XMP-nvc:ExaminationId").asText(), xmp.toPrettyString());
    assertEquals("Stage micrometer 10 um", xmp.path("XMP-nvc:CalibrationDevice").asText(), xmp.toPrettyString());
    assertEquals("P-123", xmp.path("XMP-nvc:PatientId").asText(), xmp.toPrettyString());
    assertEquals("CapiScope HD 200", xmp.path("XMP-tiff:Model").asText(), xmp.toPrettyString());
    assertEquals("CaptureSuite 3.2.1", xmp.path("XMP-xmp:CreatorTool").asText(), xmp.toPrettyString());
    assertTrue(xmp.path("XMP-nvc:CapturedAt").asText().startsWith("2026"), xmp.toPrettyString());
    if (!format.equals("png")) {
      JsonNode exif = exiftoolJson(file, "-exif:all");
      assertEquals("CapiScope HD 200", exif.path("IFD0:Model").asText(), exif.toPrettyString());
      assertEquals("CaptureSuite 3.2.1", exif.path("IFD0:Software").asText(), exif.toPrettyString());
      assertEquals("2026:11:26 10:15:30", exif.path("ExifIFD:DateTimeOriginal").asText(), exif.toPrettyString());
      assertEquals("+01:00", exif.path("ExifIFD:OffsetTimeOriginal").asText(), exif.toPrettyString());
    }
    Result validate = run(List.of("exiftool", "-validate", "-warning", "-a", file.toString()));
    assertEquals(0, validate.exit(), validate.out());
    assertTrue(!validate.out().contains("XMP"), "no XMP warnings: " + validate.out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "png", "tif"})
  void theSdkReadsWhatExiftoolWrites(String format) throws Exception {
    Path config = Path.of(ExiftoolInteropTest.class.getResource("/nvc.exiftool_config").toURI());
    Path file = CaptureMetadataIOTest.image(dir, format);
    Result r = run(List.of("exiftool", "-config", config.toString(), "-overwrite_original",
        "-XMP-nvc:Finger=L2", "-XMP-nvc:Sector=D", "-XMP-nvc:Magnification=300",
        "-XMP-nvc:MicrometresPerPixelX=0.75", "-XMP-nvc:MicrometresPerPixelY=0.8",
        "-XMP-nvc:CalibrationSource=MANUAL", "-XMP-nvc:CalibrationUncertainty=0.02",
        "-XMP-nvc:CapturedAt=2025:03:04 05:06:07-05:00", "-XMP-nvc:CameraModel=Scope X",
        "-XMP-nvc:CameraId=ID-9", "-XMP-nvc:Software=Capture", "-XMP-nvc:SoftwareVersion=1.0",
        "-XMP-nvc:ExaminationId=EX-1", file.toString()));
    assertEquals(0, r.exit(), r.out());
    MetadataRead read = CaptureMetadataIO.read(file);
    assertEquals(List.of(), read.warnings());
    CaptureMetadata m = read.metadata().orElseThrow();
    assertEquals(Finger.L2, m.finger());
    assertEquals(Sector.D, m.sector());
    assertEquals(300.0, m.magnification());
    assertEquals(0.75, m.calibration().micrometresPerPixelX());
    assertEquals(0.8, m.calibration().micrometresPerPixelY());
    assertEquals(0.02, m.calibration().relativeUncertainty());
    assertEquals(CalibrationSource.METADATA, m.calibration().source());
    assertEquals(CalibrationSource.MANUAL, read.storedCalibrationSource());
    assertEquals(OffsetDateTime.parse("2025-03-04T05:06:07-05:00"), m.capturedAt());
    assertEquals("Scope X", m.cameraModel());
    assertEquals("ID-9", m.cameraId());
    assertEquals("Capture", m.software());
    assertEquals("1.0", m.softwareVersion());
    assertEquals("EX-1", m.examinationId());

    // Standard tags written by exiftool alone fill the fields the SDK's namespace leaves empty.
    Path plain = CaptureMetadataIOTest.image(Files.createDirectories(dir.resolve("plain")), format);
    Result std = run(List.of("exiftool", "-overwrite_original", "-EXIF:Model=Cam 7", "-EXIF:Software=Grabber 2",
        "-EXIF:DateTimeOriginal=2024:01:02 03:04:05", "-EXIF:OffsetTimeOriginal=+02:00", plain.toString()));
    assertEquals(0, std.exit(), std.out());
    if (!format.equals("png")) {
      CaptureMetadata s = CaptureMetadataIO.read(plain).metadata().orElseThrow();
      assertEquals("Cam 7", s.cameraModel());
      assertEquals("Grabber 2", s.software());
      assertEquals(OffsetDateTime.parse("2024-01-02T03:04:05+02:00"), s.capturedAt());
    }
    Files.deleteIfExists(plain);
  }
}
