package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.NvcException;
import io.nvc.Sector;
import io.nvc.calibration.CaptureMetadataIO;
import io.nvc.calibration.MetadataRead;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nvc metadata show|set}: shows or edits the capture metadata (finger, sector, magnification,
 * calibration, capture time, camera, software) embedded in a JPEG, PNG or TIFF file as XMP.
 */
@Command(
    name = "metadata",
    mixinStandardHelpOptions = true,
    description = {
      "Shows or sets the capture metadata embedded in an image file (XMP in the",
      "namespace http://ns.nvc.io/capture/1.0/, plus EXIF Model, Software and",
      "DateTimeOriginal in JPEG and TIFF). The metadata stays with the image whatever",
      "the file is called, and nvc analyze uses its calibration when --um-per-px is not given."
    },
    subcommands = {MetadataCommand.Show.class, MetadataCommand.Set.class})
final class MetadataCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "nvc metadata needs a subcommand: show or set");
  }

  /** Fails with a usage error when {@code file} is not an existing regular file. */
  static void requireFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(file + ": no such file");
    }
  }

  /** Prints each warning as one line on stderr. */
  static void warn(PrintWriter err, Path file, List<String> warnings) {
    for (String w : warnings) {
      err.println("nvc: warning: " + file.getFileName() + ": " + w);
    }
  }

  /** {@code nvc metadata show FILE [--json]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the capture metadata of an image file; warnings about malformed or foreign",
        "metadata go to stderr. Exit status: 0 shown (also when the file has none),",
        "1 the file could not be read, 2 bad usage."
      })
  static final class Show implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A JPEG, PNG or TIFF file.")
    Path file = Path.of("");

    @Option(names = "--json", description = "Print JSON (absent fields left out, warnings included).")
    boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      requireFile(file);
      MetadataRead read;
      try {
        read = CaptureMetadataIO.read(file);
      } catch (NvcException e) {
        err.println("nvc: " + e.getMessage());
        return 1;
      }
      if (json) {
        out.println(read.toJson());
        return 0;
      }
      warn(err, file, read.warnings());
      CaptureMetadata m = read.asStored().orElse(null);
      if (m == null) {
        out.println(file.getFileName() + ": no capture metadata");
        return 0;
      }
      out.println("file:           " + file);
      line(out, "finger:", m.finger() == null ? null : m.finger().name());
      line(out, "sector:", m.sector() == null ? null : m.sector().name());
      line(out, "magnification:", m.magnification() == null ? null : number(m.magnification()));
      line(out, "calibration:", m.calibration() == null ? null : describe(m.calibration()));
      line(out, "captured:", m.capturedAt() == null ? null
          : m.capturedAt().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      line(out, "camera model:", m.cameraModel());
      line(out, "camera id:", m.cameraId());
      line(out, "software:", m.software());
      line(out, "version:", m.softwareVersion());
      line(out, "patient id:", m.patientId());
      line(out, "examination id:", m.examinationId());
      return 0;
    }

    private static void line(PrintWriter out, String label, @Nullable String value) {
      if (value != null) {
        out.printf("%-15s %s%n", label, value);
      }
    }
  }

  /** {@code nvc metadata set FILE [options]}. */
  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Writes capture metadata into an image file in place (a temporary file and an atomic",
        "move; JPEG and TIFF image data are not re-encoded). Fields not given keep their",
        "current values. Patient and examination identifiers are written only when given",
        "(or already present); --remove-identifiers deletes them.",
        "Exit status: 0 written, 1 the file could not be rewritten, 2 bad usage."
      })
  static final class Set implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A JPEG, PNG or TIFF file.")
    Path file = Path.of("");

    @Option(names = "--finger", paramLabel = "F", description = "L1-L5 or R1-R5.")
    @Nullable String finger;

    @Option(names = "--sector", paramLabel = "S", description = "A, B, C, D, UNKNOWN or PANORAMIC.")
    @Nullable String sector;

    @Option(names = "--magnification", paramLabel = "M", description = "Optical magnification, e.g. 200.")
    @Nullable Double magnification;

    @Option(names = "--um-per-px", paramLabel = "X[,Y]",
        description = "Calibration in micrometres per pixel (x and y when pixels are not square).")
    @Nullable String umPerPx;

    @Option(names = "--camera-model", paramLabel = "S", description = "Camera or capillaroscope model.")
    @Nullable String cameraModel;

    @Option(names = "--camera-id", paramLabel = "S", description = "Camera serial number or identifier.")
    @Nullable String cameraId;

    @Option(names = "--software", paramLabel = "S", description = "Producer software name.")
    @Nullable String software;

    @Option(names = "--software-version", paramLabel = "S", description = "Producer software version.")
    @Nullable String softwareVersion;

    @Option(names = "--captured", paramLabel = "ISO-8601",
        description = "Capture date-time with UTC offset, e.g. 2026-11-26T10:15:30+01:00.")
    @Nullable String captured;

    @Option(names = "--patient-id", paramLabel = "S", description = "Pseudonymous patient identifier.")
    @Nullable String patientId;

    @Option(names = "--examination-id", paramLabel = "S", description = "Examination identifier.")
    @Nullable String examinationId;

    @Option(names = "--remove-identifiers", description = "Remove patient and examination identifiers.")
    boolean removeIdentifiers;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (finger == null && sector == null && magnification == null && umPerPx == null && cameraModel == null
          && cameraId == null && software == null && softwareVersion == null && captured == null
          && patientId == null && examinationId == null && !removeIdentifiers) {
        throw new ParameterException(spec.commandLine(), "nothing to set: give at least one of --finger,"
            + " --sector, --magnification, --um-per-px, --camera-model, --camera-id, --software,"
            + " --software-version, --captured, --patient-id, --examination-id, --remove-identifiers");
      }
      if (removeIdentifiers && (patientId != null || examinationId != null)) {
        throw new ParameterException(spec.commandLine(),
            "--remove-identifiers cannot be combined with --patient-id or --examination-id");
      }
      requireFile(file);
      Finger f = finger == null ? null : Finger.parse(finger);
      Sector s = sector == null ? null : Sector.parse(sector);
      OffsetDateTime when = captured == null ? null : parseDateTime(captured);
      try {
        MetadataRead read = CaptureMetadataIO.read(file);
        warn(err, file, read.warnings());
        CaptureMetadata old = read.asStored().orElse(CaptureMetadata.empty());
        Double mag = magnification != null ? magnification : old.magnification();
        Calibration calibration = umPerPx != null ? CalibrationOption.parse(umPerPx, mag) : old.calibration();
        CaptureMetadata updated = new CaptureMetadata(
            f != null ? f : old.finger(),
            s != null ? s : old.sector(),
            mag,
            calibration,
            when != null ? when : old.capturedAt(),
            cameraModel != null ? cameraModel : old.cameraModel(),
            cameraId != null ? cameraId : old.cameraId(),
            software != null ? software : old.software(),
            softwareVersion != null ? softwareVersion : old.softwareVersion(),
            removeIdentifiers ? null : patientId != null ? patientId : old.patientId(),
            removeIdentifiers ? null : examinationId != null ? examinationId : old.examinationId());
        boolean identifiers = !removeIdentifiers
            && (updated.patientId() != null || updated.examinationId() != null);
        warn(err, file, CaptureMetadataIO.write(file, updated, identifiers));
      } catch (NvcException e) {
        err.println("nvc: " + e.getMessage());
        return 1;
      }
      out.println(file.getFileName() + ": metadata written");
      return 0;
    }
  }

  static OffsetDateTime parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--captured expects an ISO 8601 date-time with UTC offset such as"
          + " 2026-11-26T10:15:30+01:00, found '" + text + "'");
    }
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%s", v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v) : Double.toString(v));
  }

  /** One line: scale, source, uncertainty, device. */
  static String describe(Calibration c) {
    StringBuilder b = new StringBuilder();
    b.append(c.isSquare() ? number(c.micrometresPerPixelX())
        : number(c.micrometresPerPixelX()) + " x " + number(c.micrometresPerPixelY()));
    b.append(" um/px (").append(c.source());
    if (c.relativeUncertainty() != null) {
      b.append(String.format(Locale.ROOT, ", +-%.3g %%", 100 * c.relativeUncertainty()));
    }
    if (c.device() != null) {
      b.append(", ").append(c.device());
    }
    return b.append(')').toString();
  }
}
