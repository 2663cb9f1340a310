package io.nvc.examination;

/**
 * Lets another thread cancel a running {@link Examinations#analyze examination analysis}: images not yet
 * started are skipped and the analysis throws {@link java.util.concurrent.CancellationException}. Images
 * already being analysed finish in the background. Thread-safe.
 */
public final class Cancellation {

  private volatile boolean cancelled;

  /** A cancellation not yet requested. */
  public Cancellation() {}

  /** Requests cancellation; idempotent. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether cancellation was requested. */
  public boolean isCancelled() {
    return cancelled;
  }
}
