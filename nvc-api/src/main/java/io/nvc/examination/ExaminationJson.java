package io.nvc.examination;

import static io.nvc.internal.JsonDocuments.calibration;
import static io.nvc.internal.JsonDocuments.need;
import static io.nvc.internal.JsonDocuments.number;
import static io.nvc.internal.JsonDocuments.putCalibration;
import static io.nvc.internal.JsonDocuments.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.AnalysisJson;
import io.nvc.ErrorCode;
import io.nvc.Finger;
import io.nvc.ImageAnalysis;
import io.nvc.ModelInfo;
import io.nvc.Morphology;
import io.nvc.NvcException;
import io.nvc.Sector;
import io.nvc.internal.JsonDocuments;
import io.nvc.internal.TextFiles;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes and reads {@link ExaminationReport} as JSON of schema {@value #SCHEMA}. Field names are stable:
 * tools depend on them (see {@code docs/reports.md}). Readers accept unknown fields and reject newer
 * schema versions. Missing values are JSON {@code null}, never NaN. Each image carries its full
 * {@code nvc.image-analysis/1} result. Stateless and thread-safe.
 */
public final class ExaminationJson {

  /** The schema identifier written to every report. */
  public static final String SCHEMA = "nvc.examination-report/1";

  private ExaminationJson() {}

  /** The report as a JSON document. */
  public static String toJson(ExaminationReport report) {
    return JsonDocuments.toText(tree(report), "a report");
  }

  /**
   * Writes the report to {@code file} through a temporary file and a move.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be written
   */
  public static void write(ExaminationReport report, Path file) throws NvcException {
    TextFiles.writeAtomically(file, toJson(report));
  }

  /**
   * Reads a report from JSON text.
   *
   * @throws NvcException {@link ErrorCode#UNSUPPORTED_VERSION} for a newer schema,
   *     {@link ErrorCode#RESULT_INVALID} for anything that is not a valid report
   */
  public static ExaminationReport fromJson(String json) throws NvcException {
    return JsonDocuments.fromText(json, SCHEMA, "report", ExaminationJson::fromTree);
  }

  /** Reads a report file; see {@link #fromJson(String)}. */
  public static ExaminationReport read(Path file) throws NvcException {
    return JsonDocuments.fromFile(file, SCHEMA, "report", ExaminationJson::fromTree);
  }

  // ---- writing ----

  private static ObjectNode tree(ExaminationReport r) {
    ObjectNode root = JsonDocuments.newObject();
    root.put("schema", SCHEMA);
    ObjectNode exam = root.putObject("examination");
    exam.put("id", r.examinationId());
    exam.put("date", r.date() == null ? null : r.date().toString());
    exam.put("generatedAt", r.generatedAt() == null ? null : r.generatedAt().toString());
    ObjectNode patient = root.putObject("patient");
    patient.put("id", r.patientId());
    patient.put("densityPerMm", r.patient().densityPerMm());
    patient.put("fingersWithDensity", r.patient().fingersWithDensity());
    totals(patient, r.patient().totals());
    FastTrack f = r.fastTrack();
    ObjectNode ft = root.putObject("fastTrack");
    ft.put("outcome", f.outcome().name());
    ft.put("rule", f.rule());
    ft.put("suggestion", f.suggestion());
    ft.put("densityPerMm", f.densityPerMm());
    ft.put("fingersWithDensity", f.fingersWithDensity());
    ft.put("giantCapillaries", f.giantCapillaries());
    ft.put("abnormalShapes", f.abnormalShapes());
    ft.put("abnormalShapeShare", f.abnormalShapeShare());
    ArrayNode trace = ft.putArray("trace");
    f.trace().forEach(trace::add);
    ArrayNode fingers = root.putArray("fingers");
    for (FingerSummary s : r.fingers()) {
      ObjectNode n = fingers.addObject();
      n.put("finger", s.finger().name());
      n.put("photos", s.photos());
      n.put("densityPerMm", s.densityPerMm());
      ArrayNode d = n.putArray("imageDensities");
      s.imageDensities().forEach(d::add);
      totals(n, s.totals());
    }
    ArrayNode images = root.putArray("images");
    for (ImageResult i : r.images()) {
      ObjectNode n = images.addObject();
      n.put("file", i.image().file().toString());
      n.put("finger", i.image().finger().name());
      n.put("sector", i.image().sector().name());
      n.put("status", i.status().name());
      n.put("inMetrics", i.inMetrics());
      putCalibration(n, "givenCalibration", i.image().calibration());
      n.put("failure", i.failure());
      ImageAnalysis a = i.analysis();
      if (a == null) {
        n.putNull("analysis");
      } else {
        n.set("analysis", JsonDocuments.embed(AnalysisJson.toJson(a)));
      }
    }
    ReportProvenance p = r.provenance();
    ObjectNode prov = root.putObject("provenance");
    prov.put("sdkVersion", p.sdkVersion());
    prov.put("backend", p.backend());
    prov.put("backendVersion", p.backendVersion());
    ArrayNode models = prov.putArray("models");
    for (ModelInfo m : p.models()) {
      models.addObject().put("name", m.name()).put("role", m.role()).put("sha256", m.sha256());
    }
    ArrayNode notes = root.putArray("notes");
    r.notes().forEach(notes::add);
    return root;
  }

  private static void totals(ObjectNode n, FindingTotals t) {
    n.put("images", t.images());
    n.put("calibratedImages", t.calibratedImages());
    n.put("capillaries", t.capillaries());
    ObjectNode by = n.putObject("byMorphology");
    for (Morphology m : Morphology.values()) {
      by.put(m.name(), t.byMorphology().getOrDefault(m, 0));
    }
    n.put("enlarged", t.enlarged());
    n.put("giant", t.giant());
    n.put("haemorrhages", t.haemorrhages());
    n.put("abnormalShapes", t.abnormalShapes());
    n.put("abnormalShapeShare", t.abnormalShapeShare());
    stats(n.putObject("apicalUm"), t.apical());
    stats(n.putObject("arterialUm"), t.arterial());
    stats(n.putObject("venousUm"), t.venous());
  }

  private static void stats(ObjectNode n, CalibreStats s) {
    n.put("count", s.count());
    n.put("mean", s.mean());
    n.put("median", s.median());
    n.put("max", s.max());
  }

  // ---- reading ----

  private static ExaminationReport fromTree(JsonNode root) throws NvcException {
    try {
      JsonNode exam = need(root, "examination");
      JsonNode patient = need(root, "patient");
      String date = text(exam.get("date"));
      String generated = text(exam.get("generatedAt"));
      List<ImageResult> images = new ArrayList<>();
      for (JsonNode n : need(root, "images")) {
        ExaminationImage image = new ExaminationImage(Path.of(need(n, "file").asText()),
            Finger.parse(need(n, "finger").asText()), Sector.parse(need(n, "sector").asText()),
            calibration(n.get("givenCalibration")));
        JsonNode a = n.get("analysis");
        ImageAnalysis analysis = a == null || a.isNull() ? null : AnalysisJson.fromJson(a.toString());
        images.add(new ImageResult(image, analysis, text(n.get("failure"))));
      }
      List<FingerSummary> fingers = new ArrayList<>();
      for (JsonNode n : need(root, "fingers")) {
        List<Double> densities = new ArrayList<>();
        for (JsonNode d : need(n, "imageDensities")) {
          densities.add(d.asDouble());
        }
        fingers.add(new FingerSummary(Finger.parse(need(n, "finger").asText()), need(n, "photos").asInt(),
            number(n.get("densityPerMm")), densities, totals(n)));
      }
      PatientSummary summary = new PatientSummary(number(patient.get("densityPerMm")),
          need(patient, "fingersWithDensity").asInt(), totals(patient));
      JsonNode ft = need(root, "fastTrack");
      List<String> trace = new ArrayList<>();
      for (JsonNode t : ft.path("trace")) {
        trace.add(t.asText());
      }
      JsonNode rule = ft.get("rule");
      FastTrack fastTrack = new FastTrack(FastTrackOutcome.valueOf(need(ft, "outcome").asText()),
          rule == null || rule.isNull() ? null : rule.asInt(), number(ft.get("densityPerMm")),
          ft.path("fingersWithDensity").asInt(0), need(ft, "giantCapillaries").asInt(),
          need(ft, "abnormalShapes").asInt(), number(ft.get("abnormalShapeShare")), trace);
      JsonNode p = need(root, "provenance");
      List<ModelInfo> models = new ArrayList<>();
      for (JsonNode n : p.path("models")) {
        models.add(new ModelInfo(need(n, "name").asText(), n.path("role").asText("unknown"),
            need(n, "sha256").asText()));
      }
      ReportProvenance provenance = new ReportProvenance(need(p, "sdkVersion").asText(),
          text(p.get("backend")), text(p.get("backendVersion")), models);
      List<String> notes = new ArrayList<>();
      for (JsonNode n : root.path("notes")) {
        notes.add(n.asText());
      }
      return new ExaminationReport(need(patient, "id").asText(), text(exam.get("id")),
          date == null ? null : LocalDate.parse(date), generated == null ? null : Instant.parse(generated),
          images, fingers, summary, fastTrack, provenance, notes);
    } catch (NvcException e) {
      throw new NvcException(e.code(), "invalid image analysis in report: " + e.getMessage(), e);
    }
  }

  private static FindingTotals totals(JsonNode n) {
    Map<Morphology, Integer> by = new EnumMap<>(Morphology.class);
    for (Morphology m : Morphology.values()) {
      by.put(m, n.path("byMorphology").path(m.name()).asInt(0));
    }
    return new FindingTotals(need(n, "images").asInt(), need(n, "calibratedImages").asInt(),
        need(n, "capillaries").asInt(), by, need(n, "enlarged").asInt(), need(n, "giant").asInt(),
        need(n, "haemorrhages").asInt(), need(n, "abnormalShapes").asInt(), number(n.get("abnormalShapeShare")),
        stats(need(n, "apicalUm")), stats(need(n, "arterialUm")), stats(need(n, "venousUm")));
  }

  private static CalibreStats stats(JsonNode n) {
    return new CalibreStats(need(n, "count").asInt(), number(n.get("mean")), number(n.get("median")),
        number(n.get("max")));
  }
}
