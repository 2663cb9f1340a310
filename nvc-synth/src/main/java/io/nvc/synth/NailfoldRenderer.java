package io.nvc.synth;

import java.awt.image.BufferedImage;
import org.jspecify.annotations.Nullable;

/**
 * Renders one synthetic nailfold capillaroscopy image and its exact ground truth. Deterministic: the
 * same seed and options give the same pixels on any machine (own PRNG, {@link StrictMath}, one thread).
 * Stateless and thread-safe; concurrent calls are independent.
 */
public final class NailfoldRenderer {
  private NailfoldRenderer() {
  }

  /**
   * Renders one image.
   *
   * @param seed any value; each seed gives a different image
   * @param options size, calibration range, profile and realism options
   * @return the image ({@link BufferedImage#TYPE_3BYTE_BGR}) with its ground truth; when the image was
   *     JPEG-compressed (see {@link ImageGroundTruth#jpegQuality()}) the pixels are the decoded JPEG
   */
  public static SyntheticImage render(long seed, SynthOptions options) {
    return renderEncoded(seed, options).image();
  }

  /** The image and, when compressed, its JPEG bytes (so that a JPEG file holds exactly those pixels). */
  record Encoded(SyntheticImage image, byte @Nullable [] jpeg) {
  }

  static Encoded renderEncoded(long seed, SynthOptions options) {
    Scene scene = ScenePlanner.plan(seed, options);
    BufferedImage image = Compositor.draw(scene);
    byte[] jpeg = null;
    if (scene.jpegQuality > 0) {
      jpeg = ImageCodec.jpeg(image, scene.jpegQuality);
      image = ImageCodec.decode(jpeg);
    }
    return new Encoded(new SyntheticImage(image, scene.truth()), jpeg);
  }
}
