package io.nvc;

/**
 * The one checked exception of the SDK, for failures of I/O, images, models and backends. Caller
 * mistakes (bad arguments, use after close) are {@link IllegalArgumentException} and
 * {@link IllegalStateException} instead. Messages say what was expected and what was found.
 */
public final class NvcException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The failure kind. */
  private final ErrorCode code;

  /** Creates an exception of kind {@code code}. */
  public NvcException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  /** Creates an exception of kind {@code code} caused by {@code cause}. */
  public NvcException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The failure kind. */
  public ErrorCode code() {
    return code;
  }
}
