package io.nvc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.internal.TextFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
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

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AnalysisJson() {}

  /** The result as a JSON document. */
  public static String toJson(ImageAnalysis analysis) {
    try {
      return MAPPER.writeValueAsString(tree(analysis));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise an analysis: " + e.getMessage(), e);
    }
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
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NvcException(ErrorCode.RESULT_INVALID, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    return fromTree(root);
  }

  /** Reads a result file; see {@link #fromJson(String)}. */
  public static ImageAnalysis read(Path file) throws NvcException {
    String text = TextFiles.read(file);
    try {
      return fromJson(text);
    } catch (NvcException e) {
      throw new NvcException(e.code(), file + ": " + e.getMessage(), e);
    }
  }

  // ---- writing ----

  private static ObjectNode tree(ImageAnalysis a) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("schema", SCHEMA);
    ObjectNode image = root.putObject("image");
    image.put("width", a.image().width());
    image.put("height", a.image().height());
    image.put("file", a.image().file());
    Calibration c = a.calibration();
    if (c == null) {
      root.putNull("calibration");
    } else {
      ObjectNode cal = root.putObject("calibration");
      cal.put("micrometresPerPixel", c.micrometresPerPixel());
      cal.put("micrometresPerPixelX", c.micrometresPerPixelX());
      cal.put("micrometresPerPixelY", c.micrometresPerPixelY());
      cal.put("source", c.source().name());
      cal.put("magnification", c.magnification());
      cal.put("device", c.device());
      cal.put("relativeUncertainty", c.relativeUncertainty());
    }
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

  private static ImageAnalysis fromTree(JsonNode root) throws NvcException {
    String schema = root.path("schema").asText("");
    if (!SCHEMA.equals(schema)) {
      if (schema.startsWith("nvc.image-analysis/")) {
        throw new NvcException(ErrorCode.UNSUPPORTED_VERSION,
            "result schema '" + schema + "' is newer than this SDK understands; expected '" + SCHEMA
                + "': update the SDK");
      }
      throw new NvcException(ErrorCode.RESULT_INVALID,
          "expected a result with \"schema\": \"" + SCHEMA + "\", found " + root.path("schema"));
    }
    try {
      JsonNode img = need(root, "image");
      ImageInfo image = new ImageInfo(need(img, "width").asInt(), need(img, "height").asInt(),
          text(img.get("file")));
      Calibration calibration = null;
      JsonNode cal = root.get("calibration");
      if (cal != null && !cal.isNull()) {
        double x = cal.hasNonNull("micrometresPerPixelX") ? cal.get("micrometresPerPixelX").asDouble()
            : need(cal, "micrometresPerPixel").asDouble();
        double y = cal.hasNonNull("micrometresPerPixelY") ? cal.get("micrometresPerPixelY").asDouble() : x;
        calibration = new Calibration(x, y,
            CalibrationSource.valueOf(need(cal, "source").asText().toUpperCase(Locale.ROOT)),
            number(cal.get("magnification")), text(cal.get("device")),
            number(cal.get("relativeUncertainty")));
      }
      List<CapillaryFinding> capillaries = new ArrayList<>();
      for (JsonNode n : need(root, "capillaries")) {
        capillaries.add(new CapillaryFinding(box(need(n, "box")),
            Morphology.valueOf(need(n, "morphology").asText()), need(n, "confidence").asDouble(),
            measurement(n.get("apical")), measurement(n.get("arterial")), measurement(n.get("venous")),
            SizeClass.valueOf(need(n, "size").asText()),
            SizeSource.valueOf(need(n, "sizeSource").asText()), need(n, "distalRow").asBoolean()));
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
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new NvcException(ErrorCode.RESULT_INVALID, "invalid result: " + e.getMessage(), e);
    }
  }

  private static JsonNode need(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static @Nullable Double number(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
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
