package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import java.util.Arrays;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.jspecify.annotations.Nullable;

/**
 * The capture engine: a grabbing thread copies each frame into a free buffer and publishes it as the
 * latest frame; an analysing thread takes the latest frame, analyses it in place and hands the result to
 * a {@link Listener}. Frames published while the analyser is busy replace each other and are counted as
 * dropped: nothing queues up, so latency stays at about one analysis and memory at three frames.
 * Invariant at the end: {@code grabbed == analysed + failed + dropped}.
 */
final class CaptureLoop {

  /** Receives each analysed frame on the analysing thread; {@code frame} is valid only during the call. */
  interface Listener {
    void analysed(CaptureBuffer frame, ImageAnalysis analysis, long analysedSoFar, double analysedPerSecond);
  }

  /**
   * What a capture did.
   *
   * @param grabbed frames read from the source
   * @param analysed frames analysed
   * @param dropped frames replaced by a newer one before the analyser took them
   * @param failed frames the analyser refused
   * @param seconds from the first grab to the last result
   * @param grabSeconds from the first grab to the last
   * @param latenciesNanos grab-to-result time of each analysed frame, sorted
   * @param error why the capture stopped early (source or analyser failure), or null
   * @param firstFailure the first analysis failure, or null
   */
  record Result(long grabbed, long analysed, long dropped, long failed, double seconds, double grabSeconds,
      long[] latenciesNanos,
      @Nullable String error, @Nullable String firstFailure) {

    /** Grabbed frames per second (the source's rate). */
    double grabbedPerSecond() {
      return grabSeconds > 0 ? (grabbed - 1) / grabSeconds : 0;
    }

    /** Analysed frames per second. */
    double analysedPerSecond() {
      return seconds > 0 ? analysed / seconds : 0;
    }

    /** The {@code p}-th percentile latency (nearest rank), in milliseconds; NaN without frames. */
    double latencyMillis(double p) {
      if (latenciesNanos.length == 0) {
        return Double.NaN;
      }
      int rank = (int) Math.ceil(p / 100.0 * latenciesNanos.length);
      return latenciesNanos[Math.max(0, Math.min(latenciesNanos.length - 1, rank - 1))] / 1e6;
    }
  }

  private final CaptureSource source;
  private final CaptureControls controls;
  private final long maxFrames;
  private final CaptureExchange exchange = new CaptureExchange();

  // Written by the grabbing thread (the first frame by the caller, before the threads start).
  private long grabbed;
  private long dropped;
  private long firstGrabNanos;
  private long lastGrabNanos;
  private @Nullable String sourceError;
  private int firstWidth;
  private int firstHeight;

  // Written by the analysing thread.
  private long analysed;
  private long failed;
  private long lastResultNanos;
  private long[] latencies = new long[256];
  private @Nullable String analysisError;
  private @Nullable String firstFailure;

  /**
   * @param maxFrames stop after this many grabbed frames; 0 for no limit
   */
  CaptureLoop(CaptureSource source, CaptureControls controls, long maxFrames) {
    this.source = source;
    this.controls = controls;
    this.maxFrames = maxFrames;
  }

  /**
   * Grabs the first frame on the calling thread (so that the caller learns the frame size before the
   * capture starts).
   *
   * @return false when the source has no frame at all
   */
  boolean grabFirst() throws FrameGrabber.Exception, InterruptedException {
    if (!grabOne()) {
      return false;
    }
    firstGrabNanos = lastGrabNanos;
    return true;
  }

  int width() {
    return firstWidth;
  }

  int height() {
    return firstHeight;
  }

  /** Runs the capture until the source ends, {@code maxFrames} are grabbed, or a stop is requested. */
  Result run(NailfoldAnalyzer analyzer, @Nullable Calibration calibration, Listener listener)
      throws InterruptedException {
    Thread analysing = new Thread(() -> analyseLoop(analyzer, calibration, listener), "nvc-capture-analyse");
    Thread grabbing = new Thread(this::grabLoop, "nvc-capture-grab");
    analysing.start();
    grabbing.start();
    try {
      grabbing.join();
      analysing.join();
    } catch (InterruptedException e) {
      controls.requestStop();
      grabbing.join();
      analysing.join();
      throw e;
    }
    long[] sorted = Arrays.copyOf(latencies, (int) analysed);
    Arrays.sort(sorted);
    double seconds = analysed == 0 ? 0 : (lastResultNanos - firstGrabNanos) / 1e9;
    String error = analysisError != null ? analysisError : sourceError;
    return new Result(grabbed, analysed, dropped, failed, seconds, (lastGrabNanos - firstGrabNanos) / 1e9, sorted,
        error, firstFailure);
  }

  private boolean grabOne() throws FrameGrabber.Exception, InterruptedException {
    Frame f = source.grab();
    if (f == null) {
      return false;
    }
    long now = System.nanoTime();
    long wall = System.currentTimeMillis();
    CaptureBuffer b = exchange.acquire();
    try {
      b.copyFrom(f);
    } catch (RuntimeException e) {
      exchange.release(b);
      throw e;
    }
    b.sequence = ++grabbed;
    b.grabNanos = now;
    lastGrabNanos = now;
    b.grabEpochMillis = wall;
    if (grabbed == 1) {
      firstWidth = b.width();
      firstHeight = b.height();
    }
    if (exchange.publish(b)) {
      dropped++;
    }
    return true;
  }

  private void grabLoop() {
    try {
      while (!controls.stopRequested() && (maxFrames <= 0 || grabbed < maxFrames) && grabOne()) {
        // grabOne publishes each frame
      }
    } catch (FrameGrabber.Exception | RuntimeException e) {
      sourceError = "grabbing frame " + (grabbed + 1) + " from " + source.id() + ": "
          + CaptureSource.firstLine(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private void analyseLoop(NailfoldAnalyzer analyzer, @Nullable Calibration calibration, Listener listener) {
    for (CaptureBuffer b = exchange.take(); b != null; b = exchange.take()) {
      try {
        ImageAnalysis a;
        try {
          a = analyzer.analyze(b.raw(), calibration);
        } catch (NvcException | RuntimeException e) {
          failed++;
          if (firstFailure == null) {
            firstFailure = "frame " + b.sequence + ": " + e.getMessage();
          }
          if (e instanceof RuntimeException) {
            analysisError = firstFailure;
            controls.requestStop();
          }
          continue;
        }
        long done = System.nanoTime();
        if (analysed == latencies.length) {
          latencies = Arrays.copyOf(latencies, latencies.length * 2);
        }
        latencies[(int) analysed++] = done - b.grabNanos;
        lastResultNanos = done;
        listener.analysed(b, a, analysed, analysed / Math.max(1e-9, (done - firstGrabNanos) / 1e9));
      } catch (RuntimeException e) {
        if (analysisError == null) {
          analysisError = "frame " + b.sequence + ": " + e;
        }
        controls.requestStop();
      } finally {
        exchange.release(b);
      }
    }
  }
}
