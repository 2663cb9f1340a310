package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.CaptureMetadata;
import io.nvc.NvcException;
import io.nvc.Point;
import io.nvc.calibration.CaptureMetadataIO;
import io.nvc.calibration.Calibrations;
import io.nvc.calibration.GraticuleCalibrator;
import io.nvc.calibration.MetadataRead;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code nvc calibrate}: micrometres per pixel from a photo of a stage micrometer (graticule) or from
 * two points a known distance apart, optionally stored in an image's metadata.
 */
@Command(
    name = "calibrate",
    mixinStandardHelpOptions = true,
    description = {
      "Measures micrometres per pixel, either automatically from a photo of a stage",
      "micrometer (--graticule IMAGE --pitch-um P: evenly spaced ticks P micrometres apart,",
      "at any angle) or from two points a known distance apart (--points x1,y1,x2,y2",
      "--distance-um D). --write FILE stores the result in FILE's capture metadata.",
      "Exit status: 0 calibrated, 1 no ticks found or FILE could not be written, 2 bad usage."
    })
final class CalibrateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--graticule", paramLabel = "IMAGE", description = "Photo of a stage micrometer.")
  @Nullable Path graticule;

  @Option(names = "--pitch-um", paramLabel = "P", description = "Distance between neighbouring ticks in um.")
  @Nullable Double pitchUm;

  @Option(names = "--points", paramLabel = "x1,y1,x2,y2", description = "Two image points in pixels.")
  @Nullable String points;

  @Option(names = "--distance-um", paramLabel = "D", description = "True distance between the points in um.")
  @Nullable Double distanceUm;

  @Option(names = "--point-uncertainty-px", paramLabel = "S", defaultValue = "1.0",
      description = "How precisely each point was placed, in pixels (default: ${DEFAULT-VALUE}).")
  double pointUncertaintyPx = 1.0;

  @Option(names = "--write", paramLabel = "FILE",
      description = "Store the calibration in this JPEG, PNG or TIFF file's metadata.")
  @Nullable Path write;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean byGraticule = graticule != null || pitchUm != null;
    boolean byPoints = points != null || distanceUm != null;
    if (byGraticule == byPoints) {
      throw new ParameterException(spec.commandLine(), "give either --graticule IMAGE --pitch-um P or"
          + " --points x1,y1,x2,y2 --distance-um D");
    }
    if (byGraticule && (graticule == null || pitchUm == null)) {
      throw new ParameterException(spec.commandLine(), "--graticule and --pitch-um go together");
    }
    if (byPoints && (points == null || distanceUm == null)) {
      throw new ParameterException(spec.commandLine(), "--points and --distance-um go together");
    }
    if (write != null) {
      MetadataCommand.requireFile(write);
    }
    Calibration calibration;
    String details;
    if (byGraticule) {
      BufferedImage image = readImage(graticule);
      GraticuleCalibrator.Result r;
      try {
        r = new GraticuleCalibrator().calibrate(image, pitchUm);
      } catch (NvcException e) {
        err.println("nvc: " + graticule.getFileName() + ": " + e.getMessage());
        return 1;
      }
      calibration = r.calibration();
      details = json
          ? String.format(Locale.ROOT, ", \"periodPx\": %s, \"angleDegrees\": %s, \"ticks\": %d, \"confidence\": %s",
              r.periodPx(), r.angleDegrees(), r.ticks(), r.confidence())
          : String.format(Locale.ROOT, "tick period %.4f px over %d ticks, direction %.2f deg, confidence %.2f",
              r.periodPx(), r.ticks(), r.angleDegrees(), r.confidence());
    } else {
      double[] p = parsePoints(points);
      calibration = Calibrations.fromPoints(new Point(p[0], p[1]), new Point(p[2], p[3]), distanceUm,
          pointUncertaintyPx);
      double length = Math.hypot(p[2] - p[0], p[3] - p[1]);
      details = json ? String.format(Locale.ROOT, ", \"lengthPx\": %s", length)
          : String.format(Locale.ROOT, "%.3f px between the points", length);
    }
    if (json) {
      out.printf(Locale.ROOT, "{\"micrometresPerPixel\": %s, \"relativeUncertainty\": %s, \"source\": \"%s\"%s}%n",
          calibration.micrometresPerPixelX(), calibration.relativeUncertainty(), calibration.source(), details);
    } else {
      out.printf(Locale.ROOT, "micrometres per pixel: %.6f%s%n", calibration.micrometresPerPixelX(),
          calibration.relativeUncertainty() == null ? ""
              : String.format(Locale.ROOT, " +- %.3g %%", 100 * calibration.relativeUncertainty()));
      out.println("source:                " + calibration.source());
      out.println("measured:              " + details);
    }
    if (write != null) {
      try {
        MetadataRead read = CaptureMetadataIO.read(write);
        MetadataCommand.warn(err, write, read.warnings());
        CaptureMetadata old = read.asStored().orElse(CaptureMetadata.empty());
        CaptureMetadata updated = new CaptureMetadata(old.finger(), old.sector(), old.magnification(),
            calibration, old.capturedAt(), old.cameraModel(), old.cameraId(), old.software(),
            old.softwareVersion(), old.patientId(), old.examinationId());
        boolean identifiers = old.patientId() != null || old.examinationId() != null;
        MetadataCommand.warn(err, write, CaptureMetadataIO.write(write, updated, identifiers));
      } catch (NvcException e) {
        err.println("nvc: " + e.getMessage());
        return 1;
      }
      if (!json) {
        out.println("written to:            " + write);
      }
    }
    return 0;
  }

  private static BufferedImage readImage(Path file) {
    MetadataCommand.requireFile(file);
    try {
      BufferedImage image = ImageIO.read(file.toFile());
      if (image == null) {
        throw new IllegalArgumentException(file + ": not a readable image; expected a JPEG, PNG, TIFF or BMP file");
      }
      return image;
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the image: " + e.getMessage(), e);
    }
  }

  private static double[] parsePoints(String text) {
    String[] parts = text.split(",");
    double[] p = new double[4];
    try {
      if (parts.length != 4) {
        throw new NumberFormatException();
      }
      for (int i = 0; i < 4; i++) {
        p[i] = Double.parseDouble(parts[i].trim());
        if (!Double.isFinite(p[i])) {
          throw new NumberFormatException();
        }
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--points expects four numbers x1,y1,x2,y2 (pixels), found '" + text + "'");
    }
    return p;
  }
}
