package io.nvc.spi;

/**
 * How a backend should run a session. Immutable and thread-safe.
 *
 * @param intraOpThreads threads used inside one operator, {@code >= 1}
 * @param interOpThreads threads used across independent operators, {@code >= 1}
 * @param allowGpu whether the backend may use a GPU when one is present
 */
public record SessionOptions(int intraOpThreads, int interOpThreads, boolean allowGpu) {

  /** Validates the thread counts. */
  public SessionOptions {
    if (intraOpThreads < 1 || interOpThreads < 1) {
      throw new IllegalArgumentException(
          "thread counts must be >= 1, found intraOpThreads=" + intraOpThreads + " interOpThreads="
              + interOpThreads);
    }
  }
}
