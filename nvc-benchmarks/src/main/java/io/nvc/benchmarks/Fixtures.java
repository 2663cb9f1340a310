package io.nvc.benchmarks;

import io.nvc.internal.ModelBundle;
import io.nvc.spi.InferenceBackend;
import io.nvc.synth.NailfoldRenderer;
import io.nvc.synth.Profile;
import io.nvc.synth.SynthOptions;
import java.awt.image.BufferedImage;
import java.util.ServiceLoader;

/** Benchmark inputs: synthetic images rendered once, the default models and backends by name. */
final class Fixtures {

  private Fixtures() {}

  /** A synthetic normal nailfold image of {@code size} ("WxH") at 1 um per pixel, the same every run. */
  static BufferedImage image(String size) {
    String[] wh = size.split("x");
    SynthOptions options = SynthOptions.defaults()
        .withSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))
        .withUmPerPx(1.0, 1.0)
        .withProfile(Profile.NORMAL);
    return NailfoldRenderer.render(20261126L, options).image();
  }

  /** {@code image} turned by 180 degrees, as a new image of its type. */
  static BufferedImage turnedHalfway(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    BufferedImage out = new BufferedImage(w, h, image.getType());
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        out.setRGB(w - 1 - x, h - 1 - y, image.getRGB(x, y));
      }
    }
    return out;
  }

  /** The default model bundle (see {@link ModelBundle#defaultDirectory()}). */
  static ModelBundle models() throws io.nvc.NvcException {
    return ModelBundle.load(ModelBundle.defaultDirectory());
  }

  /** The backend named {@code name}, found as the SDK finds it. */
  static InferenceBackend backend(String name) {
    for (InferenceBackend b : ServiceLoader.load(InferenceBackend.class)) {
      if (b.name().equals(name)) {
        return b;
      }
    }
    throw new IllegalArgumentException("no backend named " + name);
  }
}
