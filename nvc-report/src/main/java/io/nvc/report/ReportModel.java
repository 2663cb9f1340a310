package io.nvc.report;

import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.ModelInfo;
import io.nvc.Morphology;
import io.nvc.Sector;
import io.nvc.examination.CalibreStats;
import io.nvc.examination.Examinations;
import io.nvc.examination.FastTrack;
import io.nvc.examination.FindingTotals;
import io.nvc.examination.FingerSummary;
import io.nvc.examination.ImageResult;
import io.nvc.examination.ExaminationReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns a report into the template's data: maps, lists and preformatted strings only, so that templates
 * stay logic-less. The keys are documented in {@code docs/reports.md}.
 */
final class ReportModel {

  static final String DASH = "\u2013";

  static final String DISCLAIMER = "This report was produced automatically by the NVC SDK from the photographs"
      + " listed. Its counts, measurements and the Fast Track suggestion support, and do not replace, the"
      + " reading of the images by a trained capillaroscopist. It is not a diagnosis.";

  private ReportModel() {}

  /**
   * The template data.
   *
   * @param forPdf charts as bitmaps instead of SVG
   * @param thumbnailWidth largest width of the embedded photos
   */
  static Map<String, Object> of(ExaminationReport r, boolean forPdf, int thumbnailWidth, float quality) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "Nailfold videocapillaroscopy report");
    m.put("patientId", r.patientId());
    m.put("examinationId", r.examinationId() == null ? DASH : r.examinationId());
    m.put("date", r.date() == null ? "not recorded" : r.date().toString());
    m.put("generatedAt", r.generatedAt() == null ? DASH
        : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).format(r.generatedAt().atOffset(ZoneOffset.UTC)));
    m.put("photos", r.images().size());
    m.put("fingerCount", r.fingers().size());
    m.put("fastTrack", fastTrack(r.fastTrack()));
    List<Map<String, Object>> fingers = new ArrayList<>();
    for (FingerSummary f : r.fingers()) {
      Map<String, Object> row = totals(f.totals());
      row.put("finger", f.finger().name());
      row.put("photos", f.photos());
      row.put("density", number(f.densityPerMm(), 1));
      row.put("densityImages", f.imageDensities().size());
      fingers.add(row);
    }
    m.put("fingers", fingers);
    Map<String, Object> patient = totals(r.patient().totals());
    patient.put("density", number(r.patient().densityPerMm(), 1));
    patient.put("fingersWithDensity", r.patient().fingersWithDensity());
    patient.put("photos", r.images().size());
    m.put("patient", patient);
    BarChart density = densityChart(r);
    BarChart apical = apicalHistogram(r);
    m.put("densityChart", forPdf ? img(density, "Capillary density per finger") : density.svg());
    m.put("apicalHistogram", forPdf ? img(apical, "Apical diameter histogram") : apical.svg());
    m.put("apicalCount", r.patient().totals().apical().count());
    m.put("gallery", gallery(r, thumbnailWidth, quality));
    m.put("images", imageRows(r));
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("sdkVersion", r.provenance().sdkVersion());
    prov.put("backend", r.provenance().backend() == null ? DASH : r.provenance().backend());
    prov.put("backendVersion", r.provenance().backendVersion() == null ? DASH : r.provenance().backendVersion());
    List<Map<String, Object>> models = new ArrayList<>();
    for (ModelInfo mi : r.provenance().models()) {
      models.add(Map.of("name", mi.name(), "role", mi.role(), "sha256", mi.sha256().substring(0, 16)));
    }
    prov.put("models", models);
    prov.put("hasModels", !models.isEmpty());
    m.put("provenance", prov);
    m.put("notes", r.notes());
    m.put("hasNotes", !r.notes().isEmpty());
    m.put("disclaimer", DISCLAIMER);
    return m;
  }

  private static Map<String, Object> fastTrack(FastTrack f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("outcome", f.outcome().name());
    m.put("label", f.outcome().label());
    m.put("rule", f.rule() == null ? "no rule" : "rule " + f.rule());
    m.put("suggestion", f.suggestion());
    m.put("trace", f.trace());
    m.put("cssClass", switch (f.outcome()) {
      case NON_SCLERODERMA -> "ft-normal";
      case SCLERODERMA_EARLY_ACTIVE -> "ft-early";
      case SCLERODERMA_LATE -> "ft-late";
      case UNDECIDED -> "ft-undecided";
    });
    m.put("density", number(f.densityPerMm(), 2));
    m.put("fingersWithDensity", f.fingersWithDensity());
    m.put("giants", f.giantCapillaries());
    m.put("abnormal", f.abnormalShapes());
    m.put("abnormalShare", percent(f.abnormalShapeShare()));
    return m;
  }

  private static Map<String, Object> totals(FindingTotals t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("images", t.images());
    m.put("calibratedImages", t.calibratedImages());
    m.put("capillaries", t.capillaries());
    m.put("normal", t.byMorphology().getOrDefault(Morphology.NORMAL, 0));
    m.put("tortuous", t.byMorphology().getOrDefault(Morphology.TORTUOUS, 0));
    m.put("ramified", t.byMorphology().getOrDefault(Morphology.RAMIFIED, 0));
    m.put("giantShape", t.byMorphology().getOrDefault(Morphology.GIANT, 0));
    m.put("enlarged", t.enlarged());
    m.put("giant", t.giant());
    m.put("haemorrhages", t.haemorrhages());
    m.put("abnormalShare", percent(t.abnormalShapeShare()));
    m.put("apical", stats(t.apical()));
    m.put("arterial", stats(t.arterial()));
    m.put("venous", stats(t.venous()));
    return m;
  }

  private static Map<String, Object> stats(CalibreStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("mean", number(s.mean(), 1));
    m.put("median", number(s.median(), 1));
    m.put("max", number(s.max(), 1));
    return m;
  }

  private static BarChart densityChart(ExaminationReport r) {
    Map<Finger, FingerSummary> byFinger = new EnumMap<>(Finger.class);
    r.fingers().forEach(f -> byFinger.put(f.finger(), f));
    List<Finger> shown = new ArrayList<>();
    for (Finger f : Finger.values()) {
      if (byFinger.containsKey(f) || Examinations.STANDARD_FINGERS.contains(f)) {
        shown.add(f);
      }
    }
    List<BarChart.Bar> bars = new ArrayList<>();
    for (Finger f : shown) {
      FingerSummary s = byFinger.get(f);
      Double d = s == null ? null : s.densityPerMm();
      String colour = d == null ? "#999999" : d >= FastTrack.NORMAL_MIN_DENSITY ? "#3b6ea5"
          : d > FastTrack.LATE_MAX_DENSITY ? "#d08c2b" : "#b03a2e";
      bars.add(new BarChart.Bar(f.name(), d, colour, f.name() + ": " + number(d, 1) + " capillaries/mm"));
    }
    List<BarChart.Line> lines = new ArrayList<>();
    lines.add(new BarChart.Line(FastTrack.NORMAL_MIN_DENSITY, "7/mm", "#2e7d32", true));
    lines.add(new BarChart.Line(FastTrack.LATE_MAX_DENSITY, "3/mm", "#b03a2e", true));
    if (r.patient().densityPerMm() != null) {
      lines.add(new BarChart.Line(r.patient().densityPerMm(), "patient mean " + number(r.patient().densityPerMm(), 1),
          "#333333", false));
    }
    return new BarChart("Capillary density per finger (capillaries per mm)", "capillaries / mm", bars, lines);
  }

  private static BarChart apicalHistogram(ExaminationReport r) {
    List<Double> values = new ArrayList<>();
    for (ImageResult i : r.images()) {
      ImageAnalysis a = i.analysis();
      if (a == null || !i.inMetrics()) {
        continue;
      }
      for (CapillaryFinding c : a.capillaries()) {
        if (c.apical() != null && c.apical().micrometres() != null) {
          values.add(c.apical().micrometres());
        }
      }
    }
    int binWidth = 5;
    int top = 70;
    int bins = top / binWidth + 1;
    int[] counts = new int[bins];
    for (double v : values) {
      counts[Math.min(bins - 1, (int) Math.floor(v / binWidth))]++;
    }
    List<BarChart.Bar> bars = new ArrayList<>();
    for (int b = 0; b < bins; b++) {
      int lo = b * binWidth;
      String label = b == bins - 1 ? ">=" + lo : Integer.toString(lo);
      String colour = lo >= 50 ? "#b03a2e" : lo >= 20 ? "#d08c2b" : "#2e7d32";
      String range = b == bins - 1 ? lo + " \u00b5m or more" : lo + " to " + (lo + binWidth) + " \u00b5m";
      bars.add(new BarChart.Bar(label, (double) counts[b], colour, range + ": " + counts[b] + " capillaries"));
    }
    return new BarChart("Apical diameter histogram (\u00b5m)", "capillaries", bars, List.of());
  }

  private static String img(BarChart chart, String alt) {
    return "<img class=\"chart\" alt=\"" + Html.escape(alt) + "\" src=\"" + Thumbnails.pngDataUri(chart.image(2))
        + "\" />";
  }

  private static List<Map<String, Object>> gallery(ExaminationReport r, int width, float quality) {
    Map<Finger, List<Map<String, Object>>> byFinger = new EnumMap<>(Finger.class);
    int id = 0;
    for (ImageResult i : r.images()) {
      Map<String, Object> m = new LinkedHashMap<>();
      String src = width > 0 ? Thumbnails.dataUri(i, width, quality) : null;
      m.put("id", "photo-" + (++id));
      m.put("sector", sectorName(i.image().sector()));
      m.put("src", src == null ? "" : src);
      m.put("hasImage", src != null);
      m.put("caption", caption(i));
      m.put("file", i.image().file().getFileName().toString());
      m.put("excluded", !i.inMetrics());
      byFinger.computeIfAbsent(i.image().finger(), f -> new ArrayList<>()).add(m);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    byFinger.forEach((f, list) -> out.add(Map.of("finger", f.name(), "photos", list)));
    return out;
  }

  private static String sectorName(Sector s) {
    return switch (s) {
      case PANORAMIC -> "panoramic";
      case UNKNOWN -> "sector ?";
      default -> "sector " + s.name();
    };
  }

  private static String caption(ImageResult i) {
    ImageAnalysis a = i.analysis();
    return switch (i.status()) {
      case PANORAMIC -> "panoramic view: not measured";
      case FAILED -> "not analysed: " + i.failure();
      case ANALYSED -> a.capillaries().size() + " capillaries, "
          + (a.summary().densityPerMm() == null ? "no density" : number(a.summary().densityPerMm(), 1) + "/mm")
          + (a.calibration() == null ? ", uncalibrated" : "");
    };
  }

  private static List<Map<String, Object>> imageRows(ExaminationReport r) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ImageResult i : r.images()) {
      Map<String, Object> m = new LinkedHashMap<>();
      ImageAnalysis a = i.analysis();
      Calibration c = a != null ? a.calibration() : i.image().calibration();
      m.put("finger", i.image().finger().name());
      m.put("sector", i.image().sector().name());
      m.put("file", i.image().file().getFileName().toString());
      m.put("status", switch (i.status()) {
        case ANALYSED -> "analysed";
        case PANORAMIC -> "panoramic: shown, not measured";
        case FAILED -> "failed";
      });
      m.put("calibration", c == null ? "none: no micrometres, no density"
          : String.format(Locale.ROOT, "%.3f \u00b5m/px", c.micrometresPerPixel()));
      m.put("calibrationSource", c == null ? DASH : c.source().name());
      m.put("capillaries", a == null ? DASH : Integer.toString(a.capillaries().size()));
      m.put("density", a == null ? DASH : number(a.summary().densityPerMm(), 1));
      rows.add(m);
    }
    return rows;
  }

  static String number(@Nullable Double v, int decimals) {
    return v == null ? DASH : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  static String percent(@Nullable Double share) {
    return share == null ? DASH : String.format(Locale.ROOT, "%.1f %%", share * 100);
  }
}
