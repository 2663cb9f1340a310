package io.nvc.examples.cli;

import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import io.nvc.synth.NailfoldRenderer;
import io.nvc.synth.SynthOptions;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.ConvolveOp;
import java.awt.image.Kernel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * A synthetic capture video for the marker test backend: three marker capillaries (normal, tortuous,
 * giant) drifting a few pixels per frame, with the focus going soft and sharp again (a box blur of 1,
 * 3 or 5 pixels), encoded by FFmpeg as MJPEG in AVI, as USB capillaroscopes deliver it.
 */
final class CaptureTestVideo {

  /** Capillaries in every frame. */
  static final int CAPILLARIES = 3;

  private CaptureTestVideo() {}

  /** Writes {@code frames} marker frames of {@code width x height} at 25 fps to {@code file}. */
  static Path write(Path file, int width, int height, int frames) throws Exception {
    return record(file, width, height, frames, i -> frame(width, height, i));
  }

  /**
   * Writes {@code frames} frames of one realistic synthetic nailfold image ({@link NailfoldRenderer}),
   * moving and refocusing like {@link #frame}: the input for measuring the default models' frame rate.
   */
  static Path nailfold(Path file, int width, int height, int frames, long seed) throws Exception {
    BufferedImage big = NailfoldRenderer.render(seed, SynthOptions.defaults().withSize(width + 16, height + 16))
        .image();
    return record(file, width, height, frames, i -> {
      int dx = 8 + (int) Math.round(4 * Math.sin(i / 4.0));
      int dy = 8 + (int) Math.round(3 * Math.cos(i / 5.0));
      BufferedImage crop = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
      Graphics2D g = crop.createGraphics();
      g.drawImage(big.getSubimage(dx, dy, width, height), 0, 0, null);
      g.dispose();
      return blur(crop, new int[] {1, 3, 5, 3}[i % 4]);
    });
  }

  private static Path record(Path file, int width, int height, int frames, IntFunction<BufferedImage> frame)
      throws Exception {
    CaptureSource.quietFfmpeg();
    try (FFmpegFrameRecorder rec = new FFmpegFrameRecorder(file.toFile(), width, height);
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      rec.setFormat("avi");
      rec.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
      rec.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
      rec.setVideoQuality(2);
      rec.setFrameRate(25);
      rec.start();
      for (int i = 0; i < frames; i++) {
        rec.record(converter.convert(frame.apply(i)));
      }
      rec.stop();
    }
    return file;
  }

  /** Frame {@code i}: the scene moved by a few pixels and blurred by 1, 3 or 5 pixels. */
  static BufferedImage frame(int width, int height, int i) {
    double dx = Math.round(4 * Math.sin(i / 4.0));
    double dy = Math.round(3 * Math.cos(i / 5.0));
    double sx = width / 640.0;
    double sy = height / 512.0;
    BufferedImage sharp = MarkerScene.draw(width, height, BufferedImage.TYPE_3BYTE_BGR, List.of(
        Capillary.upright(0, 150 * sx + dx, 256 * sy + dy, 90, 12, 10, 14, 0),
        Capillary.upright(1, 330 * sx + dx, 256 * sy + dy, 100, 16, 12, 15, 1),
        Capillary.upright(3, 500 * sx + dx, 256 * sy + dy, 110, 55, 25, 27, 2)), List.of());
    return blur(sharp, new int[] {1, 3, 5, 3}[i % 4]);
  }

  /** A {@code k x k} box blur (a focus change); {@code k = 1} returns the image itself. */
  static BufferedImage blur(BufferedImage sharp, int k) {
    if (k == 1) {
      return sharp;
    }
    int width = sharp.getWidth();
    int height = sharp.getHeight();
    float[] weights = new float[k * k];
    Arrays.fill(weights, 1f / (k * k));
    BufferedImage soft = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
    return new ConvolveOp(new Kernel(k, k, weights), ConvolveOp.EDGE_NO_OP, null).filter(sharp, soft);
  }
}
