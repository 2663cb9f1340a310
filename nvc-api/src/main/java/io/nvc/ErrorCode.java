package io.nvc;

/** The kind of failure an {@link NvcException} reports. */
public enum ErrorCode {
  /** A file could not be read or written. */
  IO,
  /** The input is not a readable image (corrupt, truncated, empty or of an unknown format). */
  IMAGE_UNREADABLE,
  /** The image is readable but its pixel format or colour space is not supported. */
  IMAGE_UNSUPPORTED,
  /** The image has more pixels than the configured limit, or fewer than the minimum. */
  IMAGE_SIZE,
  /** A model file or manifest is missing. */
  MODEL_MISSING,
  /** A manifest or model file is invalid: bad JSON, wrong checksum, wrong inputs or outputs. */
  MODEL_INVALID,
  /** A file format version is newer than this SDK understands. */
  UNSUPPORTED_VERSION,
  /** No inference backend matches the request. */
  BACKEND_NOT_FOUND,
  /** The inference backend failed to load a model or to run it. */
  BACKEND_FAILURE,
  /** A result file is not a valid NVC result. */
  RESULT_INVALID
}
