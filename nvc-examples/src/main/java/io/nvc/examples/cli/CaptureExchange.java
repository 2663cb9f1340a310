package io.nvc.examples.cli;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * "Latest frame wins" hand-over between one grabbing thread and one analysing thread, lock-free, with a
 * fixed set of three {@link CaptureBuffer}s (triple buffering): the grabber fills one, one waits in the
 * slot, the analyser reads one. Publishing while a frame still waits replaces it (that frame is
 * dropped, never queued), so memory stays constant and the analyser always gets the newest frame.
 */
final class CaptureExchange {

  private final AtomicReference<@Nullable CaptureBuffer> latest = new AtomicReference<>();
  private final ConcurrentLinkedQueue<CaptureBuffer> free = new ConcurrentLinkedQueue<>();
  private volatile boolean closed;
  private volatile @Nullable Thread consumer;

  CaptureExchange() {
    for (int i = 0; i < 3; i++) {
      free.add(new CaptureBuffer());
    }
  }

  /** A buffer for the grabber to fill; there is always one (3 buffers, at most 2 held elsewhere). */
  CaptureBuffer acquire() {
    CaptureBuffer b = free.poll();
    if (b == null) {
      throw new IllegalStateException("no free capture buffer: a buffer was not released");
    }
    return b;
  }

  /**
   * Makes {@code filled} the latest frame and wakes the analyser.
   *
   * @return true when this replaced a frame that had not been taken (that frame is dropped)
   */
  boolean publish(CaptureBuffer filled) {
    CaptureBuffer old = latest.getAndSet(filled);
    if (old != null) {
      free.add(old);
    }
    wake();
    return old != null;
  }

  /** Puts back a buffer that was acquired but not published (for example a frame that failed to copy). */
  void release(CaptureBuffer b) {
    free.add(b);
  }

  /** No more frames will be published; {@link #take} returns the last one, then null. */
  void close() {
    closed = true;
    wake();
  }

  /**
   * The newest frame, waiting for one; null once {@link #close closed} and empty. The caller owns the
   * buffer until it passes it to {@link #release}.
   */
  @Nullable CaptureBuffer take() {
    consumer = Thread.currentThread();
    while (true) {
      CaptureBuffer b = latest.getAndSet(null);
      if (b != null) {
        return b;
      }
      if (closed) {
        // publish happens before close: anything published before it is visible now.
        return latest.getAndSet(null);
      }
      LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private void wake() {
    Thread t = consumer;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
