package io.nvc.examination;

import io.nvc.CapillaryFinding;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.Measurement;
import io.nvc.ModelInfo;
import io.nvc.Morphology;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import io.nvc.SizeClass;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Analyses whole examinations and aggregates their results. Stateless and thread-safe.
 *
 * <pre>{@code
 * try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().build()) {
 *   Examination exam = ExaminationFolder.scan(Path.of("exam"), "P-0042", null, MetadataLookup.installed());
 *   ExaminationReport report = Examinations.analyze(analyzer, exam, 2,
 *       (r, done, total) -> System.err.println(done + "/" + total), null);
 *   System.out.println(report.fastTrack().suggestion());
 *   ExaminationJson.write(report, Path.of("report.json"));
 * }
 * }</pre>
 */
public final class Examinations {

  /** Standard fingers of an examination: 2 to 5 of both hands. */
  public static final List<Finger> STANDARD_FINGERS =
      List.of(Finger.L2, Finger.L3, Finger.L4, Finger.L5, Finger.R2, Finger.R3, Finger.R4, Finger.R5);

  private Examinations() {}

  /** {@link #analyze(NailfoldAnalyzer, Examination, int, ProgressListener, Cancellation)} on 2 threads, no progress. */
  public static ExaminationReport analyze(NailfoldAnalyzer analyzer, Examination examination) {
    return analyze(analyzer, examination, Math.min(2, Runtime.getRuntime().availableProcessors()), null, null);
  }

