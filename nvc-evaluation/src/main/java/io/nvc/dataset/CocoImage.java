package io.nvc.dataset;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One entry of a COCO file's {@code images}. Fields other than {@code id}, {@code file_name},
 * {@code width} and {@code height} are kept in {@link #extra()} in file order (JSON nulls dropped) and
 * written back unchanged. Immutable and thread-safe.
 *
 * @param id image id
 * @param fileName file name, relative to the image folder
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param extra other fields as plain Java values (String, Number, Boolean, List, Map)
 */
public record CocoImage(long id, String fileName, int width, int height, Map<String, Object> extra) {

  /** Extra field: micrometres per pixel of the image's calibration. */
  public static final String MICROMETRES_PER_PIXEL = "micrometres_per_pixel";

  /** Extra field: true capillary density of the distal row, capillaries per millimetre. */
  public static final String DENSITY_PER_MM = "density_per_mm";

  /** Validates the components: non-blank file name, positive size. */
  public CocoImage {
    if (fileName.isBlank()) {
      throw new IllegalArgumentException("image " + id + ": file_name must not be blank");
    }
    if (width < 1 || height < 1) {
      throw new IllegalArgumentException(
          "image " + id + " (" + fileName + "): width and height must be >= 1, found "
              + width + "x" + height);
    }
    extra = Extras.copy(extra);
  }

  /**
   * An image without extra fields.
   *
   * @param id image id
   * @param fileName file name
   * @param width width in pixels
   * @param height height in pixels
   * @return the image
   */
  public static CocoImage of(long id, String fileName, int width, int height) {
    return new CocoImage(id, fileName, width, height, Map.of());
  }

  /** Returns the {@value #MICROMETRES_PER_PIXEL} extra field, if present and numeric. */
  public OptionalDouble micrometresPerPixel() {
    return Extras.number(extra, MICROMETRES_PER_PIXEL);
  }

  /** Returns the {@value #DENSITY_PER_MM} extra field, if present and numeric. */
  public OptionalDouble densityPerMm() {
    return Extras.number(extra, DENSITY_PER_MM);
  }

  /**
   * Returns a copy with one extra field set.
   *
   * @param key field name
   * @param value plain Java value
   * @return the new image
   */
  public CocoImage withExtra(String key, Object value) {
    return new CocoImage(id, fileName, width, height, Extras.with(extra, key, value));
  }
}
