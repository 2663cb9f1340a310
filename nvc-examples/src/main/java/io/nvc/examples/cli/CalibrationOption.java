package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import org.jspecify.annotations.Nullable;

/** The {@code --um-per-px X[,Y]} option of every command that takes a calibration. */
final class CalibrationOption {

  private CalibrationOption() {}

  /**
   * Parses {@code X} or {@code X,Y} micrometres per pixel into a manual calibration.
   *
   * @throws IllegalArgumentException saying what was expected when the text is not one or two numbers
   *     above 0
   */
  static Calibration parse(String text, @Nullable Double magnification) {
    String[] parts = text.split(",");
    try {
      if (parts.length > 2) {
        throw new NumberFormatException();
      }
      double x = Double.parseDouble(parts[0].trim());
      double y = parts.length > 1 ? Double.parseDouble(parts[1].trim()) : x;
      return new Calibration(x, y, CalibrationSource.MANUAL, magnification, null, null);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--um-per-px expects a number or two numbers X,Y > 0 (micrometres per pixel), found '" + text + "'");
    }
  }
}
