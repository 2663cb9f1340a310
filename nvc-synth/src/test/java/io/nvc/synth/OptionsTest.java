package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

  @Test
  void profileNamesRoundTripAndUnknownNamesListTheValidOnes() {
    for (Profile p : Profile.values()) {
      assertEquals(p, Profile.fromName(p.cliName()));
      assertEquals(p, Profile.fromName(" " + p.cliName().toUpperCase(java.util.Locale.ROOT) + " "));
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Profile.fromName("sclero"));
    assertTrue(e.getMessage().contains("sclero") && e.getMessage().contains("scleroderma-active, scleroderma-late, mixed"),
        e.getMessage());
  }

  @Test
  void formatNames() {
    assertEquals(ImageFormat.JPG, ImageFormat.fromName("JPEG"));
    assertEquals(ImageFormat.PNG, ImageFormat.fromName("png"));
    assertThrows(IllegalArgumentException.class, () -> ImageFormat.fromName("tiff"));
  }

  @Test
  void defaultsAndCopies() {
    SynthOptions d = SynthOptions.defaults();
    assertEquals(1280, d.width());
    assertEquals(1024, d.height());
    assertTrue(d.minUmPerPx() <= 1.0 && d.maxUmPerPx() >= 1.0);
    SynthOptions c = d.withSize(640, 480).withUmPerPx(2, 3).withProfile(Profile.SCLERODERMA_LATE)
        .withFormat(ImageFormat.JPG).withJpegQuality(50, 60).withClean(true);
    assertEquals(new SynthOptions(640, 480, 2, 3, Profile.SCLERODERMA_LATE, ImageFormat.JPG, 50, 60, true), c);
    assertEquals(SynthOptions.defaults(), d, "copies leave the original alone");
  }

  @ParameterizedTest
  @CsvSource({
      "63, 100, 1, 1, 50, 60, width",
      "100, 8193, 1, 1, 50, 60, height",
      "100, 100, 0.4, 1, 50, 60, micrometres",
      "100, 100, 2, 1, 50, 60, micrometres",
      "100, 100, 1, 9, 50, 60, micrometres",
      "100, 100, 1, 1, 0, 60, JPEG",
      "100, 100, 1, 1, 70, 60, JPEG",
      "100, 100, 1, 1, 50, 101, JPEG"})
  void invalidOptionsAreRejectedWithExpectedAndFound(int w, int h, double min, double max, int qMin, int qMax,
      String what) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new SynthOptions(w, h, min, max, Profile.NORMAL, ImageFormat.PNG, qMin, qMax, false));
    assertTrue(e.getMessage().contains(what) && e.getMessage().contains("expected")
        && e.getMessage().contains("found"), e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
      "19.99, 10, 19.99, NORMAL",
      "20, 10, 12, ENLARGED",
      "14, 20, 20, ENLARGED",
      "14, 11, 20, ENLARGED",
      "49.99, 30, 40, ENLARGED",
      "50, 30, 40, GIANT",
      "80, 60, 70, GIANT"})
  void sizeClassFollowsEular(double apical, double arterial, double venous, SizeClass expected) {
    assertEquals(expected, SizeClass.fromCalibres(apical, arterial, venous));
  }

  @Test
  void recordsValidate() {
    assertThrows(IllegalArgumentException.class, () -> SizeClass.fromCalibres(0, 10, 10));
    assertThrows(IllegalArgumentException.class, () -> new Keypoint(1, 2, 3));
    assertThrows(IllegalArgumentException.class, () -> new BoundingBox(0, 0, -1, 1));
    Keypoint k = new Keypoint(1, 1, 2);
    List<Keypoint> six = List.of(k, k, k, k, k, k);
    BoundingBox box = new BoundingBox(0, 0, 10, 10);
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 14, 12, 11, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 25, 11, 12, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.GIANT, true, six, 60, 40, 50, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, List.of(k), 14, 11, 12, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 14, 11, 12, Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 14, 11, 12, -0.01));
    assertTrue(new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 14, 11, 12, 0.019).faint());
    assertFalse(new CapillaryTruth(box, MorphologyClass.NORMAL, SizeClass.NORMAL, true, six, 14, 11, 12, 0.02).faint());
    new CapillaryTruth(box, MorphologyClass.GIANT, SizeClass.GIANT, true, six, 60, 40, 50, 0.1);
  }
}
