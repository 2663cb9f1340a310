package io.nvc.examples.cli;

import io.nvc.dataset.ClassMapping;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoJson;
import io.nvc.dataset.DatasetSplit;
import io.nvc.dataset.DatasetValidator;
import io.nvc.dataset.ValidationIssue;
import io.nvc.dataset.VocFormat;
import io.nvc.dataset.YoloFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nvc dataset}: converts, splits and validates annotation datasets (COCO JSON, Pascal VOC
 * XML folders, YOLO txt folders) with the {@code io.nvc.dataset} API; see docs/evaluation.md.
 */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Converts, splits and validates datasets (COCO JSON, Pascal VOC, YOLO txt).",
    subcommands = {DatasetCommand.Convert.class, DatasetCommand.Split.class,
        DatasetCommand.Validate.class})
final class DatasetCommand {

  /** The dataset formats on the command line. */
  enum Format {
    /** One COCO JSON file. */
    COCO,
    /** A folder of Pascal VOC / LabelImg XML files. */
    VOC,
    /** A YOLO label folder with classes.txt; image sizes come from an image folder. */
    YOLO;

    /** Parses {@code coco}, {@code voc} or {@code yolo} (any case), naming the option on error. */
    static Format parse(String option, String name) {
      return switch (name.trim().toLowerCase(Locale.ROOT)) {
        case "coco" -> COCO;
        case "voc" -> VOC;
        case "yolo" -> YOLO;
        default -> throw new IllegalArgumentException(
            option + ": expected coco, voc or yolo, found '" + name + "'");
      };
    }

    /** Returns the name on the command line, e.g. {@code voc}. */
    String cliName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** The {@code --map} option: class names added to the SDK's names and synonyms. */
  static final class ClassNames {

    @Option(names = "--map", paramLabel = "NAME=CLASS[,...]", defaultValue = "",
        description = "More class names, e.g. bushy=ramified,dilated=normal.")
    String spec = "";

    /** Returns the SDK's default mapping with the given names added. */
    ClassMapping mapping() {
      return ClassMapping.parse(spec);
    }
  }

  /** {@code nvc dataset convert}: reads one format, applies the class mapping, writes another. */
  @Command(
      name = "convert",
      mixinStandardHelpOptions = true,
      description = {
        "Converts a dataset: reads IN in one format, moves its classes onto the SDK's",
        "categories (1 normal, 2 tortuous, 3 ramified, 4 giant, 5 haemorrhage; --map",
        "adds names) and writes OUT in another. COCO is a JSON file, VOC a folder of",
        "XML files, YOLO a label folder with classes.txt; reading YOLO needs --images,",
        "the image folder, for the image sizes. YOLO cannot express crowds or",
        "keypoints and VOC no keypoints; they are dropped.",
        "Exit status: 0 converted, 2 bad usage or unreadable input."
      })
  static final class Convert implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "coco|voc|yolo",
        description = "Format of IN.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "coco|voc|yolo",
        description = "Format of OUT.")
    String to;

    @Parameters(index = "0", paramLabel = "IN",
        description = "COCO JSON file, or VOC or YOLO folder.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT",
        description = "COCO JSON file, or VOC or YOLO folder.")
    Path out;

    @Option(names = "--images", paramLabel = "DIR",
        description = "Image folder (with --from yolo).")
    @Nullable Path images;

    @Mixin ClassNames names;

