package io.nvc.examples.cli;

import io.nvc.AnalysisJson;
import io.nvc.Calibration;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.NvcException;
import io.nvc.Overlay;
import io.nvc.Sector;
import io.nvc.calibration.CaptureMetadataIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/**
 * Saves snapshots off the analysis thread: {@code snapshot-NNNN[-FINGER][-SECTOR].png} with the full
 * capture metadata embedded (XMP, via {@link CaptureMetadataIO}), its analysis as {@code .json}, and
 * optionally its overlay. At most four snapshots wait; beyond that the caller writes one itself, so
 * memory stays bounded. Thread-safe.
 */
final class CaptureSnapshots {

  /**
   * The fields every snapshot of one capture shares.
   *
   * @param calibration the calibration the frames are analysed with, or null
   * @param magnification the optical magnification, or null
   * @param cameraModel the camera or capillaroscope model
   * @param cameraId {@code camera:INDEX}, {@code file:NAME} or the user's id
   * @param patientId opt-in pseudonymous patient id, or null
   * @param examinationId opt-in examination id, or null
   */
  record Fixed(@Nullable Calibration calibration, @Nullable Double magnification, String cameraModel,
      String cameraId, @Nullable String patientId, @Nullable String examinationId) {}

  static final String SOFTWARE = "nvc capture";

  private final Path dir;
  private final boolean overlay;
  private final Fixed fixed;
  private final PrintWriter out;
  private final PrintWriter err;
  private final ThreadPoolExecutor writer;
  private final AtomicInteger written = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private int next = 1;

  CaptureSnapshots(Path dir, boolean overlay, Fixed fixed, PrintWriter out, PrintWriter err) {
    this.dir = dir;
    this.overlay = overlay;
    this.fixed = fixed;
    this.out = out;
    this.err = err;
    this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(4), r -> {
      Thread t = new Thread(r, "nvc-capture-snapshots");
      t.setDaemon(true);
      return t;
    }, new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** Saves {@code image} (owned by the snapshot from now on) and its analysis, in the background. */
  void submit(BufferedImage image, ImageAnalysis analysis, @Nullable Finger finger, @Nullable Sector sector,
      long grabEpochMillis) {
    writer.execute(() -> write(image, analysis, finger, sector, grabEpochMillis));
  }

  int written() {
    return written.get();
  }

  int failed() {
    return failed.get();
  }

  Path dir() {
    return dir;
  }

  /** Takes no more snapshots and waits for those still being written. */
  void finish() throws InterruptedException {
    writer.shutdown();
    if (!writer.awaitTermination(2, TimeUnit.MINUTES)) {
      err.println("nvc: warning: snapshots still being written after 2 minutes");
    }
  }

  private void write(BufferedImage image, ImageAnalysis analysis, @Nullable Finger finger,
      @Nullable Sector sector, long grabEpochMillis) {
    Path png = null;
    try {
      png = reserve(finger, sector);
      if (!ImageIO.write(image, "png", png.toFile())) {
        throw new IOException("no PNG writer available");
      }
      OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochMilli(grabEpochMillis), ZoneId.systemDefault());
      CaptureMetadata metadata = new CaptureMetadata(finger, sector, fixed.magnification(),
          fixed.calibration(), at, fixed.cameraModel(), fixed.cameraId(), SOFTWARE,
          analysis.provenance().sdkVersion(), fixed.patientId(), fixed.examinationId());
      boolean identifiers = fixed.patientId() != null || fixed.examinationId() != null;
      for (String w : CaptureMetadataIO.write(png, metadata, identifiers)) {
        err.println("nvc: warning: " + png.getFileName() + ": " + w);
      }
      String base = png.getFileName().toString().replaceFirst("\\.png$", "");
      AnalysisJson.write(analysis, dir.resolve(base + ".json"));
      if (overlay) {
        Overlay.writePng(Overlay.render(image, analysis), dir.resolve(base + ".overlay.png"));
      }
      written.incrementAndGet();
      out.printf(Locale.ROOT, "snapshot: %s (%s, %d capillaries)%n", png, labelOf(finger, sector),
          analysis.capillaries().size());
      out.flush();
    } catch (IOException | NvcException | RuntimeException e) {
      failed.incrementAndGet();
      err.println("nvc: snapshot " + (png == null ? "in " + dir : png) + " failed: " + e.getMessage());
      err.flush();
    }
  }

  /** Creates the next free {@code snapshot-NNNN...png}, so that two writers never share a name. */
  private synchronized Path reserve(@Nullable Finger finger, @Nullable Sector sector) throws IOException {
    Files.createDirectories(dir);
    String suffix = (finger == null ? "" : "-" + finger.name()) + (sector == null ? "" : "-" + sector.name());
    while (true) {
      Path p = dir.resolve(String.format(Locale.ROOT, "snapshot-%04d%s.png", next++, suffix));
      try {
        return Files.createFile(p);
      } catch (FileAlreadyExistsException e) {
        // an earlier capture's snapshot: try the next number
      }
    }
  }

  private static String labelOf(@Nullable Finger finger, @Nullable Sector sector) {
    return "finger " + (finger == null ? "-" : finger.name()) + ", sector " + (sector == null ? "-" : sector.name());
  }
}
