package io.nvc;

/**
 * A detected haemorrhage (red-brown deposit, usually above the apices). Immutable and thread-safe.
 *
 * @param box bounding box in pixels of the original image
 * @param confidence detector confidence in {@code [0, 1]}
 */
public record Haemorrhage(Box box, double confidence) {

  /** Validates the components. */
  public Haemorrhage {
    if (box == null) {
      throw new IllegalArgumentException("haemorrhage box must not be null");
    }
    if (!(confidence >= 0 && confidence <= 1)) {
      throw new IllegalArgumentException("haemorrhage confidence must be in [0, 1], found " + confidence);
    }
  }
}
