package io.nvc;

import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * What a capture program records about one photo, kept in the image file's metadata so that it survives
 * renaming. Every field is optional. Patient and examination identifiers are only present when the
 * capture program opted in. Immutable and thread-safe.
 *
 * @param finger the finger photographed
 * @param sector the nailfold sector
 * @param magnification optical magnification, {@code > 0}
 * @param calibration the pixel size
 * @param capturedAt capture date and time with its UTC offset
 * @param cameraModel camera or capillaroscope model
 * @param cameraId camera serial number or other identifier
 * @param software producer software name
 * @param softwareVersion producer software version
 * @param patientId pseudonymous patient identifier (opt-in)
 * @param examinationId examination identifier (opt-in)
 */
public record CaptureMetadata(
    @Nullable Finger finger,
    @Nullable Sector sector,
    @Nullable Double magnification,
    @Nullable Calibration calibration,
    @Nullable OffsetDateTime capturedAt,
    @Nullable String cameraModel,
    @Nullable String cameraId,
    @Nullable String software,
    @Nullable String softwareVersion,
    @Nullable String patientId,
    @Nullable String examinationId) {

  /** Validates the magnification. */
  public CaptureMetadata {
    if (magnification != null && (!Double.isFinite(magnification) || magnification <= 0)) {
      throw new IllegalArgumentException("magnification must be finite and > 0, found " + magnification);
    }
  }

  /** Metadata with no field set. */
  public static CaptureMetadata empty() {
    return new CaptureMetadata(null, null, null, null, null, null, null, null, null, null, null);
  }
}
