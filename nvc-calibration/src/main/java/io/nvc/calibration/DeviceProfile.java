package io.nvc.calibration;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@link DeviceProfiles} catalogue: the pixel size of a capture device at one
 * magnification and capture resolution. Immutable and thread-safe.
 *
 * @param vendor the manufacturer, not blank
 * @param model the product name, not blank
 * @param cameraModels the camera model strings a capture program reports for this device (EXIF/XMP
 *     {@code Model}); matched ignoring case and surrounding space; the {@code model} itself always
 *     matches too
 * @param magnification the optical magnification, or null when the device has one fixed magnification;
 *     finite and {@code > 0} when given
 * @param widthPx the capture width in pixels, {@code > 0}
 * @param heightPx the capture height in pixels, {@code > 0}
 * @param micrometresPerPixelX the pixel width in micrometres at that resolution, finite and {@code > 0}
 * @param micrometresPerPixelY the pixel height in micrometres at that resolution, finite and {@code > 0}
 * @param relativeUncertainty one standard deviation of the scale as a fraction, or null when unknown
 * @param source where the numbers come from (a measurement, a data sheet), or
 *     {@code "nominal: verify with a stage micrometer"}; not blank
 */
public record DeviceProfile(
    String vendor,
    String model,
    List<String> cameraModels,
    @Nullable Double magnification,
    int widthPx,
    int heightPx,
    double micrometresPerPixelX,
    double micrometresPerPixelY,
    @Nullable Double relativeUncertainty,
    String source) {

  /** Validates the components; see their descriptions. */
  public DeviceProfile {
    requireText("vendor", vendor);
    requireText("model", model);
    requireText("source", source);
    if (cameraModels == null) {
      throw new IllegalArgumentException("cameraModels must not be null (use an empty list)");
    }
    cameraModels = List.copyOf(cameraModels);
    for (String c : cameraModels) {
      requireText("cameraModels entry", c);
    }
    if (widthPx <= 0 || heightPx <= 0) {
      throw new IllegalArgumentException(
          "widthPx and heightPx must be > 0, found " + widthPx + "x" + heightPx);
    }
    // Calibration validates the scales, magnification and uncertainty with clear messages.
    new Calibration(micrometresPerPixelX, micrometresPerPixelY, CalibrationSource.DEVICE_PROFILE,
        magnification, null, relativeUncertainty);
  }

  /** Whether {@code cameraModel} names this device (ignoring case and surrounding space). */
  public boolean matches(String cameraModel) {
    String wanted = cameraModel.strip();
    if (model.strip().equalsIgnoreCase(wanted)) {
      return true;
    }
    return cameraModels.stream().anyMatch(c -> c.strip().equalsIgnoreCase(wanted));
  }

  /**
   * The calibration of an image of {@code imageWidthPx x imageHeightPx} from this device: the profile's
   * scale, or for another resolution of the same aspect ratio (within 0.5 %) the scale resampled
   * accordingly. Source {@link CalibrationSource#DEVICE_PROFILE}.
   *
   * @throws IllegalArgumentException when the aspect ratio differs (a crop cannot be calibrated this way)
   */
  public Calibration calibration(int imageWidthPx, int imageHeightPx) {
    if (!fits(imageWidthPx, imageHeightPx)) {
      throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
          "%s %s is profiled at %dx%d px; an image of %dx%d px has another aspect ratio", vendor, model,
          widthPx, heightPx, imageWidthPx, imageHeightPx));
    }
    double sx = (double) widthPx / imageWidthPx;
    double sy = (double) heightPx / imageHeightPx;
    return new Calibration(micrometresPerPixelX * sx, micrometresPerPixelY * sy,
        CalibrationSource.DEVICE_PROFILE, magnification, vendor + " " + model, relativeUncertainty);
  }

  /** Whether an image of this size is this profile's resolution or a resampling of it (same aspect). */
  public boolean fits(int imageWidthPx, int imageHeightPx) {
    if (imageWidthPx <= 0 || imageHeightPx <= 0) {
      return false;
    }
    double profileAspect = (double) widthPx / heightPx;
    double imageAspect = (double) imageWidthPx / imageHeightPx;
    return Math.abs(profileAspect / imageAspect - 1) <= 0.005;
  }

  private static void requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank, found '" + value + "'");
    }
  }
}
