package io.nvc.synth;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG and JPEG encoding through ImageIO with explicit settings, in memory (ImageIO's disk cache is never
 * used). Stateless and thread-safe.
 */
final class ImageCodec {
  private ImageCodec() {
  }

  static byte[] jpeg(BufferedImage image, int quality) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(quality / 100f);
      writer.setOutput(stream);
      writer.write(null, new IIOImage(image, null, null), param);
      stream.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
  }

  static byte[] png(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      writer.write(image);
      stream.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("PNG encoding failed", e);
    } finally {
      writer.dispose();
    }
  }

  /** Decodes an image (in memory, never through ImageIO's disk cache) as {@link BufferedImage#TYPE_3BYTE_BGR}. */
  static BufferedImage decode(byte[] data) {
    try {
      // ImageIO.read(ImageInputStream) closes the stream itself.
      BufferedImage img = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(data)));
      if (img == null) {
        throw new IllegalStateException("no ImageIO reader for the encoded image");
      }
      if (img.getType() == BufferedImage.TYPE_3BYTE_BGR) {
        return img;
      }
      BufferedImage bgr = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
      java.awt.Graphics2D g = bgr.createGraphics();
      g.drawImage(img, 0, 0, null);
      g.dispose();
      return bgr;
    } catch (IOException e) {
      throw new UncheckedIOException("image decoding failed", e);
    }
  }
}
