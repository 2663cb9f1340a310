package io.nvc.examples.cli;

import io.nvc.AnalysisJson;
import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NailfoldAnalyzerBuilder;
import io.nvc.NvcException;
import io.nvc.Overlay;
import io.nvc.SizeClass;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code nvc analyze}: analyses image files and folders, writing one JSON result per image. */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    description = {
      "Finds, classifies and measures the capillaries in images.",
      "Writes <name>.json (and <name>.overlay.png with --overlay) per image into the output",
      "folder and prints a summary table. Folders are searched recursively",
      "for .jpg, .jpeg, .png, .tif, .tiff and .bmp files.",
      "Exit status: 0 all analysed, 1 some images failed, 2 bad usage or setup."
    })
final class AnalyzeCommand implements Callable<Integer> {

  private static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "tif", "tiff", "bmp");

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Image files or folders.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--um-per-px", paramLabel = "X[,Y]",
      description = "Calibration in micrometres per pixel (x and y when pixels are not square).")
  @Nullable String umPerPx;

  @Mixin AnalyzerOptions engine = new AnalyzerOptions();


  @Option(names = "--out", paramLabel = "DIR", defaultValue = "nvc-out",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nvc-out");

  @Option(names = "--overlay", description = "Also write <name>.overlay.png.")
  boolean overlay;


  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    Calibration calibration = parseCalibration();
    List<Path> images = collect(err);
    if (images.isEmpty()) {
      err.println("nvc: error: no images found in " + paths + "; expected .jpg, .jpeg, .png, .tif, .tiff or"
          + " .bmp files");
      return 2;
    }
    Files.createDirectories(out);
    NailfoldAnalyzerBuilder builder = engine.builder();
    List<String[]> rows = new ArrayList<>();
    int failed = 0;
    Set<String> usedNames = new HashSet<>();
    try (NailfoldAnalyzer analyzer = builder.build()) {
      Progress progress = new Progress(err, images.size());
      for (Path image : images) {
        String name = uniqueName(image, usedNames);
        try {
          ImageAnalysis a = analyzer.analyze(image, calibration);
          AnalysisJson.write(a, out.resolve(name + ".json"));
          if (overlay) {
            BufferedImage source = ImageIO.read(image.toFile());
            Overlay.writePng(Overlay.render(source, a), out.resolve(name + ".overlay.png"));
          }
          rows.add(row(name, a));
        } catch (NvcException e) {
          failed++;
          err.println((images.size() > 1 ? "\n" : "") + "nvc: " + e.getMessage());
          rows.add(new String[] {name, "failed: " + e.code(), "", "", "", "", ""});
        }
        progress.step(image.getFileName().toString());
      }
    }
    printTable(stdout, rows);
    stdout.println("Results in " + out.toAbsolutePath());
    return failed == 0 ? 0 : 1;
  }

  private @Nullable Calibration parseCalibration() {
    return umPerPx == null ? null : CalibrationOption.parse(umPerPx, null);
  }

  private List<Path> collect(PrintWriter err) throws IOException {
    List<Path> images = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(Files::isRegularFile).filter(AnalyzeCommand::isImage).sorted().forEach(images::add);
        }
      } else if (Files.exists(p)) {
        images.add(p);
      } else {
        throw new IllegalArgumentException(p + ": no such file or folder");
      }
    }
    return images;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The file name without extension; a counter is added when two inputs share a name. */
  private static String uniqueName(Path image, Set<String> used) {
    String n = image.getFileName().toString();
    int dot = n.lastIndexOf('.');
    String base = dot > 0 ? n.substring(0, dot) : n;
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  private static String[] row(String name, ImageAnalysis a) {
    var s = a.summary();
    return new String[] {
      name,
      Integer.toString(s.capillaries()),
      Integer.toString(s.distalRow()),
      s.densityPerMm() == null ? "-" : String.format(Locale.ROOT, "%.1f", s.densityPerMm()),
      Integer.toString(s.bySize().getOrDefault(SizeClass.ENLARGED, 0)),
      Integer.toString(s.bySize().getOrDefault(SizeClass.GIANT, 0)),
      Integer.toString(s.haemorrhages())
    };
  }

  private static void printTable(PrintWriter out, List<String[]> rows) {
    String[] header = {"image", "capillaries", "distal", "per mm", "enlarged", "giant", "haemorrhages"};
    int[] width = new int[header.length];
    for (int c = 0; c < header.length; c++) {
      width[c] = header[c].length();
      for (String[] r : rows) {
        width[c] = Math.max(width[c], r[c].length());
      }
    }
    StringBuilder fmt = new StringBuilder("%-" + width[0] + "s");
    for (int c = 1; c < header.length; c++) {
      fmt.append("  %").append(width[c]).append('s');
    }
    String f = fmt.append("%n").toString();
    out.printf(f, (Object[]) header);
    for (String[] r : rows) {
      out.printf(f, (Object[]) r);
    }
  }
}
