package io.nvc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvc.Point;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Resampling into model inputs: area averages, bilinear centres, padding, clamping, normalisation. */
class TensorPackerTest {

  static InputSpec spec(int w, int h, boolean nchw, boolean bgr) {
    return new InputSpec("x", 1, w, h, nchw, bgr, 1.0, List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0), 7);
  }

  static Frame ramp(int w, int h) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, (x % 256) << 16 | (y % 256) << 8 | 100);
      }
    }
    return Frame.of(img);
  }

  @Test
  void shrinkingAveragesTheCoveredPixels() {
    Frame f = ramp(16, 16);
    float[] out = new float[3 * 8 * 8];
    TensorPacker.pack(f, new Placement(0, 0, 2, 2, 0), spec(8, 8, true, false), out, 0, false);
    // Model pixel (u, v) covers image columns 2u, 2u+1: mean red 2u + 0.5, mean green 2v + 0.5.
    assertEquals(2 * 3 + 0.5, out[5 * 8 + 3], 1e-5);
    assertEquals(2 * 5 + 0.5, out[64 + 5 * 8 + 3], 1e-5);
    assertEquals(100, out[128 + 5 * 8 + 3], 1e-5);
  }

  @ParameterizedTest(name = "{0} quarter turns")
  @ValueSource(ints = {0, 1, 2, 3})
  void turnedCropsShowTheRegionTurnedAndMapBackToIt(int turns) {
    Frame f = ramp(40, 30);
    Crop crop = new Crop(new Placement(10, 5, 1, 1, 0), turns, 10, 8);
    float[] out = new float[3 * 10 * 8];
    TensorPacker.pack(f, crop, spec(10, 8, true, false), out, 0);
    for (int v = 0; v < 8; v++) {
      for (int u = 0; u < 10; u++) {
        // The model pixel shows the image pixel its centre maps back to (red = x, green = y).
        Point p = crop.toImage(u + 0.5, v + 0.5);
        assertEquals(Math.floor(p.x()), out[v * 10 + u], 1e-5, "red at model " + u + ", " + v);
        assertEquals(Math.floor(p.y()), out[80 + v * 10 + u], 1e-5, "green at model " + u + ", " + v);
      }
    }
    if (turns == 1) {
      // One counter-clockwise turn: the image's right is the input's up; the region is 8 wide, 10 high.
      assertEquals(17, out[0], 1e-5);
      assertEquals(10, out[7 * 10], 1e-5);
      assertEquals(14, out[80 + 9], 1e-5);
    }
  }

  @Test
  void enlargingInterpolatesAtPixelCentres() {
    Frame f = ramp(8, 8);
    float[] out = new float[3 * 16 * 16];
    TensorPacker.pack(f, new Placement(0, 0, 0.5, 0.5, 0), spec(16, 16, false, false), out, 0, false);
    // Model pixel 5 has its centre at image x = 2.75, between pixel centres 2.5 and 3.5.
    assertEquals(2.25, out[(0 * 16 + 5) * 3], 1e-5);
  }

  @Test
  void outsideTheImageIsPaddedOrClamped() {
    Frame f = ramp(8, 8);
    float[] padded = new float[3 * 8 * 8];
    TensorPacker.pack(f, new Placement(-2, 0, 1, 1, 0), spec(8, 8, true, false), padded, 0, false);
    assertEquals(7, padded[0], 1e-6, "left of the image: pad value");
    assertEquals(0, padded[2], 1e-6, "image column 0");
    float[] clamped = new float[3 * 8 * 8];
    TensorPacker.pack(f, new Placement(-2, 0, 1, 1, 0), spec(8, 8, true, false), clamped, 0, true);
    assertEquals(0, clamped[0], 1e-6, "left of the image: edge repeated");
    float[] half = new float[3 * 8 * 8];
    TensorPacker.pack(f, new Placement(-1, 0, 2, 2, 0), spec(8, 8, true, false), half, 0, false);
    assertEquals((7 + 0) / 2.0, half[0], 1e-5, "half outside: half pad, half column 0");
  }

  @Test
  void bgrAndNormalisationFollowTheManifest() {
    Frame f = ramp(8, 8);
    InputSpec s = new InputSpec("x", 1, 8, 8, true, true, 0.5, List.of(1.0, 2.0, 3.0), List.of(2.0, 4.0, 8.0), 0);
    float[] out = new float[3 * 64];
    TensorPacker.pack(f, new Placement(0, 0, 1, 1, 0), s, out, 0, false);
    // Pixel (3, 1): red 3, green 1, blue 100; channel 0 is blue.
    int i = 1 * 8 + 3;
    assertEquals((100 * 0.5 - 1) / 2, out[i], 1e-5);
    assertEquals((1 * 0.5 - 2) / 4, out[64 + i], 1e-5);
    assertEquals((3 * 0.5 - 3) / 8, out[128 + i], 1e-5);
  }
}
