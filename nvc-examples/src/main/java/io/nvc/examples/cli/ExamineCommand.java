package io.nvc.examples.cli;

import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NailfoldAnalyzerBuilder;
import io.nvc.examination.Examination;
import io.nvc.examination.ExaminationFolder;
import io.nvc.examination.ExaminationImage;
import io.nvc.examination.ExaminationJson;
import io.nvc.examination.ExaminationReport;
import io.nvc.examination.Examinations;
import io.nvc.examination.FingerSummary;
import io.nvc.examination.ImageResult;
import io.nvc.examination.MetadataLookup;
import io.nvc.report.HtmlReport;
import io.nvc.report.PdfReport;
import io.nvc.report.SyntheticExaminations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nvc examine}: analyses a whole examination folder and writes the patient report. */
@Command(
    name = "examine",
    mixinStandardHelpOptions = true,
    description = {
      "Analyses every photo of one examination and writes report.json, report.html and report.pdf",
      "into the output folder: per-finger figures, the Fast Track suggestion with its trace,",
      "overlay photos and charts.",
      "DIR holds DIR/<finger>/<sector>.<ext> (finger L1-L5 or R1-R5; sector A, B, C, D, panoramic",
      "or unknown; for example R3/B.png, L2/panoramic.jpg), or images whose metadata names the",
      "finger (nvc metadata set). Calibration: --um-per-px, else an nvc synth annotations.json in",
      "DIR, else each file's metadata; images with none are counted without micrometres or density.",
      "Exit status: 0 all analysed, 1 some images failed, 2 bad usage or setup."
    })
