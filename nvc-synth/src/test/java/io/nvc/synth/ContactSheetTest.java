package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates the documentation images. Runs only when asked:
 * {@code mvn -o -pl nvc-synth test -Dtest=ContactSheetTest -Dnvc.synth.docs=$PWD/docs/images}.
 * Writes {@code synthetic-contact-sheet.png} (3x3 thumbnails, each a 1280x1024 image reduced 4x) and
 * {@code synthetic-detail.png} (a full-resolution crop). The captions are in docs/synthetic.md.
 */
@EnabledIfSystemProperty(named = "nvc.synth.docs", matches = ".+")
class ContactSheetTest {
  /** Profile, calibration (um/px) and seed of each thumbnail, row by row. */
  static final Object[][] SHEET = {
      {Profile.NORMAL, 2.6, 11L}, {Profile.NORMAL, 1.0, 12L}, {Profile.SCLERODERMA_EARLY, 2.6, 13L},
      {Profile.SCLERODERMA_EARLY, 1.2, 14L}, {Profile.SCLERODERMA_ACTIVE, 2.6, 15L}, {Profile.SCLERODERMA_ACTIVE, 1.0, 16L},
      {Profile.SCLERODERMA_LATE, 2.6, 17L}, {Profile.SCLERODERMA_LATE, 1.5, 18L}, {Profile.NORMAL, 5.0, 19L}};

  @Test
  void writeDocumentationImages() throws IOException {
    Path dir = Path.of(System.getProperty("nvc.synth.docs"));
    Files.createDirectories(dir);
    int tw = 320;
    int th = 256;
    int gap = 4;
    BufferedImage sheet = new BufferedImage(3 * tw + 2 * gap, 3 * th + 2 * gap, BufferedImage.TYPE_3BYTE_BGR);
    for (int i = 0; i < SHEET.length; i++) {
      Profile p = (Profile) SHEET[i][0];
      double upp = (Double) SHEET[i][1];
      long seed = (Long) SHEET[i][2];
      SyntheticImage img = NailfoldRenderer.render(seed, SynthOptions.defaults().withProfile(p).withUmPerPx(upp, upp));
      paste(sheet, reduce4(img.image()), (i % 3) * (tw + gap), (i / 3) * (th + gap));
    }
    Files.write(dir.resolve("synthetic-contact-sheet.png"), ImageCodec.png(sheet));
    SyntheticImage detail = NailfoldRenderer.render(21, SynthOptions.defaults().withProfile(Profile.SCLERODERMA_EARLY)
        .withUmPerPx(1.0, 1.0));
    // Crop 640x512 around the distal apex nearest the image centre.
    double cx = 640;
    double cy = 512;
    double best = Double.POSITIVE_INFINITY;
    for (CapillaryTruth c : detail.truth().capillaries()) {
      Keypoint apex = c.keypoints().get(0);
      double d = Math.hypot(apex.x() - 640, apex.y() - 512);
      if (c.distalRow() && apex.visibility() > 0 && d < best) {
        best = d;
        cx = apex.x();
        cy = apex.y();
      }
    }
    int x0 = (int) Math.max(0, Math.min(1280 - 640, cx - 320));
    int y0 = (int) Math.max(0, Math.min(1024 - 512, cy - 200));
    Files.write(dir.resolve("synthetic-detail.png"), ImageCodec.png(detail.image().getSubimage(x0, y0, 640, 512)));
    assertTrue(Files.size(dir.resolve("synthetic-contact-sheet.png")) < 1_500_000);
  }

  private static BufferedImage reduce4(BufferedImage src) {
    int w = src.getWidth() / 4;
    int h = src.getHeight() / 4;
    byte[] in = ((DataBufferByte) src.getRaster().getDataBuffer()).getData();
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] o = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    int sw = src.getWidth();
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int sum = 0;
          for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 4; i++) {
              sum += in[((4 * y + j) * sw + 4 * x + i) * 3 + c] & 0xFF;
            }
          }
          o[(y * w + x) * 3 + c] = (byte) ((sum + 8) / 16);
        }
      }
    }
    return out;
  }

  private static void paste(BufferedImage dst, BufferedImage src, int x0, int y0) {
    dst.getRaster().setRect(x0, y0, src.getRaster());
  }
}
