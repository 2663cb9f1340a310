package io.nvc.examination;

import io.nvc.Calibration;
import io.nvc.Finger;
import io.nvc.Sector;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One photo of an examination. Immutable and thread-safe.
 *
 * @param file the image file
 * @param finger the finger photographed
 * @param sector the nailfold sector ({@link Sector#PANORAMIC} views are shown but excluded from the
 *     metrics; {@link Sector#UNKNOWN} when not known)
 * @param calibration the caller's calibration, or null to take it from the file's metadata (through the
 *     analyzer's {@link io.nvc.spi.MetadataReader}s); an image with neither is analysed uncalibrated
 */
public record ExaminationImage(
    Path file, Finger finger, Sector sector, @Nullable Calibration calibration) {

  /** Validates the components. */
  public ExaminationImage {
    if (file == null || finger == null || sector == null) {
      throw new IllegalArgumentException(
          "an examination image needs a file, a finger and a sector, found file=" + file + " finger="
              + finger + " sector=" + sector);
    }
  }

  /** A copy with {@code value} as the caller's calibration. */
  public ExaminationImage withCalibration(@Nullable Calibration value) {
    return new ExaminationImage(file, finger, sector, value);
  }

  /** Whether the image counts in the metrics (every sector but {@link Sector#PANORAMIC}). */
  public boolean inMetrics() {
    return sector != Sector.PANORAMIC;
  }
}
