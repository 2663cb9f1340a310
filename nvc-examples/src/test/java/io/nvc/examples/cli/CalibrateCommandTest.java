package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.CalibrationSource;
import io.nvc.calibration.CaptureMetadataIO;
import io.nvc.calibration.MetadataRead;
import io.nvc.examples.cli.MetadataCommandTest.Run;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvc calibrate} as a user runs it. */
class CalibrateCommandTest {

  @TempDir Path dir;

  static Run run(String... args) {
    return MetadataCommandTest.run(new CalibrateCommand(), args);
  }

  /** Dark 2 px ticks every 16 px on a light background, 40 of them. */
  Path graticule() throws Exception {
    BufferedImage img = new BufferedImage(720, 300, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setColor(new Color(210, 210, 210));
    g.fillRect(0, 0, 720, 300);
    g.setColor(new Color(30, 30, 30));
    for (int k = 0; k < 40; k++) {
      g.fillRect(40 + 16 * k, 100, 2, k % 5 == 0 ? 120 : 80);
    }
    g.fillRect(40, 98, 16 * 39 + 2, 2);
    g.dispose();
    Path file = dir.resolve("graticule.png");
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void graticuleGivesScaleAndCanBeStoredInAnImage() throws Exception {
    Path target = MetadataCommandTest.image(dir.resolve("capture.jpg"));
    Run r = run("--graticule", graticule().toString(), "--pitch-um", "10", "--write", target.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("micrometres per pixel: 0.625"), r.out());
    assertTrue(r.out().contains("source:                AUTOMATIC"), r.out());
    MetadataRead read = CaptureMetadataIO.read(target);
    assertEquals(0.625, read.metadata().orElseThrow().calibration().micrometresPerPixelX(), 0.625 * 0.001);
    assertEquals(CalibrationSource.AUTOMATIC, read.storedCalibrationSource());

    Run json = run("--graticule", graticule().toString(), "--pitch-um", "10", "--json");
    assertEquals(0, json.status(), json.err());
    assertTrue(json.out().startsWith("{\"micrometresPerPixel\": 0.62"), json.out());
    assertTrue(json.out().contains("\"ticks\": "), json.out());
  }

  @Test
  void twoPointsGiveScale() {
    Run r = run("--points", "0,0,300,400", "--distance-um", "1000");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("micrometres per pixel: 2.000000 +- 0.283 %"), r.out());
    assertTrue(r.out().contains("source:                MANUAL"), r.out());
  }

  @Test
  void noTicksAndMistakesAreClear() throws Exception {
    BufferedImage noise = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);
    Random random = new Random(1);
    for (int y = 0; y < 200; y++) {
      for (int x = 0; x < 300; x++) {
        int v = random.nextInt(256);
        noise.setRGB(x, y, v << 16 | v << 8 | v);
      }
    }
    Path file = dir.resolve("noise.png");
    ImageIO.write(noise, "png", file.toFile());
    Run none = run("--graticule", file.toString(), "--pitch-um", "10");
    assertEquals(1, none.status());
    assertTrue(none.err().startsWith("nvc: noise.png: no evenly spaced graticule ticks found"), none.err());

    Run both = run("--graticule", file.toString(), "--pitch-um", "10", "--points", "0,0,1,1", "--distance-um", "5");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("give either --graticule IMAGE --pitch-um P or --points"), both.err());

    Run half = run("--graticule", file.toString());
    assertEquals(2, half.status());
    assertTrue(half.err().contains("--graticule and --pitch-um go together"), half.err());

    Run points = run("--points", "1,2,3", "--distance-um", "5");
    assertEquals(2, points.status());
    assertTrue(points.err().contains("--points expects four numbers x1,y1,x2,y2"), points.err());

    Run same = run("--points", "1,1,1,1", "--distance-um", "5");
    assertEquals(2, same.status());
    assertTrue(same.err().contains("the two points must be apart"), same.err());
    assertEquals(1, same.err().strip().lines().count(), same.err());

    assertEquals(0, run("--help").status());
  }
}
