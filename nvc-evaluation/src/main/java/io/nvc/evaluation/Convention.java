package io.nvc.evaluation;

import java.util.Locale;

/** Which mAP convention a report leads with. Thread-safe (an enum). */
public enum Convention {
  /** pycocotools' COCOeval, see {@link CocoEvaluator}. */
  COCO(CocoEvalResult.CONVENTION),
  /** Ultralytics' ap_per_class, see {@link UltralyticsEvaluator}. */
  ULTRALYTICS(UltralyticsEvalResult.CONVENTION);

  private final String label;

  Convention(String label) {
    this.label = label;
  }

  /**
   * Parses {@code coco} or {@code ultralytics} (case-insensitive).
   *
   * @param name the name
   * @return the convention
   * @throws IllegalArgumentException for any other name
   */
  public static Convention parse(String name) {
    return switch (name.trim().toLowerCase(Locale.ROOT)) {
      case "coco" -> COCO;
      case "ultralytics" -> ULTRALYTICS;
      default -> throw new IllegalArgumentException(
          "convention: expected coco or ultralytics, found \"" + name + "\"");
    };
  }

  /** Returns the label to print next to every number of this convention. */
  public String label() {
    return label;
  }

  /** Returns the CLI name, {@code coco} or {@code ultralytics}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
