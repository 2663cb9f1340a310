package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.Sector;
import io.nvc.spi.MetadataReader;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 6, item 4: the analyzer takes the calibration from the file's XMP when the caller gives none. */
class AnalyzerMetadataTest {

  @TempDir Path dir;

  static final List<Capillary> SCENE = List.of(
      Capillary.upright(0, 150, 200, 90, 12, 10, 14, 0),
      Capillary.upright(1, 350, 200, 90, 24, 12, 16, 1),
      Capillary.upright(3, 600, 220, 130, 60, 30, 34, 2));

  @Test
  void analyzeUsesTheCalibrationInTheFilesMetadata() throws Exception {
    BufferedImage img = MarkerScene.draw(800, 400, BufferedImage.TYPE_3BYTE_BGR, SCENE, List.of());
    Path file = dir.resolve("capture.png");
    ImageIO.write(img, "png", file.toFile());
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker").models(models).build()) {
      ImageAnalysis plain = analyzer.analyze(file, null);
      assertNull(plain.calibration(), "no metadata yet");
      assertNull(plain.summary().densityPerMm());

      CaptureMetadata m = new CaptureMetadata(Finger.R3, Sector.B, 200.0,
          Calibrations.ofMicrometresPerPixel(0.5, 0.5), null, null, null, null, null, null, null);
      CaptureMetadataIO.write(file, m, false);
      ImageAnalysis a = analyzer.analyze(file, null);
      assertEquals(CalibrationSource.METADATA, a.calibration().source());
      assertEquals(0.5, a.calibration().micrometresPerPixel());
      assertEquals("METADATA", a.provenance().calibrationSource());
      assertNotNull(a.summary().densityPerMm(), "densities in per mm");
      assertTrue(a.summary().densityPerMm() > 0);
    }
  }

  @Test
  void theModuleExportsItsApiAndProvidesTheReader() throws Exception {
    java.lang.module.ModuleDescriptor d;
    try (var in = java.nio.file.Files.newInputStream(Path.of("target/classes/module-info.class"))) {
      d = java.lang.module.ModuleDescriptor.read(in);
    }
    assertEquals("io.nvc.calibration", d.name());
    assertEquals(java.util.Set.of("io.nvc.calibration"),
        d.exports().stream().map(java.lang.module.ModuleDescriptor.Exports::source)
            .collect(java.util.stream.Collectors.toSet()));
    assertEquals(List.of("io.nvc.calibration.XmpMetadataReader"), d.provides().stream()
        .filter(p -> p.service().equals(MetadataReader.class.getName())).findFirst().orElseThrow().providers());
  }

  @Test
  void theXmpReaderIsRegisteredAboveTheTestReader() {
    List<MetadataReader> readers = ServiceLoader.load(MetadataReader.class).stream()
        .map(ServiceLoader.Provider::get).toList();
    assertTrue(readers.stream().anyMatch(r -> r instanceof XmpMetadataReader), readers.toString());
    assertTrue(readers.stream().allMatch(r -> r instanceof XmpMetadataReader
        || r.priority() < XmpMetadataReader.PRIORITY), readers.toString());
  }
}