  /**
   * Analyses every sector image of {@code examination} with {@code analyzer}, {@code parallelism} images
   * at a time, and aggregates the results. Panoramic views are not analysed (they are shown, not
   * measured). An image that fails is recorded with its error and the others go on.
   *
   * @param parallelism images analysed at once, {@code >= 1} (the analyzer is thread-safe; each image
   *     also uses the analyzer's own threads per model call)
   * @param progress told about each image as it finishes, or null
   * @param cancellation checked before each image, or null
   * @throws CancellationException when {@code cancellation} is cancelled or the calling thread is
   *     interrupted (its interrupt flag is then set again)
   * @throws IllegalStateException when the analyzer is closed
   */
  public static ExaminationReport analyze(
      NailfoldAnalyzer analyzer, Examination examination, int parallelism, @Nullable ProgressListener progress,
      @Nullable Cancellation cancellation) {
    if (analyzer == null || examination == null) {
      throw new IllegalArgumentException("analyzer and examination must not be null");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1, found " + parallelism);
    }
    List<ExaminationImage> images = examination.images();
    int total = images.size();
    AtomicInteger done = new AtomicInteger();
    Object progressLock = new Object();
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, total), r -> {
      Thread t = new Thread(r, "nvc-examination-" + threadNumber.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    List<ImageResult> results = new ArrayList<>(total);
    try {
      List<Future<ImageResult>> futures = new ArrayList<>(total);
      for (ExaminationImage image : images) {
        futures.add(pool.submit(() -> {
          if (cancellation != null && cancellation.isCancelled()) {
            throw new CancellationException("examination analysis cancelled");
          }
          ImageResult r = analyseOne(analyzer, image);
          synchronized (progressLock) {
            int n = done.incrementAndGet();
            if (progress != null) {
              progress.imageFinished(r, n, total);
            }
          }
          return r;
        }));
      }
      pool.shutdown();
      for (Future<ImageResult> f : futures) {
        results.add(await(f, cancellation));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while analysing the examination");
    } finally {
      pool.shutdownNow();
    }
    return summarise(examination, results, Instant.now());
  }

  private static ImageResult await(Future<ImageResult> f, @Nullable Cancellation cancellation)
      throws InterruptedException {
    while (true) {
      if (cancellation != null && cancellation.isCancelled()) {
        throw new CancellationException("examination analysis cancelled");
      }
      try {
        return f.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        // check the cancellation again
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException("image analysis failed: " + cause, cause);
      }
    }
  }

  private static ImageResult analyseOne(NailfoldAnalyzer analyzer, ExaminationImage image) {
    if (!image.inMetrics()) {
      return new ImageResult(image, null, null);
    }
    try {
      return new ImageResult(image, analyzer.analyze(image.file(), image.calibration()), null);
    } catch (NvcException e) {
      String message = e.getMessage() == null ? e.code().name() : e.getMessage();
      return new ImageResult(image, null, e.code() + ": " + message.lines().findFirst().orElse(message));
    }
  }

  /**
   * Aggregates the results of an examination's images (one per image, in any order) into a report: the
   * figures per finger and per patient, the Fast Track suggestion, provenance and notes. Pure: the same
   * inputs give the same report.
   *
   * @param generatedAt when the report is made, or null
   */
  public static ExaminationReport summarise(
      Examination examination, List<ImageResult> results, @Nullable Instant generatedAt) {
    Map<Finger, List<ImageResult>> byFinger = new EnumMap<>(Finger.class);
    for (ImageResult r : results) {
      byFinger.computeIfAbsent(r.image().finger(), f -> new ArrayList<>()).add(r);
    }
    List<FingerSummary> fingers = new ArrayList<>();
    for (Map.Entry<Finger, List<ImageResult>> e : byFinger.entrySet()) {
      List<ImageAnalysis> counted = counted(e.getValue());
      List<Double> densities = new ArrayList<>();
      for (ImageAnalysis a : counted) {
        Double d = a.summary().densityPerMm();
        if (a.calibration() != null && d != null) {
          densities.add(d);
        }
      }
      fingers.add(new FingerSummary(e.getKey(), e.getValue().size(), mean(densities), densities, totals(counted)));
    }
    List<Double> fingerDensities = new ArrayList<>();
    for (FingerSummary f : fingers) {
      if (f.densityPerMm() != null) {
        fingerDensities.add(f.densityPerMm());
      }
    }
    PatientSummary patient = new PatientSummary(mean(fingerDensities), fingerDensities.size(),
        totals(counted(results)));
    return new ExaminationReport(examination.patientId(), examination.examinationId(), examination.date(),
        generatedAt, results, fingers, patient, FastTrack.evaluate(patient), provenance(results),
        notes(results, fingers));
  }

  /** Counts and calibres over {@code analyses} (callers pass sector images only). */
  public static FindingTotals totals(List<ImageAnalysis> analyses) {
    int calibrated = 0;
    int capillaries = 0;
    int enlarged = 0;
    int giant = 0;
    int haemorrhages = 0;
    int abnormal = 0;
    Map<Morphology, Integer> byMorphology = new EnumMap<>(Morphology.class);
    List<Double> apical = new ArrayList<>();
    List<Double> arterial = new ArrayList<>();
    List<Double> venous = new ArrayList<>();
    for (ImageAnalysis a : analyses) {
      if (a.calibration() != null) {
        calibrated++;
      }
      haemorrhages += a.haemorrhages().size();
      for (CapillaryFinding c : a.capillaries()) {
        capillaries++;
        byMorphology.merge(c.morphology(), 1, Integer::sum);
        if (c.size() == SizeClass.ENLARGED) {
          enlarged++;
        } else if (c.size() == SizeClass.GIANT) {
          giant++;
        }
        if (c.morphology().isAbnormalShape()) {
          abnormal++;
        }
        add(apical, c.apical());
        add(arterial, c.arterial());
        add(venous, c.venous());
      }
    }
    return new FindingTotals(analyses.size(), calibrated, capillaries, byMorphology, enlarged, giant,
        haemorrhages, abnormal, capillaries == 0 ? null : (double) abnormal / capillaries,
        CalibreStats.of(apical), CalibreStats.of(arterial), CalibreStats.of(venous));
  }

  private static void add(List<Double> values, @Nullable Measurement m) {
    if (m != null && m.micrometres() != null) {
      values.add(m.micrometres());
    }
  }

  private static List<ImageAnalysis> counted(List<ImageResult> results) {
    List<ImageAnalysis> out = new ArrayList<>();
    for (ImageResult r : results) {
      ImageAnalysis a = r.analysis();
      if (a != null && r.inMetrics()) {
        out.add(a);
      }
    }
    return out;
  }

  private static @Nullable Double mean(List<Double> values) {
    if (values.isEmpty()) {
      return null;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.size();
  }

  private static ReportProvenance provenance(List<ImageResult> results) {
    String backend = null;
    String backendVersion = null;
    String sdk = null;
    Map<String, ModelInfo> models = new LinkedHashMap<>();
    for (ImageResult r : results) {
      ImageAnalysis a = r.analysis();
      if (a == null) {
        continue;
      }
      if (backend == null) {
        backend = a.provenance().backend();
        backendVersion = a.provenance().backendVersion();
        sdk = a.provenance().sdkVersion();
      }
      for (ModelInfo m : a.provenance().models()) {
        models.putIfAbsent(m.sha256() + m.role(), m);
      }
    }
    return new ReportProvenance(sdk != null ? sdk : sdkVersion(), backend, backendVersion,
        new ArrayList<>(models.values()));
  }

  /** The SDK's version, from the build ({@code unknown} when the build did not record it). */
  public static String sdkVersion() {
    Properties p = new Properties();
    try (InputStream in = Examinations.class.getResourceAsStream("/io/nvc/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("sdk.version", "unknown");
  }

  private static List<String> notes(List<ImageResult> results, List<FingerSummary> fingers) {
    List<String> notes = new ArrayList<>();
    Function<List<ImageResult>, String> names = list -> list.stream().map(Examinations::name)
        .collect(Collectors.joining(", "));
    List<ImageResult> uncalibrated = results.stream().filter(r -> r.inMetrics() && !r.calibrated()).toList();
    if (!uncalibrated.isEmpty()) {
      notes.add(count(uncalibrated.size(), "image") + " without a calibration (" + names.apply(uncalibrated)
          + "): " + (uncalibrated.size() == 1 ? "its" : "their") + " capillaries are counted, but give no"
          + " micrometres and no density.");
    }
    List<ImageResult> noRow = results.stream().filter(r -> r.inMetrics() && r.calibrated()
        && r.analysis().summary().densityPerMm() == null).toList();
    if (!noRow.isEmpty()) {
      notes.add(count(noRow.size(), "calibrated image") + " without a measurable distal row ("
          + names.apply(noRow) + "): no density from " + (noRow.size() == 1 ? "it." : "them."));
    }
    List<ImageResult> panoramic = results.stream().filter(r -> r.status() == ImageResult.Status.PANORAMIC)
        .toList();
    if (!panoramic.isEmpty()) {
      notes.add(count(panoramic.size(), "panoramic view") + " shown but excluded from the metrics (detailed"
          + " metrics need 200x to 250x).");
    }
    for (ImageResult r : results) {
      if (r.failure() != null) {
        notes.add(name(r) + " could not be analysed: " + r.failure());
      }
    }
    List<Finger> missing = new ArrayList<>();
    for (Finger f : STANDARD_FINGERS) {
      if (fingers.stream().noneMatch(s -> s.finger() == f && s.densityPerMm() != null)) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      long withDensity = fingers.stream().filter(s -> s.densityPerMm() != null).count();
      notes.add("No density for " + missing.stream().map(Finger::name).collect(Collectors.joining(", "))
          + ": the patient density is the mean over " + withDensity + " finger" + (withDensity == 1 ? "" : "s")
          + " instead of the standard 8 (L2-L5, R2-R5).");
    }
    return notes;
  }

  private static String name(ImageResult r) {
    return r.image().finger() + "/" + r.image().sector() + " (" + r.image().file().getFileName() + ")";
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }
}
