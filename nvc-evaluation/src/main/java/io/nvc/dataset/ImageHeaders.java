package io.nvc.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** Reads image sizes from file headers with ImageIO readers, without decoding pixels. */
final class ImageHeaders {

  /** Lower-case suffixes ImageIO can read (png, jpg, jpeg, bmp, gif, wbmp, tif, tiff, ...). */
  static final Set<String> SUFFIXES =
      Arrays.stream(ImageIO.getReaderFileSuffixes())
          .map(s -> s.toLowerCase(Locale.ROOT))
          .collect(Collectors.toUnmodifiableSet());

  private ImageHeaders() {}

  /** Width and height of an image file. */
  record Size(int width, int height) {}

  /**
   * Reads the size of an image.
   *
   * @return the size, empty when no ImageIO reader accepts the file
   * @throws IOException when the file cannot be read
   */
  static Optional<Size> size(Path file) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
      if (in == null) {
        throw new IOException("cannot open image " + file);
      }
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return Optional.empty();
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return Optional.of(new Size(reader.getWidth(0), reader.getHeight(0)));
      } finally {
        reader.dispose();
      }
    }
  }
}
