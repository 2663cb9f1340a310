package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceProfilesTest {

  @TempDir Path dir;

  static final String USER = """
      {
        "format": "nvc.device-profiles/1",
        "profiles": [
          {"vendor": "Acme", "model": "CapScope", "cameraModels": ["ACME CS-200 USB", "CS200"],
           "magnification": 200, "widthPx": 1600, "heightPx": 1200,
           "micrometresPerPixelX": 0.8, "relativeUncertainty": 0.02,
           "source": "measured with a 10 um stage micrometer, lab X, 2026-10-01"},
          {"vendor": "Acme", "model": "CapScope", "magnification": 50, "widthPx": 1600, "heightPx": 1200,
           "micrometresPerPixelX": 3.2, "micrometresPerPixelY": 3.3,
           "source": "nominal: verify with a stage micrometer"}
        ]
      }
      """;

  @Test
  void theBuiltInCatalogueLoads() {
    for (DeviceProfile p : DeviceProfiles.builtIn().profiles()) {
      assertTrue(p.source().startsWith("nominal: verify with a stage micrometer") || !p.source().isBlank());
    }
  }

  @Test
  void looksUpByCameraModelMagnificationAndResolution() throws Exception {
    Path file = Files.writeString(dir.resolve("mine.json"), USER);
    DeviceProfiles catalogue = DeviceProfiles.builtIn().withFile(file);
    Calibration c = catalogue.calibration(" acme cs-200 usb ", 200.0, 1600, 1200).orElseThrow();
    assertEquals(0.8, c.micrometresPerPixelX());
    assertEquals(0.8, c.micrometresPerPixelY());
    assertEquals(CalibrationSource.DEVICE_PROFILE, c.source());
    assertEquals(0.02, c.relativeUncertainty());
    assertEquals(200.0, c.magnification());
    assertEquals("Acme CapScope", c.device());
    // Half the resolution, same aspect: twice the pixel size.
    assertEquals(1.6, catalogue.calibration("CS200", 200.0, 800, 600).orElseThrow().micrometresPerPixelX(), 1e-12);
    // The model name matches too; at 50x the second entry.
    Calibration low = catalogue.calibration("CapScope", 50.0, 1600, 1200).orElseThrow();
    assertEquals(3.3, low.micrometresPerPixelY());
    // Without a magnification the two entries disagree: no answer rather than a guess.
    assertTrue(catalogue.find("CapScope", null, 1600, 1200).isEmpty());
    assertTrue(catalogue.find("CS200", null, 1600, 1200).isPresent(), "only one entry lists CS200");
    assertTrue(catalogue.find("Other", 200.0, 1600, 1200).isEmpty());
    assertTrue(catalogue.find("CS200", 200.0, 1600, 900).isEmpty(), "another aspect ratio is a crop");
    assertTrue(catalogue.find("CS200", 400.0, 1600, 1200).isEmpty());
  }

  @Test
  void newerFormatsAndBadFilesAreRefusedClearly() throws Exception {
    Path newer = Files.writeString(dir.resolve("newer.json"),
        "{\"format\": \"nvc.device-profiles/2\", \"profiles\": []}");
    NvcException e = assertThrows(NvcException.class, () -> DeviceProfiles.empty().withFile(newer));
    assertEquals(ErrorCode.UNSUPPORTED_VERSION, e.code());
    assertTrue(e.getMessage().contains("newer than this SDK understands"), e.getMessage());

    Path wrong = Files.writeString(dir.resolve("wrong.json"), "{\"format\": \"something\"}");
    e = assertThrows(NvcException.class, () -> DeviceProfiles.empty().withFile(wrong));
    assertTrue(e.getMessage().contains("expected \"format\": \"nvc.device-profiles/1\", found 'something'"),
        e.getMessage());

    Path bad = Files.writeString(dir.resolve("bad.json"), USER.replace("\"micrometresPerPixelX\": 0.8", "\"micrometresPerPixelX\": -0.8"));
    e = assertThrows(NvcException.class, () -> DeviceProfiles.empty().withFile(bad));
    assertTrue(e.getMessage().contains("profile 0: micrometresPerPixelX must be > 0, found -0.8"), e.getMessage());

    Path noSource = Files.writeString(dir.resolve("nosource.json"), USER.replace(
        "\"source\": \"nominal: verify with a stage micrometer\"", "\"comment\": \"\""));
    e = assertThrows(NvcException.class, () -> DeviceProfiles.empty().withFile(noSource));
    assertTrue(e.getMessage().contains("profile 1: source must be a string, found none"), e.getMessage());

    Path notJson = Files.writeString(dir.resolve("x.json"), "{");
    assertEquals(ErrorCode.IO, assertThrows(NvcException.class, () -> DeviceProfiles.empty().withFile(notJson)).code());
    assertEquals(ErrorCode.IO, assertThrows(NvcException.class,
        () -> DeviceProfiles.empty().withFile(dir.resolve("missing.json"))).code());
  }
}
