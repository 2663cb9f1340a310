package io.nvc.dataset;

import java.io.IOException;

/**
 * A dataset file that cannot be read because its content is malformed; the message names the file
 * and says what was expected and what was found. Immutable after construction, like any exception.
 */
public final class DatasetFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what was expected and what was found, with the file
   */
  public DatasetFormatException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what was expected and what was found, with the file
   * @param cause the parser's exception
   */
  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
