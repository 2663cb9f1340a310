package io.nvc.dataset;

import java.nio.file.Path;
import java.util.Locale;

/** File name helpers shared by the folder formats. */
final class Names {

  private Names() {}

  static String baseName(String fileName) {
    Path last = Path.of(fileName).getFileName();
    String name = last == null ? fileName : last.toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  static String extension(String fileName) {
    int dot = fileName.lastIndexOf('.');
    return dot >= 0 ? fileName.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }
}
