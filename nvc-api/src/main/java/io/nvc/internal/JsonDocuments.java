package io.nvc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What the SDK's versioned JSON documents (image analyses, examination reports) share: one indenting
 * mapper, parsing and schema checks with the SDK's error codes, file reading, and the calibration
 * object. Stateless and thread-safe.
 */
public final class JsonDocuments {

  /** Parses a document's tree; may throw {@link IllegalArgumentException} for a malformed one. */
  @FunctionalInterface
  public interface TreeReader<T> {
    /** The value the tree holds. */
    T read(JsonNode root) throws NvcException;
  }

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private JsonDocuments() {}

  /** A new empty object to build a document in. */
  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /** The document as indented text; {@code what} names it in the (never expected) failure. */
  public static String toText(JsonNode root, String what) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + what + ": " + e.getMessage(), e);
    }
  }

  /** The tree of a document this SDK wrote, to embed in another one. */
  public static JsonNode embed(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot embed a document: " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code json}, checks that its {@code schema} field is {@code schema} and reads it.
   *
   * @param what the document's name in messages ("result", "report")
   * @throws NvcException {@link ErrorCode#UNSUPPORTED_VERSION} for a newer version of the schema,
   *     {@link ErrorCode#RESULT_INVALID} for text that is not such a document
   */
  public static <T> T fromText(String json, String schema, String what, TreeReader<T> reader)
      throws NvcException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new NvcException(ErrorCode.RESULT_INVALID, "not valid JSON: " + e.getOriginalMessage(), e);
    }
    String found = root.path("schema").asText("");
    if (!schema.equals(found)) {
      String family = schema.substring(0, schema.indexOf('/') + 1);
      if (found.startsWith(family)) {
        throw new NvcException(ErrorCode.UNSUPPORTED_VERSION, what + " schema '" + found
            + "' is newer than this SDK understands; expected '" + schema + "': update the SDK");
      }
      throw new NvcException(ErrorCode.RESULT_INVALID,
          "expected a " + what + " with \"schema\": \"" + schema + "\", found " + root.path("schema"));
    }
    try {
      return reader.read(root);
    } catch (IllegalArgumentException | NullPointerException | DateTimeException e) {
      throw new NvcException(ErrorCode.RESULT_INVALID, "invalid " + what + ": " + e.getMessage(), e);
    }
  }

  /** {@link #fromText} on a file's text; messages start with the file. */
  public static <T> T fromFile(Path file, String schema, String what, TreeReader<T> reader)
      throws NvcException {
    String text = TextFiles.read(file);
    try {
      return fromText(text, schema, what, reader);
    } catch (NvcException e) {
      throw new NvcException(e.code(), file + ": " + e.getMessage(), e);
    }
  }

  /** The field's value; {@link IllegalArgumentException} when it is missing or null. */
  public static JsonNode need(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing field '" + field + "'");
    }
    return v;
  }

  /** The node's text, or null for a missing or null node. */
  public static @Nullable String text(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  /** The node's number, or null for a missing or null node. */
  public static @Nullable Double number(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  /** Writes {@code c} (or null) as field {@code name} of {@code parent}. */
  public static void putCalibration(ObjectNode parent, String name, @Nullable Calibration c) {
    if (c == null) {
      parent.putNull(name);
      return;
    }
    ObjectNode cal = parent.putObject(name);
    cal.put("micrometresPerPixel", c.micrometresPerPixel());
    cal.put("micrometresPerPixelX", c.micrometresPerPixelX());
    cal.put("micrometresPerPixelY", c.micrometresPerPixelY());
    cal.put("source", c.source().name());
    cal.put("magnification", c.magnification());
    cal.put("device", c.device());
    cal.put("relativeUncertainty", c.relativeUncertainty());
  }

  /** The calibration {@link #putCalibration} wrote, or null for a missing or null node. */
  public static @Nullable Calibration calibration(@Nullable JsonNode cal) {
    if (cal == null || cal.isNull()) {
      return null;
    }
    double x = cal.hasNonNull("micrometresPerPixelX") ? cal.get("micrometresPerPixelX").asDouble()
        : need(cal, "micrometresPerPixel").asDouble();
    double y = cal.hasNonNull("micrometresPerPixelY") ? cal.get("micrometresPerPixelY").asDouble() : x;
    return new Calibration(x, y,
        CalibrationSource.valueOf(need(cal, "source").asText().toUpperCase(Locale.ROOT)),
        number(cal.get("magnification")), text(cal.get("device")), number(cal.get("relativeUncertainty")));
  }
}
