package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import org.jspecify.annotations.Nullable;

/** Option parsing shared by {@code nvc examine}'s helpers. */
final class ExamineOptions {

  private ExamineOptions() {}

  /** {@code X} or {@code X,Y} micrometres per pixel as a manual calibration; null for null. */
  static @Nullable Calibration calibration(@Nullable String umPerPx) {
    if (umPerPx == null) {
      return null;
    }
    String[] parts = umPerPx.split(",");
    try {
      if (parts.length > 2) {
        throw new NumberFormatException();
      }
      double x = Double.parseDouble(parts[0].trim());
      double y = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : x;
      return new Calibration(x, y, CalibrationSource.MANUAL, null, null, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--um-per-px expects a number or two numbers X,Y (micrometres per pixel), found '" + umPerPx + "'");
    }
  }
}
