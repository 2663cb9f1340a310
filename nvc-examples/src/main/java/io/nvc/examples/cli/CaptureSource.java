package io.nvc.examples.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameGrabber;
import org.jspecify.annotations.Nullable;

/**
 * Where frames come from: a camera through OpenCV ({@link OpenCVFrameGrabber}) or a video file through
 * FFmpeg ({@link FFmpegFrameGrabber}), both delivering 8-bit BGR frames. A video file is played at its
 * own frame rate (like a camera) unless pacing is off. Used by one thread at a time.
 */
final class CaptureSource implements AutoCloseable {

  private final FrameGrabber grabber;
  private final String id;
  private final boolean pace;
  private final String description;
  private long firstTimestampMicros = -1;
  private long startNanos;

  private CaptureSource(FrameGrabber grabber, String id, boolean pace) {
    this.grabber = grabber;
    this.id = id;
    this.pace = pace;
    double fps = grabber.getFrameRate();
    this.description = id + (fps > 0 ? String.format(Locale.ROOT, " at %.1f fps", fps) : "");
  }

  /**
   * Opens camera {@code index}, asking for {@code width x height} when both are {@code > 0}.
   *
   * @throws FrameGrabber.Exception when the camera cannot be opened
   */
  static CaptureSource camera(int index, int width, int height) throws FrameGrabber.Exception {
    OpenCVFrameGrabber g = new OpenCVFrameGrabber(index);
    if (width > 0 && height > 0) {
      g.setImageWidth(width);
      g.setImageHeight(height);
    }
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      releaseQuietly(g);
      throw new FrameGrabber.Exception("cannot open camera " + index + ": " + e.getMessage(), e);
    }
    return new CaptureSource(g, "camera:" + index, false);
  }

  /**
   * Opens a video file; {@code pace} plays it at its frame rate, else as fast as it decodes.
   *
   * @throws IllegalArgumentException when the file does not exist
   * @throws FrameGrabber.Exception when FFmpeg cannot open it
   */
  static CaptureSource video(Path file, boolean pace) throws FrameGrabber.Exception {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
    quietFfmpeg();
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      releaseQuietly(g);
      throw new FrameGrabber.Exception(file + ": cannot open the video: " + firstLine(e.getMessage()), e);
    }
    return new CaptureSource(g, "file:" + file.getFileName(), pace);
  }

  /** Keeps FFmpeg's own log to errors (it warns about JPEG colour ranges on every MJPEG frame). */
  static void quietFfmpeg() {
    avutil.av_log_set_level(avutil.AV_LOG_ERROR);
  }

  /** {@code camera:INDEX} or {@code file:NAME}: recorded as the camera id of snapshots. */
  String id() {
    return id;
  }

  /** The id and, when known, the frame rate. */
  String description() {
    return description;
  }

  /**
   * The next frame, or null at the end of a video. The frame and its buffer are the grabber's and are
   * overwritten by the next call: copy what you keep.
   */
  @Nullable Frame grab() throws FrameGrabber.Exception, InterruptedException {
    Frame f = grabber instanceof FFmpegFrameGrabber ff ? ff.grabImage() : grabber.grab();
    if (f == null || !pace) {
      return f;
    }
    if (firstTimestampMicros < 0) {
      firstTimestampMicros = f.timestamp;
      startNanos = System.nanoTime();
      return f;
    }
    long due = startNanos + (f.timestamp - firstTimestampMicros) * 1000;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    return f;
  }

  @Override
  public void close() {
    releaseQuietly(grabber);
  }

  private static void releaseQuietly(FrameGrabber g) {
    try {
      g.stop();
      g.release();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // nothing left to do with a grabber that cannot be stopped
    }
  }

  static String firstLine(@Nullable String message) {
    if (message == null) {
      return "unknown error";
    }
    int cut = message.indexOf(" (Has setFormat()");
    String m = cut > 0 ? message.substring(0, cut) : message;
    return m.lines().findFirst().orElse(m);
  }
}
