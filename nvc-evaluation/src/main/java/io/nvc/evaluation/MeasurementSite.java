package io.nvc.evaluation;

import io.nvc.dataset.CocoAnnotation;
import java.util.Locale;

/** Where a capillary's calibre is measured. Thread-safe (an enum). */
public enum MeasurementSite {
  /** The apex (loop) of the capillary. */
  APICAL(CocoAnnotation.APICAL_UM),
  /** The arterial (afferent) limb. */
  ARTERIAL(CocoAnnotation.ARTERIAL_UM),
  /** The venous (efferent) limb. */
  VENOUS(CocoAnnotation.VENOUS_UM);

  private final String field;

  MeasurementSite(String field) {
    this.field = field;
  }

  /** Returns the annotation extra field holding the true value, e.g. {@code apical_um}. */
  public String field() {
    return field;
  }

  /** Returns the JSON name, e.g. {@code apical}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
