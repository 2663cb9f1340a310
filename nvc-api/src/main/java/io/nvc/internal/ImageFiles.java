package io.nvc.internal;

import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes image files (JPEG, PNG, TIFF, BMP) with the JDK's decoders, checking the pixel count from
 * the header before any pixel is decoded. Stateless and thread-safe.
 */
public final class ImageFiles {

  /** Formats accepted, by the JDK decoder's format name. */
  private static final Set<String> FORMATS = Set.of("jpeg", "png", "tiff", "bmp");

  private ImageFiles() {}

  /**
   * Decodes {@code file}.
   *
   * @param maxPixels largest accepted width * height
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be read,
   *     {@link ErrorCode#IMAGE_UNREADABLE} when it is empty, truncated, corrupt or not an image,
   *     {@link ErrorCode#IMAGE_UNSUPPORTED} for a format or colour space that is not supported,
   *     {@link ErrorCode#IMAGE_SIZE} when the header announces more than {@code maxPixels} pixels
   */
  public static BufferedImage read(Path file, long maxPixels) throws NvcException {
    long bytes;
    try {
      bytes = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new NvcException(ErrorCode.IO, file + ": no such file", e);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, file + ": cannot read: " + e.getMessage(), e);
    }
    if (Files.isDirectory(file)) {
      throw new NvcException(ErrorCode.IO, file + ": is a directory, expected an image file");
    }
    if (bytes == 0) {
      throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
          file + ": file is empty (0 bytes), expected a JPEG, PNG, TIFF or BMP image");
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new NvcException(ErrorCode.IO, file + ": cannot open for reading");
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
            file + ": not a recognised image (" + bytes + " bytes); expected JPEG, PNG, TIFF or BMP");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT).replace("tif", "tiff")
            .replace("tifff", "tiff");
        if (!FORMATS.contains(format)) {
          throw new NvcException(ErrorCode.IMAGE_UNSUPPORTED,
              file + ": " + format.toUpperCase(Locale.ROOT)
                  + " images are not supported; expected JPEG, PNG, TIFF or BMP");
        }
        reader.setInput(in, true, true);
        int width;
        int height;
        try {
          width = reader.getWidth(0);
          height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
          throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
              file + ": truncated or corrupt " + format.toUpperCase(Locale.ROOT) + " header: " + describe(e), e);
        }
        checkSize(file.toString(), width, height, maxPixels);
        StringBuilder warnings = new StringBuilder();
        IIOReadWarningListener listener = (source, warning) -> warnings.append(warning).append("; ");
        reader.addIIOReadWarningListener(listener);
        BufferedImage image;
        try {
          image = reader.read(0);
        } catch (IOException | RuntimeException e) {
          String message = describe(e);
          if (message.contains("Unsupported Image Type") || message.contains("Unsupported JPEG")) {
            throw new NvcException(ErrorCode.IMAGE_UNSUPPORTED,
                file + ": unsupported colour space (CMYK or YCCK JPEG?); expected an RGB or greyscale"
                    + " image: convert it to RGB first", e);
          }
          throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
              file + ": truncated or corrupt " + format.toUpperCase(Locale.ROOT) + " data: " + message, e);
        }
        if (warnings.length() > 0) {
          throw new NvcException(ErrorCode.IMAGE_UNREADABLE,
              file + ": truncated or corrupt " + format.toUpperCase(Locale.ROOT) + " data: "
                  + warnings.substring(0, warnings.length() - 2));
        }
        int colourSpace = image.getColorModel().getColorSpace().getType();
        if (colourSpace != java.awt.color.ColorSpace.TYPE_RGB
            && colourSpace != java.awt.color.ColorSpace.TYPE_GRAY) {
          throw new NvcException(ErrorCode.IMAGE_UNSUPPORTED,
              file + ": unsupported colour space (" + colourSpaceName(colourSpace)
                  + "); expected an RGB or greyscale image: convert it to RGB first");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Checks an image size against the limits.
   *
   * @throws NvcException {@link ErrorCode#IMAGE_SIZE} when the size is outside the limits
   */
  public static void checkSize(String what, long width, long height, long maxPixels) throws NvcException {
    if (width < MIN_SIDE || height < MIN_SIDE) {
      throw new NvcException(ErrorCode.IMAGE_SIZE,
          what + ": image is " + width + "x" + height + " pixels; expected at least " + MIN_SIDE + "x"
              + MIN_SIDE);
    }
    if (width * height > maxPixels) {
      throw new NvcException(ErrorCode.IMAGE_SIZE,
          what + ": image is " + width + "x" + height + " = " + (width * height) + " pixels; the limit is "
              + maxPixels + " pixels (raise it with the builder's maxImagePixels)");
    }
  }

  /** Smallest accepted width and height. */
  public static final int MIN_SIDE = 16;

  private static String colourSpaceName(int type) {
    return switch (type) {
      case java.awt.color.ColorSpace.TYPE_CMYK -> "CMYK";
      case java.awt.color.ColorSpace.TYPE_YCbCr -> "YCbCr";
      case java.awt.color.ColorSpace.TYPE_Lab -> "Lab";
      default -> "colour space type " + type;
    };
  }

  private static String describe(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (sb.length() > 0) {
        sb.append(": ");
      }
      sb.append(t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName());
      if (t.getCause() == t) {
        break;
      }
    }
    return sb.toString();
  }
}