final class ExamineCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "The examination folder.")
  Path dir = Path.of(".");

  @Option(names = "--patient", paramLabel = "ID",
      description = "Pseudonymous patient identifier (default: from the images' metadata, else the folder name).")
  @Nullable String patient;

  @Option(names = "--date", paramLabel = "YYYY-MM-DD",
      description = "Examination date (default: the earliest capture date in the metadata).")
  @Nullable String date;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "nvc-out",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out = Path.of("nvc-out");

  @Option(names = "--um-per-px", paramLabel = "X[,Y]",
      description = "Calibration of every photo in micrometres per pixel (overrides metadata).")
  @Nullable String umPerPx;

  @Mixin AnalyzerOptions engine = new AnalyzerOptions();



  @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
      description = "Photos analysed at once (default: ${DEFAULT-VALUE}).")
  int parallel = 2;

  @Option(names = "--template", paramLabel = "FILE",
      description = "Your own Mustache template for report.html (see docs/reports.md).")
  @Nullable Path template;

  @Option(names = "--no-pdf", description = "Do not write report.pdf.")
  boolean noPdf;

  @Option(names = "--ground-truth",
      description = "Report the ground truth of a synthetic examination (DIR/annotations.json from nvc synth"
          + " --examination) instead of analysing: previews a report without models.")
  boolean groundTruth;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    if (parallel < 1) {
      throw new IllegalArgumentException("--parallel expects a number >= 1, found " + parallel);
    }
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": no such folder; expected " + ExaminationFolder.LAYOUT);
    }
    HtmlReport html = HtmlReport.defaults();
    if (template != null) {
      html = html.withTemplate(Files.readString(template));
    }
    Examination exam = ExaminationFolder.scan(dir, patient, parseDate(), MetadataLookup.installed());
    Path annotations = dir.resolve("annotations.json");
    boolean synthetic = Files.isRegularFile(annotations);
    exam = withCalibrations(exam, synthetic ? SyntheticExaminations.calibrations(annotations) : Map.of());
    ExaminationReport report;
    if (groundTruth) {
      if (!synthetic) {
        throw new IllegalArgumentException("--ground-truth needs " + annotations + " (written by nvc synth"
            + " --examination)");
      }
      report = groundTruth(exam, SyntheticExaminations.groundTruth(annotations));
    } else {
      NailfoldAnalyzerBuilder builder = engine.builder();
      try (NailfoldAnalyzer analyzer = builder.build()) {
        Progress progress = new Progress(err, exam.images().size());
        report = Examinations.analyze(analyzer, exam, parallel, (r, done, total) ->
            progress.step(r.image().finger() + "/" + r.image().file().getFileName()), null);
      }
    }
    Files.createDirectories(out);
    ExaminationJson.write(report, out.resolve("report.json"));
    html.write(report, out.resolve("report.html"));
    if (!noPdf) {
      PdfReport.of(html).write(report, out.resolve("report.pdf"));
    }
    print(stdout, report);
    stdout.println("Report in " + out.toAbsolutePath().resolve("report.html"));
    boolean failed = report.images().stream().anyMatch(r -> r.status() == ImageResult.Status.FAILED);
    if (failed) {
      report.images().stream().filter(r -> r.failure() != null)
          .forEach(r -> err.println("nvc: " + r.image().file() + ": " + r.failure()));
    }
    return failed ? 1 : 0;
  }

  private @Nullable LocalDate parseDate() {
    if (date == null) {
      return null;
    }
    try {
      return LocalDate.parse(date);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("--date expects YYYY-MM-DD, found '" + date + "'");
    }
  }

  /** Calibrations: --um-per-px for every photo, else the synthetic annotation file's, else none given. */
  private Examination withCalibrations(Examination exam, Map<String, Calibration> sidecar) {
    Calibration manual = umPerPx == null ? null : CalibrationOption.parse(umPerPx, null);
    List<ExaminationImage> images = new ArrayList<>();
    for (ExaminationImage i : exam.images()) {
      String rel = dir.relativize(i.file()).toString().replace('\\', '/');
      Calibration c = manual != null ? manual : sidecar.get(rel);
      images.add(c == null ? i : i.withCalibration(c));
    }
    return new Examination(exam.patientId(), exam.examinationId(), exam.date(), images);
  }

  private ExaminationReport groundTruth(Examination exam, Map<String, ImageAnalysis> truth) {
    List<ImageResult> results = new ArrayList<>();
    for (ExaminationImage i : exam.images()) {
      String rel = dir.relativize(i.file()).toString().replace('\\', '/');
      ImageAnalysis a = truth.get(rel);
      if (!i.inMetrics()) {
        results.add(new ImageResult(i, null, null));
      } else if (a == null) {
        results.add(new ImageResult(i, null, "no ground truth for " + rel + " in annotations.json"));
      } else {
        results.add(new ImageResult(i, a, null));
      }
    }
    ExaminationReport r = Examinations.summarise(exam, results, Instant.now());
    List<String> notes = new ArrayList<>(r.notes());
    notes.add(0, "Ground truth of a synthetic examination (annotations.json), shown as if a perfect analyzer had"
        + " found it: not an analysis.");
    return new ExaminationReport(r.patientId(), r.examinationId(), r.date(), r.generatedAt(), r.images(),
        r.fingers(), r.patient(), r.fastTrack(), r.provenance(), notes);
  }

  private static void print(PrintWriter out, ExaminationReport r) {
    out.printf("Patient %s: %s%n", r.patientId(), r.fastTrack().suggestion());
    out.printf("%-6s %7s %11s %6s %8s %12s%n", "finger", "per mm", "capillaries", "giant", "enlarged",
        "haemorrhages");
    for (FingerSummary f : r.fingers()) {
      out.printf("%-6s %7s %11d %6d %8d %12d%n", f.finger(), f.densityPerMm() == null ? "-"
          : String.format(Locale.ROOT, "%.1f", f.densityPerMm()), f.totals().capillaries(), f.totals().giant(),
          f.totals().enlarged(), f.totals().haemorrhages());
    }
    out.printf("%-6s %7s %11d %6d %8d %12d%n", "all", r.patient().densityPerMm() == null ? "-"
        : String.format(Locale.ROOT, "%.1f", r.patient().densityPerMm()), r.patient().totals().capillaries(),
        r.patient().totals().giant(), r.patient().totals().enlarged(), r.patient().totals().haemorrhages());
  }
}
