package io.nvc.report;

import io.nvc.ImageAnalysis;
import io.nvc.Overlay;
import io.nvc.examination.ImageResult;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.jspecify.annotations.Nullable;

/** Downscaled JPEG images of each photo (with its overlay when analysed), as data URIs. */
final class Thumbnails {

  private Thumbnails() {}

  /**
   * The photo of {@code r} with its overlay, at most {@code maxWidth} pixels wide, as a JPEG data URI;
   * null when the file cannot be read.
   */
  static @Nullable String dataUri(ImageResult r, int maxWidth, float quality) {
    BufferedImage img;
    try {
      img = ImageIO.read(r.image().file().toFile());
    } catch (IOException | RuntimeException e) {
      return null;
    }
    if (img == null) {
      return null;
    }
    ImageAnalysis a = r.analysis();
    if (a != null && a.image().width() == img.getWidth() && a.image().height() == img.getHeight()) {
      img = Overlay.render(img, a);
    }
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(scale(img, maxWidth), quality));
  }

  /** {@code img} as an RGB image at most {@code maxWidth} wide, shrunk in halving steps for quality. */
  static BufferedImage scale(BufferedImage img, int maxWidth) {
    BufferedImage current = img;
    int w = img.getWidth();
    int h = img.getHeight();
    int targetW = Math.min(maxWidth, w);
    int targetH = Math.max(1, (int) Math.round((double) h * targetW / w));
    do {
      int nw = Math.max(targetW, w / 2);
      int nh = nw == targetW ? targetH : Math.max(1, h / 2);
      BufferedImage next = new BufferedImage(nw, nh, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      try {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(current, 0, 0, nw, nh, null);
      } finally {
        g.dispose();
      }
      current = next;
      w = nw;
      h = nh;
    } while (w > targetW);
    return current;
  }

  static byte[] jpeg(BufferedImage img, float quality) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    if (!writers.hasNext()) {
      throw new IllegalStateException("no JPEG writer in this Java runtime");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      ImageWriteParam p = writer.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      writer.write(null, new IIOImage(img, null, null), p);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a JPEG in memory: " + e.getMessage(), e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  static String pngDataUri(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a PNG in memory: " + e.getMessage(), e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
