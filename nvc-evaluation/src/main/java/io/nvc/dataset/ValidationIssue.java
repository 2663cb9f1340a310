package io.nvc.dataset;

/**
 * One problem found by {@link DatasetValidator}. Immutable and thread-safe.
 *
 * @param kind what kind of problem
 * @param subject what it is about, e.g. {@code annotation 17} or {@code image 3 (a.png)}
 * @param message what was expected and what was found
 */
public record ValidationIssue(Kind kind, String subject, String message) {

  /** Kinds of problems. */
  public enum Kind {
    /** Two images, annotations or categories share an id. */
    DUPLICATE_ID,
    /** Two images share a file name. */
    DUPLICATE_FILE_NAME,
    /** An annotation refers to an image id that is not listed. */
    UNKNOWN_IMAGE,
    /** An annotation refers to a category id that is not listed. */
    UNKNOWN_CATEGORY,
    /** A category name that the class mapping does not know. */
    UNKNOWN_CLASS,
    /** A box that reaches outside its image. */
    BOX_OUTSIDE_IMAGE,
    /** A box with zero width or height. */
    EMPTY_BOX,
    /** An annotation whose keypoint count differs from its category's keypoint names. */
    KEYPOINT_COUNT,
    /** An image file that is not in the image folder. */
    MISSING_IMAGE_FILE,
    /** An image file that ImageIO cannot read. */
    UNREADABLE_IMAGE_FILE,
    /** An image file whose header size differs from the listed width and height. */
    IMAGE_SIZE_MISMATCH
  }

  /** Validates the components: non-blank subject and message. */
  public ValidationIssue {
    if (subject.isBlank() || message.isBlank()) {
      throw new IllegalArgumentException("issue subject and message must not be blank");
    }
  }

  @Override
  public String toString() {
    return kind + " " + subject + ": " + message;
  }
}
