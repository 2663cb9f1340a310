package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the render time of 1280x1024 images on one thread (no assertion on time). Runs only when
 * asked: {@code mvn -o -pl nvc-synth test -Dtest=RenderSpeedTest -Dnvc.synth.speed=30}.
 */
@EnabledIfSystemProperty(named = "nvc.synth.speed", matches = "\\d+")
class RenderSpeedTest {

  @Test
  void printRenderTime() {
    int n = Integer.parseInt(System.getProperty("nvc.synth.speed"));
    for (double upp : new double[] {1.0, 2.6}) {
      SynthOptions o = SynthOptions.defaults().withProfile(Profile.MIXED).withUmPerPx(upp, upp);
      for (int i = 0; i < 5; i++) {
        NailfoldRenderer.render(-1 - i, o);
      }
      long start = System.nanoTime();
      int pixels = 0;
      for (int i = 0; i < n; i++) {
        pixels += NailfoldRenderer.render(i, o).image().getWidth();
      }
      double ms = (System.nanoTime() - start) / 1e6 / n;
      System.out.printf(Locale.ROOT, "nvc-synth: 1280x1024 at %.1f um/px, mixed profile: %.1f ms per image "
          + "(mean of %d, one thread, including simulated JPEG where drawn)%n", upp, ms, n);
      assertTrue(pixels > 0);
    }
  }
}
