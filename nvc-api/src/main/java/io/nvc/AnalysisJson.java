package io.nvc;

import static io.nvc.internal.JsonDocuments.need;
import static io.nvc.internal.JsonDocuments.number;
import static io.nvc.internal.JsonDocuments.putCalibration;
import static io.nvc.internal.JsonDocuments.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.internal.JsonDocuments;
import io.nvc.internal.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads {@link ImageAnalysis} as JSON of schema {@value #SCHEMA}. Field names are stable:
 * tools depend on them. Readers accept unknown fields (added within the same schema version) and
 * reject newer schema versions. Missing values are JSON {@code null}, never NaN. Stateless and
 * thread-safe.
 */
public final class AnalysisJson {

  /** The schema identifier written to every result. */
  public static final String SCHEMA = "nvc.image-analysis/1";

  private AnalysisJson() {}

  /** The result as a JSON document. */
  public static String toJson(ImageAnalysis analysis) {
    return JsonDocuments.toText(tree(analysis), "an analysis");
  }

  /**
   * Writes the result to {@code file} (through a temporary file and a move, so that a reader never
   * sees half a file).
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be written
   */
  public static void write(ImageAnalysis analysis, Path file) throws NvcException {
    TextFiles.writeAtomically(file, toJson(analysis));
  }

  /**
   * Reads a result from JSON text.
   *
   * @throws NvcException {@link ErrorCode#UNSUPPORTED_VERSION} for a newer schema,
   *     {@link ErrorCode#RESULT_INVALID} for anything that is not a valid result
   */
  public static ImageAnalysis fromJson(String json) throws NvcException {
    return JsonDocuments.fromText(json, SCHEMA, "result", AnalysisJson::fromTree);
  }

  /** Reads a result file; see {@link #fromJson(String)}. */
  public static ImageAnalysis read(Path file) throws NvcException {
    return JsonDocuments.fromFile(file, SCHEMA, "result", AnalysisJson::fromTree);
  }

  // ---- writing ----

  private static ObjectNode tree(ImageAnalysis a) {
    ObjectNode root = JsonDocuments.newObject();
    root.put("schema", SCHEMA);
    ObjectNode image = root.putObject("image");
    image.put("width", a.image().width());
    image.put("height", a.image().height());
    image.put("file", a.image().file());
    putCalibration(root, "calibration", a.calibration());
    ArrayNode caps = root.putArray("capillaries");
    for (CapillaryFinding f : a.capillaries()) {
      ObjectNode n = caps.addObject();
      n.put("morphology", f.morphology().name());
      n.put("confidence", f.confidence());
      box(n.putObject("box"), f.box());
      measurement(n, "apical", f.apical());
      measurement(n, "arterial", f.arterial());
      measurement(n, "venous", f.venous());
      n.put("size", f.size().name());
      n.put("sizeSource", f.sizeSource().name());
      n.put("distalRow", f.distalRow());
      if (!f.morphologyScores().isEmpty()) {
        ObjectNode scores = n.putObject("morphologyScores");
        f.morphologyScores().forEach((m, p) -> scores.put(m.name(), p));
      }
    }
    ArrayNode haem = root.putArray("haemorrhages");
    for (Haemorrhage h : a.haemorrhages()) {
      ObjectNode n = haem.addObject();
      n.put("confidence", h.confidence());
      box(n.putObject("box"), h.box());
    }
    AnalysisSummary s = a.summary();
    ObjectNode sum = root.putObject("summary");
    sum.put("capillaries", s.capillaries());
    sum.put("distalRow", s.distalRow());
    sum.put("densityPerMm", s.densityPerMm());
    sum.put("haemorrhages", s.haemorrhages());
    ObjectNode byMorphology = sum.putObject("byMorphology");
    for (Morphology m : Morphology.values()) {
      byMorphology.put(m.name(), s.byMorphology().getOrDefault(m, 0));
    }
    ObjectNode bySize = sum.putObject("bySize");
    for (SizeClass z : SizeClass.values()) {
      bySize.put(z.name(), s.bySize().getOrDefault(z, 0));
    }
    Provenance p = a.provenance();
    ObjectNode prov = root.putObject("provenance");
    prov.put("sdkVersion", p.sdkVersion());
    prov.put("backend", p.backend());
    prov.put("backendVersion", p.backendVersion());
    prov.put("calibrationSource", p.calibrationSource());
    ArrayNode models = prov.putArray("models");
    for (ModelInfo m : p.models()) {
      ObjectNode n = models.addObject();
      n.put("name", m.name());
      n.put("role", m.role());
      n.put("sha256", m.sha256());
    }
    ArrayNode notes = root.putArray("notes");
    a.notes().forEach(notes::add);
    return root;
  }

  private static void box(ObjectNode n, Box b) {
    n.put("x", b.x());
    n.put("y", b.y());
    n.put("width", b.width());
    n.put("height", b.height());
  }

  private static void measurement(ObjectNode parent, String name, @Nullable Measurement m) {
    if (m == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode n = parent.putObject(name);
    n.putObject("start").put("x", m.start().x()).put("y", m.start().y());
    n.putObject("end").put("x", m.end().x()).put("y", m.end().y());
    n.put("pixels", m.pixels());
    n.put("micrometres", m.micrometres());
    n.put("confidence", m.confidence());
  }

  // ---- reading ----

  private static Map<Morphology, Double> morphologyScores(@Nullable JsonNode n) {
    Map<Morphology, Double> out = new EnumMap<>(Morphology.class);
    if (n != null) {
      for (var e : n.properties()) {
        out.put(Morphology.valueOf(e.getKey()), e.getValue().asDouble());
      }
    }
    return out;
  }

  private static ImageAnalysis fromTree(JsonNode root) {
    JsonNode img = need(root, "image");
    ImageInfo image = new ImageInfo(need(img, "width").asInt(), need(img, "height").asInt(),
        text(img.get("file")));
    Calibration calibration = JsonDocuments.calibration(root.get("calibration"));
    List<CapillaryFinding> capillaries = new ArrayList<>();
    for (JsonNode n : need(root, "capillaries")) {
      capillaries.add(new CapillaryFinding(box(need(n, "box")),
          Morphology.valueOf(need(n, "morphology").asText()), need(n, "confidence").asDouble(),
          measurement(n.get("apical")), measurement(n.get("arterial")), measurement(n.get("venous")),
          SizeClass.valueOf(need(n, "size").asText()),
          SizeSource.valueOf(need(n, "sizeSource").asText()), need(n, "distalRow").asBoolean(),
          morphologyScores(n.get("morphologyScores"))));
    }
    List<Haemorrhage> haemorrhages = new ArrayList<>();
    for (JsonNode n : need(root, "haemorrhages")) {
      haemorrhages.add(new Haemorrhage(box(need(n, "box")), need(n, "confidence").asDouble()));
    }
    JsonNode s = need(root, "summary");
    Map<Morphology, Integer> byMorphology = new EnumMap<>(Morphology.class);
    for (Morphology m : Morphology.values()) {
      byMorphology.put(m, s.path("byMorphology").path(m.name()).asInt(0));
    }
    Map<SizeClass, Integer> bySize = new EnumMap<>(SizeClass.class);
    for (SizeClass z : SizeClass.values()) {
      bySize.put(z, s.path("bySize").path(z.name()).asInt(0));
    }
    AnalysisSummary summary = new AnalysisSummary(need(s, "capillaries").asInt(),
        need(s, "distalRow").asInt(), number(s.get("densityPerMm")), need(s, "haemorrhages").asInt(),
        byMorphology, bySize);
    JsonNode p = need(root, "provenance");
    List<ModelInfo> models = new ArrayList<>();
    for (JsonNode n : need(p, "models")) {
      models.add(new ModelInfo(need(n, "name").asText(), n.path("role").asText("unknown"),
          need(n, "sha256").asText()));
    }
    Provenance provenance = new Provenance(need(p, "sdkVersion").asText(), need(p, "backend").asText(),
        p.path("backendVersion").asText("unknown"), models, p.path("calibrationSource").asText(
            calibration == null ? "NONE" : calibration.source().name()));
    List<String> notes = new ArrayList<>();
    for (JsonNode n : root.path("notes")) {
      notes.add(n.asText());
    }
    return new ImageAnalysis(image, calibration, capillaries, haemorrhages, summary, provenance, notes);
  }

  private static Box box(JsonNode n) {
    return new Box(need(n, "x").asDouble(), need(n, "y").asDouble(), need(n, "width").asDouble(),
        need(n, "height").asDouble());
  }

  private static @Nullable Measurement measurement(@Nullable JsonNode n) {
    if (n == null || n.isNull()) {
      return null;
    }
    JsonNode start = need(n, "start");
    JsonNode end = need(n, "end");
    return new Measurement(new Point(need(start, "x").asDouble(), need(start, "y").asDouble()),
        new Point(need(end, "x").asDouble(), need(end, "y").asDouble()), need(n, "pixels").asDouble(),
        number(n.get("micrometres")), need(n, "confidence").asDouble());
  }
}