    @Override
    public Integer call() throws IOException {
      Format source = Format.parse("--from", from);
      Format target = Format.parse("--to", to);
      CocoDataset dataset = names.mapping().apply(read(source, in, images, "IN"));
      switch (target) {
        case COCO -> {
          Path parent = out.toAbsolutePath().getParent();
          if (parent != null) {
            Files.createDirectories(parent);
          }
          CocoJson.write(dataset, out);
        }
        case VOC -> VocFormat.write(dataset, out);
        case YOLO -> YoloFormat.write(dataset, out);
      }
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf("Converted %d images and %d annotations from %s to %s: %s%n",
          dataset.images().size(), dataset.annotations().size(), source.cliName(),
          target.cliName(), out.toAbsolutePath());
      long crowds = dataset.annotations().stream().filter(CocoAnnotation::crowd).count();
      long withKeypoints =
          dataset.annotations().stream().filter(a -> !a.keypoints().isEmpty()).count();
      if (target == Format.YOLO && crowds > 0) {
        stdout.println("Note: " + crowds + " crowd annotations cannot be expressed in YOLO and"
            + " were dropped.");
      }
      if (target != Format.COCO && withKeypoints > 0) {
        stdout.println("Note: the keypoints of " + withKeypoints + " annotations cannot be"
            + " expressed in " + target.cliName().toUpperCase(Locale.ROOT) + " and were dropped.");
      }
      stdout.flush();
      return 0;
    }
  }

  /** {@code nvc dataset split}: a deterministic train/validation split of a COCO file. */
  @Command(
      name = "split",
      mixinStandardHelpOptions = true,
      description = {
        "Splits a COCO dataset into DIR/train.json and DIR/val.json. Images are ranked",
        "by a seeded SHA-256 of their file name, so the split is the same on every",
        "machine and does not depend on file order; state the seed with results.",
        "Exit status: 0 written, 2 bad usage or unreadable input."
      })
  static final class Split implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "COCO.json", description = "The dataset.")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--ratio", paramLabel = "R", defaultValue = "0.85",
        description = "Share of images for training (default: ${DEFAULT-VALUE}).")
    double ratio = DatasetSplit.DEFAULT_TRAIN_FRACTION;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0",
        description = "Seed of the ranking (default: ${DEFAULT-VALUE}).")
    long seed = DatasetSplit.DEFAULT_SEED;

    @Override
    public Integer call() throws IOException {
      CocoDataset dataset = CocoJson.read(existingFile(input, "COCO.json"));
      DatasetSplit split = DatasetSplit.of(dataset, ratio, seed);
      Files.createDirectories(out);
      Path train = out.resolve("train.json");
      Path val = out.resolve("val.json");
      CocoJson.write(split.train(), train);
      CocoJson.write(split.validation(), val);
      PrintWriter stdout = spec.commandLine().getOut();
      stdout.printf(Locale.ROOT, "Split %d images at ratio %s with seed %d:%n",
          dataset.images().size(), ratio, seed);
      stdout.printf("  train: %d images, %d annotations -> %s%n", split.train().images().size(),
          split.train().annotations().size(), train.toAbsolutePath());
      stdout.printf("  val:   %d images, %d annotations -> %s%n",
          split.validation().images().size(), split.validation().annotations().size(),
          val.toAbsolutePath());
      stdout.flush();
      return 0;
    }
  }

  /** {@code nvc dataset validate}: lists every problem of a dataset. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a dataset and lists every problem: duplicate ids and file names,",
        "unknown image or category references, class names the mapping does not know",
        "(--map adds names), boxes outside their image or empty, keypoint counts and,",
        "with --images, missing, unreadable or differently sized image files.",
        "Exit status: 0 no issues, 1 issues found (listed), 2 bad usage or unreadable",
        "input."
      })
  static final class Validate implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "COCO.json",
        description = "A COCO dataset (or give --voc or --yolo).")
    @Nullable Path coco;

    @Option(names = "--voc", paramLabel = "DIR", description = "A folder of VOC XML files.")
    @Nullable Path voc;

    @Option(names = "--yolo", paramLabel = "DIR",
        description = "A YOLO label folder (needs --images).")
    @Nullable Path yolo;

    @Option(names = "--images", paramLabel = "DIR",
        description = "Image folder: image files are checked too (required with --yolo).")
    @Nullable Path images;

    @Mixin ClassNames names;

    @Override
    public Integer call() throws IOException {
      int given = (coco == null ? 0 : 1) + (voc == null ? 0 : 1) + (yolo == null ? 0 : 1);
      if (given != 1) {
        throw new IllegalArgumentException("expected exactly one of COCO.json, --voc DIR or"
            + " --yolo DIR, found " + (given == 0 ? "none" : given));
      }
      ClassMapping mapping = names.mapping();
      Path source = coco != null ? coco : voc != null ? voc : yolo;
      Format format = coco != null ? Format.COCO : voc != null ? Format.VOC : Format.YOLO;
      CocoDataset dataset = read(format, source, images, format == Format.COCO ? "COCO.json"
          : "--" + format.cliName());
      List<ValidationIssue> issues = images == null
          ? DatasetValidator.validate(dataset, mapping)
          : DatasetValidator.validate(dataset, mapping, images);
      PrintWriter stdout = spec.commandLine().getOut();
      for (ValidationIssue issue : issues) {
        stdout.println(issue);
      }
      String counts = dataset.images().size() + " images, " + dataset.annotations().size()
          + " annotations, " + dataset.categories().size() + " categories";
      stdout.println(issues.isEmpty()
          ? "No issues in " + source + " (" + counts + ")."
          : issues.size() + " issues in " + source + " (" + counts + ").");
      stdout.flush();
      return issues.isEmpty() ? 0 : 1;
    }
  }

  /** Reads a dataset in a format, checking first that the input exists. */
  static CocoDataset read(Format format, Path input, @Nullable Path images, String what)
      throws IOException {
    if (images != null && !Files.isDirectory(images)) {
      throw new IllegalArgumentException("--images: expected a folder, found " + images);
    }
    return switch (format) {
      case COCO -> CocoJson.read(existingFile(input, what));
      case VOC -> VocFormat.read(existingFolder(input, what));
      case YOLO -> {
        if (images == null) {
          throw new IllegalArgumentException("YOLO labels need --images DIR, the folder of the"
              + " images (their sizes come from the image files)");
        }
        yield YoloFormat.read(existingFolder(input, what), images);
      }
    };
  }

  private static Path existingFile(Path file, String what) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(what + ": expected a COCO JSON file, found "
          + (Files.isDirectory(file) ? "the folder " : "no file ") + file);
    }
    return file;
  }

  private static Path existingFolder(Path folder, String what) {
    if (!Files.isDirectory(folder)) {
      throw new IllegalArgumentException(what + ": expected a folder, found "
          + (Files.exists(folder) ? "the file " : "nothing at ") + folder);
    }
    return folder;
  }
}
