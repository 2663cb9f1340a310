package io.nvc;

/** Where a {@link Calibration} came from; recorded in every result for provenance. */
public enum CalibrationSource {
  /** Entered by a person, for example micrometres per pixel or two points on a ruler. */
  MANUAL,
  /** Looked up in a device profile (vendor, model, magnification, capture resolution). */
  DEVICE_PROFILE,
  /** Read from the image file's metadata. */
  METADATA,
  /** Measured automatically, for example from a photo of a stage micrometer. */
  AUTOMATIC
}
