package io.nvc.synth;

import java.awt.image.BufferedImage;

/**
 * A rendered image ({@link BufferedImage#TYPE_3BYTE_BGR}, 8-bit RGB) and its ground truth. The record
 * is immutable but the {@link BufferedImage} is mutable and not thread-safe: do not share it across
 * threads while anyone writes to it.
 */
public record SyntheticImage(BufferedImage image, ImageGroundTruth truth) {

  /** Validates the image type and that its size matches the ground truth. */
  public SyntheticImage {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      throw new IllegalArgumentException("image type: expected TYPE_3BYTE_BGR (" + BufferedImage.TYPE_3BYTE_BGR
          + "), found " + image.getType());
    }
    if (image.getWidth() != truth.width() || image.getHeight() != truth.height()) {
      throw new IllegalArgumentException("image size: expected " + truth.width() + "x" + truth.height()
          + ", found " + image.getWidth() + "x" + image.getHeight());
    }
  }
}
