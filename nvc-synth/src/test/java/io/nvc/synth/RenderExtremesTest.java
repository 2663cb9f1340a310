package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** Every profile renders at the extremes of size and calibration with ground truth inside the image. */
class RenderExtremesTest {

  @Test
  void extremesRenderWithConsistentGroundTruth() {
    int[][] sizes = {{64, 64}, {300, 64}, {64, 300}};
    double[][] ranges = {{SynthOptions.MIN_UM_PER_PX, SynthOptions.MIN_UM_PER_PX},
        {SynthOptions.MAX_UM_PER_PX, SynthOptions.MAX_UM_PER_PX}, {0.7, 3.0}};
    for (int[] size : sizes) {
      for (double[] range : ranges) {
        for (Profile p : Profile.values()) {
          for (ImageFormat f : ImageFormat.values()) {
            SynthOptions o = SynthOptions.defaults().withSize(size[0], size[1]).withUmPerPx(range[0], range[1])
                .withProfile(p).withFormat(f).withJpegQuality(1, 100);
            SyntheticImage img = NailfoldRenderer.render(size[0] * 31L + p.ordinal(), o);
            BufferedImage bi = img.image();
            assertEquals(BufferedImage.TYPE_3BYTE_BGR, bi.getType());
            ImageGroundTruth t = img.truth();
            assertTrue(t.micrometresPerPixel() >= range[0] && t.micrometresPerPixel() <= range[1]);
            assertTrue(f == ImageFormat.PNG || t.jpegQuality() > 0, "JPG images are always compressed");
            for (CapillaryTruth c : t.capillaries()) {
              assertInside(c.box(), size);
              for (Keypoint k : c.keypoints()) {
                assertTrue(k.visibility() == 0 || k.x() >= 0 && k.y() >= 0 && k.x() < size[0] && k.y() < size[1]);
              }
            }
            for (HaemorrhageTruth h : t.haemorrhages()) {
              assertInside(h.box(), size);
            }
          }
        }
      }
    }
  }

  private static void assertInside(BoundingBox b, int[] size) {
    assertTrue(b.x() >= 0 && b.y() >= 0 && b.x() + b.width() <= size[0] + 1e-9 && b.y() + b.height() <= size[1] + 1e-9
        && b.area() > 0, b.toString());
  }
}
