package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.Finger;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NailfoldAnalyzerBuilder;
import io.nvc.NvcException;
import io.nvc.Overlay;
import io.nvc.Sector;
import io.nvc.calibration.DeviceProfile;
import io.nvc.calibration.DeviceProfiles;
import java.awt.GraphicsEnvironment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacv.FrameGrabber;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nvc capture}: live analysis of a camera or a video file, as capture software embeds the SDK.
 * Frames are handed to the analyzer as raw BGR buffers, latest frame wins (see {@link CaptureLoop}), the
 * overlay is shown in a window when a display exists, and snapshots are saved with their full capture
 * metadata. Prints the achieved analysed frames per second and latency percentiles at the end.
 */
@Command(
    name = "capture",
    mixinStandardHelpOptions = true,
    description = {
      "Analyses frames live from a camera (OpenCV) or a video file (FFmpeg), the",
      "way capture software does: the newest frame is analysed whenever the",
      "analyser is free; frames arriving meanwhile are dropped, never queued.",
      "With a display, a window shows each analysed frame with its overlay;",
      "keys: F next finger, S next sector, Space snapshot, Q quit. With",
      "--headless and an interactive console, type: finger R3, sector B,",
      "snap (or Enter), quit.",
      "Snapshots: <out>/snapshot-NNNN[-FINGER][-SECTOR].png with the capture",
      "metadata embedded (finger, sector, magnification, calibration, time,",
      "camera, software), plus its analysis as .json.",
      "At the end prints frames grabbed, analysed and dropped, the analysed",
      "frames per second and the latency (grab to result) p50 and p95.",
      "Exit status: 0 done, 1 frames or snapshots failed or the source broke",
      "off, 2 bad usage or setup."
    })
