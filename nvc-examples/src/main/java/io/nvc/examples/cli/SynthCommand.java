package io.nvc.examples.cli;

import io.nvc.synth.ImageFormat;
import io.nvc.synth.Profile;
import io.nvc.synth.SynthOptions;
import io.nvc.synth.SyntheticDatasets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvc synth}: renders synthetic nailfold images with exact COCO ground truth. */
@Command(
    name = "synth",
    mixinStandardHelpOptions = true,
    description = {
      "Renders synthetic nailfold images with exact ground truth.",
      "Writes DIR/images/*.png|jpg and DIR/annotations.json (COCO with keypoints, calibration and",
      "calibres), or with --examination a whole examination DIR/<finger>/<sector>.png. The same seed",
      "and options give identical files."
    })
final class SynthCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--count", paramLabel = "N", description = "Number of images (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int count;

  @Option(names = "--seed", paramLabel = "S", required = true, description = "Random seed.")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
  Path out = Path.of("synth");

  @Option(names = "--size", paramLabel = "WxH", description = "Image size (default 1280x1024).")
  @Nullable String size;

  @Option(names = "--um-per-px", paramLabel = "MIN,MAX",
      description = "Range of micrometres per pixel, drawn per image (0.7 to 3.0; default about 1).")
  @Nullable String umPerPx;

  @Option(names = "--profile", paramLabel = "NAME", defaultValue = "normal",
      description = "normal, scleroderma-early, scleroderma-active, scleroderma-late or mixed (default:"
          + " ${DEFAULT-VALUE}).")
  String profile = "normal";

  @Option(names = "--format", paramLabel = "png|jpg", defaultValue = "png",
      description = "Image format (default: ${DEFAULT-VALUE}).")
  String format = "png";

  @Option(names = "--examination", paramLabel = "PROFILE",
      description = "Render a whole examination of this profile (8 fingers x sectors A-D and panoramic);"
          + " --size, --format and --um-per-px apply to its sector views, panoramic views are at 4 to 6"
          + " um/px.")
  @Nullable String examination;

  @Override
  public Integer call() throws Exception {
    SynthOptions options = SynthOptions.defaults().withProfile(Profile.fromName(profile))
        .withFormat(ImageFormat.fromName(format));
    if (size != null) {
      String[] wh = size.toLowerCase(java.util.Locale.ROOT).split("x");
      if (wh.length != 2) {
        throw new IllegalArgumentException("--size expects WxH such as 1280x1024, found '" + size + "'");
      }
      options = options.withSize(parseInt("--size", wh[0]), parseInt("--size", wh[1]));
    }
    if (umPerPx != null) {
      String[] range = umPerPx.split(",");
      double min = parseDouble(range[0]);
      double max = range.length > 1 ? parseDouble(range[1]) : min;
      if (range.length > 2 || min < 0.7 || max > 3.0 || min > max) {
        throw new IllegalArgumentException(
            "--um-per-px expects MIN,MAX within 0.7 to 3.0 micrometres per pixel, found '" + umPerPx + "'");
      }
      options = options.withUmPerPx(min, max);
    }
    if (examination != null) {
      Path written = SyntheticDatasets.writeExamination(out, Profile.fromName(examination), seed, options);
      embedMetadata(written);
      spec.commandLine().getOut().println("Examination written to " + written.toAbsolutePath());
      return 0;
    }
    if (count < 1 || count > 1_000_000) {
      throw new IllegalArgumentException("--count must be in [1, 1000000], found " + count);
    }
    Path written = SyntheticDatasets.writeDataset(out, count, seed, options);
    embedMetadata(written);
    spec.commandLine().getOut().println(count + " images written to " + written.toAbsolutePath());
    return 0;
  }

  /**
   * Writes each image's calibration, and for examinations its finger and sector, into its own XMP
   * metadata (as the capture program would), so that {@code nvc examine} and {@code nvc analyze} read
   * them from the file.
   */
  private static void embedMetadata(Path annotations) throws java.io.IOException, io.nvc.NvcException {
    Path dir = annotations.toAbsolutePath().getParent();
    for (io.nvc.dataset.CocoImage image : io.nvc.dataset.CocoJson.read(annotations).images()) {
      String file = image.fileName();
      String[] parts = file.split("/");
      boolean examination = !parts[0].equals("images");
      String view = parts[1].substring(0, parts[1].lastIndexOf('.'));
      double um = image.micrometresPerPixel().orElseThrow();
      io.nvc.Calibration calibration = new io.nvc.Calibration(um, um, io.nvc.CalibrationSource.MANUAL,
          null, "nvc-synth", null);
      io.nvc.CaptureMetadata metadata = new io.nvc.CaptureMetadata(
          examination ? io.nvc.Finger.parse(parts[0]) : null, examination ? io.nvc.Sector.parse(view) : null,
          null, calibration, null, "nvc-synth", null, "nvc synth", null, null, null);
      io.nvc.calibration.CaptureMetadataIO.write(dir.resolve(file), metadata, false);
    }
  }

  private static int parseInt(String option, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " expects whole numbers, found '" + text + "'");
    }
  }

  private double parseDouble(String text) {
    try {
      return Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--um-per-px expects numbers, found '" + umPerPx + "'");
    }
  }
}
