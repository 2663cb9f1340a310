package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import io.nvc.Overlay;
import io.nvc.PixelFormat;
import io.nvc.RawImage;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * The minimal loop of the README section "Embedding in capture software", kept here so that it compiles
 * (and is tested) as written: grab a frame, analyse its pixels in place, draw the overlay.
 */
final class CaptureEmbedding {

  private CaptureEmbedding() {}

  static void analyseLive(FrameGrabber grabber, NailfoldAnalyzer analyzer, Calibration calibration,
      Consumer<BufferedImage> show) throws FrameGrabber.Exception, NvcException {
    try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
      for (Frame f = grabber.grab(); f != null; f = grabber.grab()) {
        if (f.image == null) {
          continue; // an audio frame
        }
        // The grabber's own BGR buffer, read in place: no copy.
        RawImage raw = new RawImage((ByteBuffer) f.image[0], f.imageWidth, f.imageHeight, f.imageStride,
            PixelFormat.BGR);
        ImageAnalysis result = analyzer.analyze(raw, calibration);
        show.accept(Overlay.render(converter.convert(f), result));
      }
    }
  }
}