final class CaptureCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  /** The frame source: exactly one of camera and video. */
  static final class Source {
    @Option(names = "--camera", paramLabel = "INDEX", required = true,
        description = "Camera number (0 for the first camera).")
    @Nullable Integer camera;

    @Option(names = "--video", paramLabel = "FILE", required = true,
        description = "Video file (any format FFmpeg reads), played at its frame rate.")
    @Nullable Path video;
  }

  /** The calibration: at most one of a device profile and micrometres per pixel. */
  static final class Scale {
    @Option(names = "--device-profile", paramLabel = "NAME", required = true,
        description = "Calibrate from the device profile whose model or camera model is NAME.")
    @Nullable String deviceProfile;

    @Option(names = "--um-per-px", paramLabel = "X[,Y]", required = true,
        description = "Calibration in micrometres per pixel (x and y when pixels are not square).")
    @Nullable String umPerPx;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source = new Source();

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  @Nullable Scale scale;

  @Option(names = "--device-profiles", paramLabel = "FILE",
      description = "Device catalogue (nvc.device-profiles/1) added to the built-in one; repeatable.")
  List<Path> deviceProfiles = new ArrayList<>();

  @Option(names = "--magnification", paramLabel = "M",
      description = "Optical magnification, e.g. 200 (selects the device profile and is recorded).")
  @Nullable Double magnification;

  @Option(names = "--frames", paramLabel = "N",
      description = "Stop after N grabbed frames (default: at the end of the video, or Q).")
  long frames;

  @Option(names = "--headless", description = "No window, even when a display exists.")
  boolean headless;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "nvc-capture",
      description = "Folder for snapshots (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nvc-capture");

  @Option(names = "--finger", paramLabel = "F", description = "Finger at the start: L1-L5 or R1-R5.")
  @Nullable String finger;

  @Option(names = "--sector", paramLabel = "S", description = "Sector at the start: A-D or PANORAMIC.")
  @Nullable String sector;

  @Option(names = "--snapshot-every", paramLabel = "N",
      description = "Also save a snapshot of every N-th analysed frame (scripts and tests).")
  int snapshotEvery;

  @Option(names = "--overlay", description = "Also save <snapshot>.overlay.png.")
  boolean overlay;

  @Option(names = "--camera-model", paramLabel = "S",
      description = "Camera model recorded in snapshots (default: the device profile name, else"
          + " 'camera' or 'video file').")
  @Nullable String cameraModel;

  @Option(names = "--camera-id", paramLabel = "S",
      description = "Camera id recorded in snapshots (default: camera:INDEX or file:NAME).")
  @Nullable String cameraId;

  @Option(names = "--patient-id", paramLabel = "S",
      description = "Pseudonymous patient id recorded in snapshots (opt-in).")
  @Nullable String patientId;

  @Option(names = "--examination-id", paramLabel = "S",
      description = "Examination id recorded in snapshots (opt-in).")
  @Nullable String examinationId;

  @Option(names = "--size", paramLabel = "WxH", description = "Capture size to ask a camera for.")
  @Nullable String size;

  @Option(names = "--no-pace",
      description = "Read a video file as fast as it decodes, not at its frame rate (measures the"
          + " analyser's maximum rate).")
  boolean noPace;

  @Mixin AnalyzerOptions engine = new AnalyzerOptions();



  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CaptureControls controls;
    DeviceProfiles catalogue = null;
    CaptureSource src = null;
    NailfoldAnalyzer analyzer = null;
    try {
      if (frames < 0 || snapshotEvery < 0) {
        throw new IllegalArgumentException("--frames and --snapshot-every expect a number >= 0, found "
            + frames + " and " + snapshotEvery);
      }
      controls = new CaptureControls(finger == null ? null : Finger.parse(finger),
          sector == null ? null : Sector.parse(sector));
      if (scale != null && scale.deviceProfile != null) {
        catalogue = catalogue(scale.deviceProfile);
      }
      src = open();
      analyzer = analyzer();
      CaptureLoop loop = new CaptureLoop(src, controls, frames);
      if (!loop.grabFirst()) {
        throw new IllegalArgumentException(src.id() + ": no video frames");
      }
      Calibration calibration = calibration(catalogue, loop.width(), loop.height());
      String model = cameraModel != null ? cameraModel
          : scale != null && scale.deviceProfile != null ? scale.deviceProfile
          : source.camera != null ? "camera" : "video file";
      Double mag = magnification != null ? magnification
          : calibration != null ? calibration.magnification() : null;
      CaptureSnapshots.Fixed fixed = new CaptureSnapshots.Fixed(calibration, mag, model,
          cameraId != null ? cameraId : src.id(), patientId, examinationId);
      return capture(stdout, err, src, analyzer, loop, calibration, controls, fixed);
    } catch (IllegalArgumentException | NvcException | FrameGrabber.Exception e) {
      err.println("nvc: error: " + CaptureSource.firstLine(e.getMessage()));
      return 2;
    } finally {
      if (analyzer != null) {
        analyzer.close();
      }
      if (src != null) {
        src.close();
      }
    }
  }

  private int capture(PrintWriter stdout, PrintWriter err, CaptureSource src, NailfoldAnalyzer analyzer,
      CaptureLoop loop, @Nullable Calibration calibration, CaptureControls controls,
      CaptureSnapshots.Fixed fixed) throws InterruptedException {
    CaptureWindow window = null;
    if (!headless && !GraphicsEnvironment.isHeadless()) {
      window = CaptureWindow.open("nvc capture - " + src.id(), controls);
    } else {
      if (!headless) {
        err.println("nvc: no display: running headless");
      }
      if (System.console() != null) {
        controls.startPrompt(err);
      }
    }
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      // Ctrl-C: stop grabbing and let the summary print before the JVM exits.
      controls.requestStop();
      try {
        finished.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "nvc-capture-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stdout.printf(Locale.ROOT, "capturing %s, %dx%d, %s%n", src.description(), loop.width(), loop.height(),
          calibration == null ? "uncalibrated" : String.format(Locale.ROOT, "%.4g um/px (%s)",
              calibration.micrometresPerPixel(), calibration.source()));
      stdout.flush();
      CaptureLoop.Result r;
      CaptureSnapshots snapshots = new CaptureSnapshots(out, overlay, fixed, stdout, err);
      try {
        CaptureWindow shown = window;
        r = loop.run(analyzer, calibration, (frame, analysis, count, fps) -> {
          if (shown != null) {
            shown.show(Overlay.render(frame.view(), analysis), String.format(Locale.ROOT,
                " %s   frame %d   %.1f analysed/s   %d capillaries   F finger  S sector  Space snapshot  Q quit",
                controls.label(), frame.sequence, fps, analysis.capillaries().size()));
          }
          boolean every = snapshotEvery > 0 && count % snapshotEvery == 0;
          if (controls.takeSnapshotRequest() | every) {
            snapshots.submit(frame.copy(), analysis, controls.finger(), controls.sector(),
                frame.grabEpochMillis);
          }
        });
      } finally {
        snapshots.finish();
        if (window != null) {
          window.close();
        }
      }
      summary(stdout, r, snapshots);
      if (r.firstFailure() != null) {
        err.println("nvc: " + r.failed() + " frame(s) failed, the first: " + r.firstFailure());
      }
      if (r.error() != null && !r.error().equals(r.firstFailure())) {
        err.println("nvc: error: " + r.error());
      }
      return r.failed() > 0 || r.error() != null || snapshots.failed() > 0 ? 1 : 0;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down (Ctrl-C): the hook is running
      }
    }
  }

  private static void summary(PrintWriter out, CaptureLoop.Result r, CaptureSnapshots snapshots) {
    out.printf(Locale.ROOT, "frames grabbed:  %d (%.1f fps)%n", r.grabbed(), r.grabbedPerSecond());
    out.printf(Locale.ROOT, "frames analysed: %d%n", r.analysed());
    out.printf(Locale.ROOT, "frames dropped:  %d (arrived while the analyser was busy)%n", r.dropped());
    out.printf(Locale.ROOT, "frames failed:   %d%n", r.failed());
    out.printf(Locale.ROOT, "analysed fps:    %.1f (over %.2f s)%n", r.analysedPerSecond(), r.seconds());
    out.printf(Locale.ROOT, "latency p50:     %s ms (grab to result)%n", millis(r.latencyMillis(50)));
    out.printf(Locale.ROOT, "latency p95:     %s ms%n", millis(r.latencyMillis(95)));
    out.printf(Locale.ROOT, "snapshots:       %d in %s%n", snapshots.written(), snapshots.dir().toAbsolutePath());
    out.flush();
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "-" : String.format(Locale.ROOT, "%.1f", ms);
  }

  private CaptureSource open() throws FrameGrabber.Exception {
    if (source.video != null) {
      return CaptureSource.video(source.video, !noPace);
    }
    int index = source.camera == null ? 0 : source.camera;
    if (index < 0) {
      throw new IllegalArgumentException("--camera expects a camera number >= 0, found " + index);
    }
    int w = 0;
    int h = 0;
    if (size != null) {
      String[] p = size.toLowerCase(Locale.ROOT).split("x");
      try {
        w = Integer.parseInt(p[0].trim());
        h = p.length == 2 ? Integer.parseInt(p[1].trim()) : -1;
      } catch (NumberFormatException e) {
        h = -1;
      }
      if (w <= 0 || h <= 0) {
        throw new IllegalArgumentException("--size expects WIDTHxHEIGHT, e.g. 1280x1024, found '" + size + "'");
      }
    }
    return CaptureSource.camera(index, w, h);
  }

  private NailfoldAnalyzer analyzer() throws NvcException {
    NailfoldAnalyzerBuilder builder = engine.builder();
    return builder.build();
  }

  /** The built-in catalogue plus the user's files; fails when none of their profiles is called {@code name}. */
  private DeviceProfiles catalogue(String name) throws NvcException {
    DeviceProfiles all = DeviceProfiles.builtIn();
    for (Path file : deviceProfiles) {
      all = all.withFile(file);
    }
    if (all.profiles().stream().noneMatch(p -> p.matches(name))) {
      List<String> known = all.profiles().stream().map(p -> p.vendor() + " " + p.model()).distinct().toList();
      throw new IllegalArgumentException("no device profile for '" + name + "'"
          + (known.isEmpty() ? "; the built-in catalogue is empty: add yours with --device-profiles FILE"
              : "; known: " + String.join(", ", known)));
    }
    return all;
  }

  private @Nullable Calibration calibration(@Nullable DeviceProfiles catalogue, int width, int height) {
    if (scale == null) {
      return null;
    }
    if (scale.umPerPx != null) {
      return CalibrationOption.parse(scale.umPerPx, magnification);
    }
    String name = scale.deviceProfile == null ? "" : scale.deviceProfile;
    DeviceProfile p = catalogue == null ? null : catalogue.find(name, magnification, width, height).orElse(null);
    if (p == null) {
      throw new IllegalArgumentException("no device profile for '" + name + "' fits " + width + "x" + height
          + " frames" + (magnification == null ? " (profiles at several magnifications need --magnification)"
              : " at magnification " + magnification));
    }
    return p.calibration(width, height);
  }
}
