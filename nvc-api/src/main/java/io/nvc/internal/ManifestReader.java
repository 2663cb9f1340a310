package io.nvc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.ModelFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads and validates {@code *.manifest.json} files. Stateless and thread-safe. */
public final class ManifestReader {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long MAX_MANIFEST_BYTES = 1 << 20;

  private ManifestReader() {}

  /**
   * Reads the manifest at {@code file}.
   *
   * @throws NvcException {@link ErrorCode#MODEL_MISSING} when the file does not exist,
   *     {@link ErrorCode#UNSUPPORTED_VERSION} for a newer format, {@link ErrorCode#MODEL_INVALID} for
   *     anything else that is wrong, naming the file and the field
   */
  public static ModelManifest read(Path file) throws NvcException {
    JsonNode root;
    try {
      if (Files.size(file) > MAX_MANIFEST_BYTES) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "manifest " + file + " is larger than " + MAX_MANIFEST_BYTES + " bytes: not a manifest");
      }
      root = MAPPER.readTree(file.toFile());
    } catch (NoSuchFileException e) {
      throw new NvcException(ErrorCode.MODEL_MISSING, "manifest " + file + " does not exist", e);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "manifest " + file + " is not valid JSON: " + e.getMessage(), e);
    }
    try {
      return parse(root, file.toAbsolutePath().getParent());
    } catch (IllegalArgumentException e) {
      throw new NvcException(ErrorCode.MODEL_INVALID, "manifest " + file + ": " + e.getMessage(), e);
    } catch (VersionException e) {
      throw new NvcException(ErrorCode.UNSUPPORTED_VERSION, "manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /** Thrown inside parsing for a format version this SDK does not know. */
  private static final class VersionException extends Exception {
    private static final long serialVersionUID = 1L;

    VersionException(String message) {
      super(message);
    }
  }

  private static ModelManifest parse(JsonNode root, Path dir) throws VersionException {
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + root.getNodeType());
    }
    String format = text(root, "format");
    checkFormat(format);
    String name = text(root, "name");
    String version = root.path("version").asText("unversioned");
    ModelRole role = ModelRole.fromId(text(root, "role"));

    Map<ModelFormat, ModelManifest.ModelFileEntry> files = new EnumMap<>(ModelFormat.class);
    JsonNode filesNode = require(root, "files");
    if (!filesNode.isObject() || filesNode.isEmpty()) {
      throw new IllegalArgumentException("'files' must be an object such as {\"onnx\": {\"path\": ..., \"sha256\": ...}}");
    }
    for (var e : filesNode.properties()) {
      ModelFormat f = modelFormat(e.getKey());
      String path = text(e.getValue(), "path");
      String sha = text(e.getValue(), "sha256").toLowerCase(Locale.ROOT);
      if (!sha.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "files." + e.getKey() + ".sha256 must be 64 hex digits, found '" + sha + "'");
      }
      Path resolved = dir.resolve(path).normalize();
      files.put(f, new ModelManifest.ModelFileEntry(resolved, sha));
    }

    InputSpec input = input(require(root, "input"));
    DecoderKind decoder = DecoderKind.fromId(text(root, "decoder"));
    if (decoder.role() != role) {
      throw new IllegalArgumentException(
          "decoder '" + decoder.id() + "' serves " + decoder.role().id() + " models, but the role is "
              + role.id());
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    JsonNode outputsNode = require(root, "outputs");
    for (var e : outputsNode.properties()) {
      outputs.put(e.getKey(), e.getValue().asText());
    }
    for (String slot : decoder.slots()) {
      if (!outputs.containsKey(slot)) {
        throw new IllegalArgumentException(
            "decoder '" + decoder.id() + "' needs outputs." + slot + " (the output tensor name), found "
                + outputs.keySet());
      }
    }

    List<String> classes = strings(root.path("classes"), "classes");
    Double canonical = null;
    if (role == ModelRole.DETECTOR) {
      if (classes.isEmpty()) {
        throw new IllegalArgumentException("a detector needs 'classes'");
      }
      for (String c : classes) {
        DetectorClass.fromName(c);
      }
      if (root.hasNonNull("canonicalMicrometresPerPixel")) {
        canonical = positive(root, "canonicalMicrometresPerPixel");
      }
    }
    if (role == ModelRole.VISUAL_SIZE && !classes.equals(List.of("normal", "enlarged", "giant"))) {
      throw new IllegalArgumentException(
          "a visual-size model's classes must be [normal, enlarged, giant], found " + classes);
    }
    if (outputs.containsKey(ModelManifest.CLASS_SCORES_SLOT) && decoder != DecoderKind.BOXES) {
      throw new IllegalArgumentException("outputs." + ModelManifest.CLASS_SCORES_SLOT
          + " (class probabilities) goes with decoder 'boxes', found decoder '" + decoder.id() + "'");
    }
    if (role == ModelRole.KEYPOINTS && outputs.containsKey(ModelManifest.LOGITS_SLOT)
        && !classes.equals(List.of("normal", "enlarged", "giant"))) {
      throw new IllegalArgumentException("a keypoint model that gives visual-size logits (outputs.logits)"
          + " needs classes [normal, enlarged, giant], found " + classes);
    }
    double maxDownscale = root.path("maxDownscale").asDouble(2.0);
    if (!(maxDownscale >= 1) || !Double.isFinite(maxDownscale)) {
      throw new IllegalArgumentException("maxDownscale must be >= 1, found " + maxDownscale);
    }
    double tileOverlap = root.path("tileOverlap").asDouble(0.2);
    if (!(tileOverlap >= 0 && tileOverlap < 0.5)) {
      throw new IllegalArgumentException("tileOverlap must be in [0, 0.5), found " + tileOverlap);
    }
    double cropMargin = root.path("cropMargin").asDouble(0.15);
    if (!(cropMargin >= 0 && cropMargin <= 2)) {
      throw new IllegalArgumentException("cropMargin must be in [0, 2], found " + cropMargin);
    }

    List<String> keypoints = strings(root.path("keypoints"), "keypoints");
    List<String> apical = List.of();
    List<List<String>> limbs = List.of();
    if (role == ModelRole.KEYPOINTS) {
      if (keypoints.size() < 2) {
        throw new IllegalArgumentException("a keypoint model needs 'keypoints' (names in output order)");
      }
      JsonNode m = require(root, "measurements");
      apical = pair(m.path("apical"), "measurements.apical", keypoints);
      JsonNode limbsNode = m.path("limbs");
      if (!limbsNode.isArray() || limbsNode.size() != 2) {
        throw new IllegalArgumentException(
            "measurements.limbs must hold two keypoint pairs, found " + limbsNode);
      }
      limbs = List.of(
          pair(limbsNode.get(0), "measurements.limbs[0]", keypoints),
          pair(limbsNode.get(1), "measurements.limbs[1]", keypoints));
    }
    return new ModelManifest(name, version, role, files, input, decoder, outputs, classes, canonical,
        maxDownscale, tileOverlap, cropMargin, keypoints, apical, limbs);
  }

  private static void checkFormat(String format) throws VersionException {
    if (format.equals(ModelManifest.FORMAT)) {
      return;
    }
    String prefix = "nvc.model-manifest/";
    if (format.startsWith(prefix)) {
      throw new VersionException("format '" + format + "' is newer than this SDK understands; expected '"
          + ModelManifest.FORMAT + "': update the SDK");
    }
    throw new IllegalArgumentException(
        "'format' must be '" + ModelManifest.FORMAT + "', found '" + format + "'");
  }

  private static ModelFormat modelFormat(String key) {
    return switch (key.toLowerCase(Locale.ROOT)) {
      case "onnx" -> ModelFormat.ONNX;
      case "torchscript" -> ModelFormat.TORCHSCRIPT;
      default -> throw new IllegalArgumentException(
          "unknown model file format '" + key + "', expected onnx or torchscript");
    };
  }

  private static InputSpec input(JsonNode in) {
    String name = text(in, "name");
    JsonNode shape = require(in, "shape");
    if (!shape.isArray() || shape.size() != 4) {
      throw new IllegalArgumentException("input.shape must have 4 dimensions, found " + shape);
    }
    String layout = in.path("layout").asText("NCHW").toUpperCase(Locale.ROOT);
    boolean nchw;
    if (layout.equals("NCHW")) {
      nchw = true;
    } else if (layout.equals("NHWC")) {
      nchw = false;
    } else {
      throw new IllegalArgumentException("input.layout must be NCHW or NHWC, found " + layout);
    }
    int batch = shape.get(0).asInt();
    int c = shape.get(nchw ? 1 : 3).asInt();
    int h = shape.get(nchw ? 2 : 1).asInt();
    int w = shape.get(nchw ? 3 : 2).asInt();
    if (c != 3) {
      throw new IllegalArgumentException("input must have 3 colour channels, found shape " + shape);
    }
    String order = in.path("colorOrder").asText("RGB").toUpperCase(Locale.ROOT);
    if (!order.equals("RGB") && !order.equals("BGR")) {
      throw new IllegalArgumentException("input.colorOrder must be RGB or BGR, found " + order);
    }
    double scale = in.path("scale").asDouble(1.0 / 255.0);
    List<Double> mean = doubles(in.path("mean"), List.of(0.0, 0.0, 0.0), "input.mean");
    List<Double> std = doubles(in.path("std"), List.of(1.0, 1.0, 1.0), "input.std");
    double pad = in.path("padValue").asDouble(114);
    return new InputSpec(name, batch, w, h, nchw, order.equals("BGR"), scale, mean, std, pad);
  }

  private static List<String> pair(JsonNode node, String field, List<String> keypoints) {
    List<String> p = strings(node, field);
    if (p.size() != 2 || !keypoints.containsAll(p)) {
      throw new IllegalArgumentException(
          field + " must name two of the keypoints " + keypoints + ", found " + p);
    }
    return p;
  }

  private static JsonNode require(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("missing required field '" + field + "'");
    }
    return v;
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = require(node, field);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' must be a non-empty string, found " + v);
    }
    return v.asText();
  }

  private static double positive(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.isNumber() || !(v.asDouble() > 0) || !Double.isFinite(v.asDouble())) {
      throw new IllegalArgumentException("'" + field + "' must be a number > 0, found " + v);
    }
    return v.asDouble();
  }

  private static List<String> strings(JsonNode node, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be an array of strings, found " + node);
    }
    List<String> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isTextual()) {
        throw new IllegalArgumentException("'" + field + "' must hold strings, found " + n);
      }
      out.add(n.asText());
    }
    return out;
  }

  private static List<Double> doubles(JsonNode node, List<Double> fallback, String field) {
    if (node.isMissingNode() || node.isNull()) {
      return fallback;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("'" + field + "' must be an array of numbers, found " + node);
    }
    List<Double> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isNumber()) {
        throw new IllegalArgumentException("'" + field + "' must hold numbers, found " + n);
      }
      out.add(n.asDouble());
    }
    return out;
  }
}
