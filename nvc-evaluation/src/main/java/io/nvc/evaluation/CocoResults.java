package io.nvc.evaluation;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.dataset.Box;
import io.nvc.dataset.DatasetFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes COCO results files: a JSON array of {@code {"image_id", "category_id", "bbox":
 * [x, y, w, h], "score"}} objects, in file order (the order matters for pycocotools' stable sorts).
 * Other fields are ignored. Stateless and thread-safe.
 */
public final class CocoResults {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private CocoResults() {}

  /**
   * Reads a results file.
   *
   * @param file the JSON file
   * @return the detections in file order
   * @throws IOException when the file cannot be read
   * @throws DatasetFormatException when an entry lacks a field or has a malformed box
   */
  public static List<Detection> read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a results document from a stream (left open).
   *
   * @param in the stream
   * @param name the document's name for error messages
   * @return the detections in document order
   * @throws IOException when the stream cannot be read
   * @throws DatasetFormatException when an entry lacks a field or has a malformed box
   */
  public static List<Detection> read(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JacksonException e) {
      throw new DatasetFormatException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new DatasetFormatException(
          name + ": expected a JSON array of detections, found "
              + (root == null ? "nothing" : root.getNodeType()));
    }
    List<Detection> detections = new ArrayList<>();
    int index = 0;
    for (JsonNode n : root) {
      String where = name + ": result " + index++;
      JsonNode bb = n.get("bbox");
      if (bb == null || !bb.isArray() || bb.size() != 4) {
        throw new DatasetFormatException(
            where + ": expected \"bbox\" as [x, y, width, height], found " + bb);
      }
      for (String field : List.of("image_id", "category_id", "score")) {
        if (n.get(field) == null || !n.get(field).isNumber()) {
          throw new DatasetFormatException(
              where + ": expected a number in \"" + field + "\", found " + n.get(field));
        }
      }
      try {
        detections.add(
            new Detection(
                n.get("image_id").asLong(),
                n.get("category_id").asInt(),
                new Box(bb.get(0).asDouble(), bb.get(1).asDouble(), bb.get(2).asDouble(),
                    bb.get(3).asDouble()),
                n.get("score").asDouble()));
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(where + ": " + e.getMessage(), e);
      }
    }
    return detections;
  }

  /**
   * Writes a results file.
   *
   * @param detections the detections
   * @param file the file, replaced if present
   * @throws IOException when the file cannot be written
   */
  public static void write(List<Detection> detections, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      write(detections, out);
    }
  }

  /**
   * Writes a results document to a stream (left open).
   *
   * @param detections the detections
   * @param out the stream
   * @throws IOException when the stream cannot be written
   */
  public static void write(List<Detection> detections, OutputStream out) throws IOException {
    ArrayNode root = MAPPER.createArrayNode();
    for (Detection d : detections) {
      ObjectNode n = root.addObject();
      n.put("image_id", d.imageId());
      n.put("category_id", d.categoryId());
      ArrayNode bb = n.putArray("bbox");
      bb.add(d.bbox().x()).add(d.bbox().y()).add(d.bbox().width()).add(d.bbox().height());
      n.put("score", d.score());
    }
    MAPPER.writeValue(out, root);
  }
}
