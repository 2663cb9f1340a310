package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.ErrorCode;
import io.nvc.Finger;
import io.nvc.NvcException;
import io.nvc.Sector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.commons.imaging.Imaging;
import org.apache.commons.imaging.formats.jpeg.xmp.JpegXmpRewriter;
import org.apache.commons.imaging.formats.png.PngImageParser;
import org.apache.commons.imaging.formats.png.PngImagingParameters;
import org.apache.commons.imaging.formats.tiff.TiffImageParser;
import org.apache.commons.imaging.formats.tiff.TiffImagingParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips, privacy, safety and hardening of metadata in JPEG, PNG and TIFF files. */
class CaptureMetadataIOTest {

  @TempDir Path dir;

  static final CaptureMetadata FULL = new CaptureMetadata(Finger.R3, Sector.B, 200.0,
      new Calibration(0.52, 0.55, CalibrationSource.AUTOMATIC, 200.0, "Stage micrometer 10 um", 0.004),
      OffsetDateTime.of(2026, 11, 26, 10, 15, 30, 0, ZoneOffset.ofHours(1)), "CapiScope HD 200",
      "SN-00042", "CaptureSuite", "3.2.1", "P-123", "E-456");

  static BufferedImage picture() {
    BufferedImage img = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
    Random r = new Random(3);
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 96; x++) {
        img.setRGB(x, y, (x * 2) << 16 | (y * 3) << 8 | r.nextInt(256));
      }
    }
    return img;
  }

  static Path image(Path dir, String format) throws Exception {
    Path file = dir.resolve("capture." + format);
    String writer = format.equals("jpg") ? "jpeg" : format.equals("tif") ? "tiff" : format;
    assertTrue(ImageIO.write(picture(), writer, file.toFile()), "ImageIO writes " + format);
    return file;
  }

  static BufferedImage decode(Path file) throws Exception {
    return ImageIO.read(file.toFile());
  }

  static void assertSamePixels(BufferedImage a, BufferedImage b) {
    assertEquals(a.getWidth(), b.getWidth());
    assertEquals(a.getHeight(), b.getHeight());
    for (int y = 0; y < a.getHeight(); y++) {
      for (int x = 0; x < a.getWidth(); x++) {
        assertEquals(a.getRGB(x, y), b.getRGB(x, y), "pixel " + x + "," + y);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "png", "tif"})
  void everyFieldRoundTripsAndSurvivesRenaming(String format) throws Exception {
    Path file = image(dir, format);
    BufferedImage before = decode(file);
    List<String> warnings = CaptureMetadataIO.write(file, FULL, true);
    assertEquals(List.of(), warnings);
    assertSamePixels(before, decode(file));

    Path renamed = Files.move(file, dir.resolve("renamed-" + format + ".bin"));
    MetadataRead read = CaptureMetadataIO.read(renamed);
    assertEquals(List.of(), read.warnings());
    assertEquals(FULL, read.asStored().orElseThrow());
    Calibration c = read.metadata().orElseThrow().calibration();
    assertEquals(CalibrationSource.METADATA, c.source(), "the analyzer records METADATA");
    assertEquals(CalibrationSource.AUTOMATIC, read.storedCalibrationSource());
    assertEquals(0.52, c.micrometresPerPixelX());
    assertEquals(0.55, c.micrometresPerPixelY());
    assertEquals(0.004, c.relativeUncertainty());

    // Writing again replaces the SDK's properties rather than duplicating them (standard EXIF tags are
    // only ever set, never removed, so camera model and time remain there in JPEG and TIFF).
    CaptureMetadata changed = new CaptureMetadata(Finger.L1, Sector.PANORAMIC, null, null, null, null, null,
        null, null, null, null);
    CaptureMetadataIO.write(renamed, changed, false);
    CaptureMetadata again = CaptureMetadataIO.read(renamed).metadata().orElseThrow();
    assertEquals(Finger.L1, again.finger());
    assertEquals(Sector.PANORAMIC, again.sector());
    assertNull(again.calibration());
    assertNull(again.patientId());
    assertEquals(format.equals("png") ? null : "CapiScope HD 200", again.cameraModel());
    assertSamePixels(before, decode(renamed));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "tif"})
  void standardExifIsWrittenWhereTheFormatHasIt(String format) throws Exception {
    Path file = image(dir, format);
    CaptureMetadataIO.write(file, FULL, false);
    var exif = format.equals("jpg")
        ? ((org.apache.commons.imaging.formats.jpeg.JpegImageMetadata) Imaging.getMetadata(file.toFile())).getExif()
        : (org.apache.commons.imaging.formats.tiff.TiffImageMetadata) Imaging.getMetadata(file.toFile());
    assertEquals("CapiScope HD 200", exif.findField(
        org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants.TIFF_TAG_MODEL).getStringValue());
    assertEquals("CaptureSuite 3.2.1", exif.findField(
        org.apache.commons.imaging.formats.tiff.constants.TiffTagConstants.TIFF_TAG_SOFTWARE).getStringValue());
    assertEquals("2026:11:26 10:15:30", exif.findField(
        org.apache.commons.imaging.formats.tiff.constants.ExifTagConstants.EXIF_TAG_DATE_TIME_ORIGINAL)
        .getStringValue());
  }

  @Test
  void theFileKeepsItsPermissions() throws Exception {
    Path file = image(dir, "png");
    var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----");
    try {
      Files.setPosixFilePermissions(file, mode);
    } catch (UnsupportedOperationException e) {
      org.junit.jupiter.api.Assumptions.abort("not a POSIX file system");
    }
    CaptureMetadataIO.write(file, FULL, false);
    assertEquals(mode, Files.getPosixFilePermissions(file));
  }

  @Test
  void jpegImageDataIsNotReencoded() throws Exception {
    Path file = image(dir, "jpg");
    byte[] before = Files.readAllBytes(file);
    CaptureMetadataIO.write(file, FULL, false);
    byte[] after = Files.readAllBytes(file);
    // The entropy-coded scan (from the start-of-scan marker to the end) is byte for byte the same.
    assertArrayEquals(scan(before), scan(after));
  }

  private static byte[] scan(byte[] jpeg) {
    for (int i = 0; i + 1 < jpeg.length; i++) {
      if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xda) {
        return java.util.Arrays.copyOfRange(jpeg, i, jpeg.length);
      }
    }
    throw new AssertionError("no start-of-scan marker");
  }

  @Test
  void identifiersAreLeftOutUnlessTheCallerOptsIn() throws Exception {
    Path file = image(dir, "png");
    CaptureMetadataIO.write(file, FULL, true);
    assertEquals("P-123", CaptureMetadataIO.read(file).metadata().orElseThrow().patientId());
    CaptureMetadataIO.write(file, FULL, false);
    CaptureMetadata m = CaptureMetadataIO.read(file).metadata().orElseThrow();
    assertNull(m.patientId());
    assertNull(m.examinationId());
    assertFalse(Imaging.getXmpXml(file.toFile()).contains("P-123"), "no trace of the identifier remains");
    assertEquals(Finger.R3, m.finger());
  }

  @Test
  void otherVendorsXmpIsKept() throws Exception {
    Path file = image(dir, "jpg");
    String foreign = "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        + "<rdf:Description rdf:about='' xmlns:dc='http://purl.org/dc/elements/1.1/' dc:format='image/jpeg'"
        + " xmlns:nvc='http://ns.nvc.io/capture/1.0/' nvc:Finger='L5'/></rdf:RDF></x:xmpmeta>";
    rewriteJpegXmp(file, foreign);
    assertEquals(Finger.L5, CaptureMetadataIO.read(file).metadata().orElseThrow().finger(), "attribute form");
    CaptureMetadataIO.write(file, FULL, false);
    String xmp = Imaging.getXmpXml(file.toFile());
    assertTrue(xmp.contains("image/jpeg"), xmp);
    assertFalse(xmp.contains("L5"), xmp);
    assertEquals(Finger.R3, CaptureMetadataIO.read(file).metadata().orElseThrow().finger());
  }

  static void rewriteJpegXmp(Path file, String xmp) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JpegXmpRewriter().updateXmpXml(Files.readAllBytes(file), out, xmp);
    Files.write(file, out.toByteArray());
  }

  static void writePngWithXmp(Path file, String xmp) throws Exception {
    PngImagingParameters p = new PngImagingParameters();
    p.setXmpXml(xmp);
    try (var out = Files.newOutputStream(file)) {
      new PngImageParser().writeImage(picture(), out, p);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "png", "tif"})
  void anXxePayloadReadsNoLocalFileAndDoesNotFail(String format) throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-CONTENT");
    String xxe = "<?xml version='1.0'?><!DOCTYPE x:xmpmeta [<!ENTITY xxe SYSTEM '" + secret.toUri() + "'>]>"
        + "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
        + "<rdf:Description rdf:about='' xmlns:nvc='http://ns.nvc.io/capture/1.0/'>"
        + "<nvc:CameraModel>&xxe;</nvc:CameraModel><nvc:MicrometresPerPixelX>0.5</nvc:MicrometresPerPixelX>"
        + "</rdf:Description></rdf:RDF></x:xmpmeta>";
    Path file = dir.resolve("xxe." + format);
    switch (format) {
      case "jpg" -> {
        image(dir, "jpg");
        Files.move(dir.resolve("capture.jpg"), file);
        rewriteJpegXmp(file, xxe);
      }
      case "png" -> writePngWithXmp(file, xxe);
      default -> {
        TiffImagingParameters p = new TiffImagingParameters();
        p.setXmpXml(xxe);
        try (var out = Files.newOutputStream(file)) {
          new TiffImageParser().writeImage(picture(), out, p);
        }
      }
    }
    assertTrue(Imaging.getXmpXml(file.toFile()).contains("DOCTYPE"), "the payload is in the file");
    MetadataRead read = CaptureMetadataIO.read(file);
    assertTrue(read.metadata().isEmpty(), "nothing from the hostile packet is used: " + read);
    assertEquals(1, read.warnings().size(), read.warnings().toString());
    assertTrue(read.warnings().get(0).contains("DOCTYPE"), read.warnings().get(0));
    assertFalse(read.toJson().contains("TOP-SECRET"), read.toJson());
    assertTrue(new XmpMetadataReader().read(file).isEmpty());
    // Writing over it replaces the hostile packet.
    List<String> warnings = CaptureMetadataIO.write(file, FULL, false);
    assertTrue(warnings.get(0).contains("DOCTYPE"), warnings.toString());
    assertFalse(Imaging.getXmpXml(file.toFile()).contains("DOCTYPE"));
    assertEquals(Finger.R3, CaptureMetadataIO.read(file).metadata().orElseThrow().finger());
  }

  @Test
  void malformedAndForeignMetadataAreWarningsNotFailures() throws Exception {
    Path notXml = dir.resolve("not-xml.png");
    writePngWithXmp(notXml, "this is <not xml");
    MetadataRead r = CaptureMetadataIO.read(notXml);
    assertTrue(r.metadata().isEmpty());
    assertTrue(r.warnings().get(0).startsWith("the XMP packet is not valid XML"), r.warnings().toString());

    Path badValues = dir.resolve("bad-values.png");
    writePngWithXmp(badValues, "<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF"
        + " xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about=''"
        + " xmlns:nvc='http://ns.nvc.io/capture/1.0/' nvc:Finger='R9' nvc:Sector='C'"
        + " nvc:MicrometresPerPixelX='-1' nvc:CapturedAt='yesterday' nvc:Magnification='lots'/>"
        + "</rdf:RDF></x:xmpmeta>");
    r = CaptureMetadataIO.read(badValues);
    assertEquals(Sector.C, r.metadata().orElseThrow().sector());
    assertNull(r.metadata().orElseThrow().calibration());
    assertEquals(4, r.warnings().size(), r.warnings().toString());
    assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("nvc:Finger: unknown finger 'R9'")),
        r.warnings().toString());
    assertTrue(r.warnings().stream().anyMatch(w -> w.contains("nvc:MicrometresPerPixelX: expected micrometres"
        + " per pixel > 0, found -1")), r.warnings().toString());

    Path huge = dir.resolve("huge.png");
    writePngWithXmp(huge, "<a>" + "x".repeat(XmpCodec.MAX_PACKET_CHARS) + "</a>");
    r = CaptureMetadataIO.read(huge);
    assertTrue(r.warnings().get(0).contains("more than the limit"), r.warnings().toString());

    Path none = image(dir, "png");
    r = CaptureMetadataIO.read(none);
    assertTrue(r.metadata().isEmpty());
    assertEquals(List.of(), r.warnings());

    Path bmp = dir.resolve("a.bmp");
    ImageIO.write(picture(), "bmp", bmp.toFile());
    r = CaptureMetadataIO.read(bmp);
    assertTrue(r.metadata().isEmpty());
    assertTrue(r.warnings().get(0).startsWith("not a JPEG, PNG or TIFF file"), r.warnings().toString());
    assertTrue(new XmpMetadataReader().read(bmp).isEmpty(), "the analyzer's reader skips it quietly");
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpg", "png", "tif"})
  void truncatedOrCorruptedFilesNeverCrashTheReader(String format) throws Exception {
    Path file = image(dir, format);
    CaptureMetadataIO.write(file, FULL, true);
    byte[] good = Files.readAllBytes(file);
    Random random = new Random(format.hashCode());
    Path bad = dir.resolve("bad." + format);
    for (int trial = 0; trial < 60; trial++) {
      byte[] b;
      if (trial < 20) {
        b = java.util.Arrays.copyOf(good, 1 + random.nextInt(good.length - 1));
      } else {
        b = good.clone();
        for (int i = 0; i < 1 + trial / 10; i++) {
          b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
      }
      Files.write(bad, b);
      try {
        MetadataRead r = CaptureMetadataIO.read(bad);
        assertTrue(r.warnings() != null);
        new XmpMetadataReader().read(bad);
      } catch (NvcException e) {
        assertEquals(ErrorCode.IO, e.code(), "only I/O failures are exceptions: " + e.getMessage());
      }
      try {
        CaptureMetadataIO.write(bad, FULL, false);
      } catch (NvcException e) {
        assertTrue(e.getMessage().contains("bad." + format), e.getMessage());
      }
    }
  }

  @Test
  void writingANonImageFailsClearlyAndLeavesTheFileAlone() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.jpg"), "not an image", StandardCharsets.UTF_8);
    NvcException e = assertThrows(NvcException.class, () -> CaptureMetadataIO.write(text, FULL, false));
    assertEquals(ErrorCode.IMAGE_UNREADABLE, e.code());
    assertTrue(e.getMessage().contains("notes.jpg"), e.getMessage());
    assertEquals("not an image", Files.readString(text));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left behind");
    }
    NvcException missing = assertThrows(NvcException.class,
        () -> CaptureMetadataIO.read(dir.resolve("missing.png")));
    assertEquals(ErrorCode.IO, missing.code());
  }

  @Test
  void jsonListsTheStoredFields() throws Exception {
    Path file = image(dir, "png");
    CaptureMetadataIO.write(file, FULL, false);
    String json = CaptureMetadataIO.read(file).toJson();
    assertTrue(json.contains("\"finger\" : \"R3\""), json);
    assertTrue(json.contains("\"source\" : \"AUTOMATIC\""), json);
    assertTrue(json.contains("\"capturedAt\" : \"2026-11-26T10:15:30+01:00\""), json);
    assertTrue(json.contains("\"warnings\" : [ ]"), json);
  }
}
