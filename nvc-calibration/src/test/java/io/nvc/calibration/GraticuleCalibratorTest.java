package io.nvc.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.CalibrationSource;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.calibration.GraticuleRender.Spec;
import java.awt.image.BufferedImage;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Graticule calibration on exact renders: every case within 1 % of the true scale. */
class GraticuleCalibratorTest {

  static final double PITCH_UM = 10;

  static Stream<Spec> renders() {
    return Stream.of(
        new Spec("axis-aligned", 800, 600, 20.0, 0, 3, 0, 0, false, false, 1),
        new Spec("rotated 17.3 deg", 800, 600, 13.7, 17.3, 2.5, 0.6, 0, false, false, 2),
        new Spec("horizontal ticks (90 deg)", 640, 800, 25.3, 90, 3, 0.8, 3, false, false, 3),
        new Spec("steep -52 deg, blur 1.5", 800, 600, 11.2, 128, 2.5, 1.5, 3, false, false, 4),
        new Spec("noise sigma 25 at 33 deg", 800, 600, 16.4, 33, 3, 1.0, 25, false, false, 5),
        new Spec("occluded at 71 deg", 800, 600, 18.9, 71, 3, 1.0, 5, true, false, 6),
        new Spec("fine 6.3 px period at 8 deg", 800, 600, 6.3, 8, 2, 0.8, 8, false, false, 7),
        new Spec("coarse 48.5 px period at 141 deg", 1024, 768, 48.5, 141, 4, 2.0, 10, false, false, 8),
        new Spec("light on dark, occluded, noisy, 24 deg", 800, 600, 15.1, 24, 3, 1.2, 15, true, true, 9),
        new Spec("uneven light, JPEG q0.6, 100 deg", 800, 600, 9.8, 100, 2, 1.0, 6, false, false, 10, true),
        new Spec("partly occluded, 12.5 px, 160 deg, JPEG q0.6", 800, 600, 12.5, 160, 2.5, 1.2, 10, true,
            false, 11, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void measuresTheScaleWithinOnePercent(Spec spec) throws NvcException {
    BufferedImage image = GraticuleRender.draw(spec);
    if (spec.name().contains("JPEG")) {
      image = jpeg(image, 0.6f);
    }
    GraticuleCalibrator.Result r = new GraticuleCalibrator().calibrate(image, PITCH_UM);
    double truth = PITCH_UM / spec.periodPx();
    double error = r.micrometresPerPixel() / truth - 1;
    System.out.printf(Locale.ROOT,
        "graticule %-40s truth %.5f um/px measured %.5f error %+.4f %% (reported +-%.4f %%) angle %.2f"
            + " ticks %d confidence %.2f%n",
        spec.name(), truth, r.micrometresPerPixel(), 100 * error, 100 * r.relativeUncertainty(),
        r.angleDegrees(), r.ticks(), r.confidence());
    assertTrue(Math.abs(error) < 0.01, spec.name() + ": error " + 100 * error + " %");
    assertEquals(CalibrationSource.AUTOMATIC, r.calibration().source());
    assertEquals(r.relativeUncertainty(), r.calibration().relativeUncertainty());
    assertTrue(r.relativeUncertainty() < 0.01, "uncertainty " + r.relativeUncertainty());
    double angleError = Math.abs(((r.angleDegrees() - spec.angleDegrees()) % 180 + 270) % 180 - 90);
    assertTrue(angleError < 1, "angle " + r.angleDegrees() + " expected " + spec.angleDegrees());
    assertTrue(r.ticks() >= 5);
  }

  /** The image after a round trip through a JPEG of the given quality. */
  static BufferedImage jpeg(BufferedImage image, float quality) {
    try {
      javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
      javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality);
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (var out = javax.imageio.ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
      }
      writer.dispose();
      return javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void noiseWithoutTicksIsAClearError() {
    BufferedImage noise = new BufferedImage(400, 300, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(42);
    for (int y = 0; y < 300; y++) {
      for (int x = 0; x < 400; x++) {
        int g = random.nextInt(256);
        noise.setRGB(x, y, (g << 16) | (g << 8) | g);
      }
    }
    NvcException e = assertThrows(NvcException.class, () -> new GraticuleCalibrator().calibrate(noise, 10));
    assertEquals(ErrorCode.IMAGE_UNSUPPORTED, e.code());
    assertTrue(e.getMessage().startsWith("no evenly spaced graticule ticks found"), e.getMessage());

    BufferedImage blank = new BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB);
    assertThrows(NvcException.class, () -> new GraticuleCalibrator().calibrate(blank, 10));
  }

  @Test
  void rejectsBadArguments() {
    BufferedImage img = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
    assertThrows(IllegalArgumentException.class, () -> new GraticuleCalibrator().calibrate(img, 0));
    assertThrows(IllegalArgumentException.class, () -> new GraticuleCalibrator().calibrate(null, 10));
    assertThrows(IllegalArgumentException.class, () -> new GraticuleCalibrator.Options(1, 0));
    assertThrows(IllegalArgumentException.class, () -> new GraticuleCalibrator.Options(10, 5));
    NvcException e = assertThrows(NvcException.class,
        () -> new GraticuleCalibrator().calibrate(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB), 10));
    assertEquals(ErrorCode.IMAGE_SIZE, e.code());
  }
}
