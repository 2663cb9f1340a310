package io.nvc.synth;

/**
 * Exact ground truth of one haemorrhage (a red-brown deposit, usually just above apices).
 * Immutable and thread-safe.
 *
 * @param box box of the drawn deposit clipped to the image
 * @param confluent whether it is a confluent band of deposits rather than a single one
 */
public record HaemorrhageTruth(BoundingBox box, boolean confluent) {

  /** Validates the box. */
  public HaemorrhageTruth {
    if (box.area() <= 0) {
      throw new IllegalArgumentException("haemorrhage box: expected a positive area, found " + box);
    }
  }
}
