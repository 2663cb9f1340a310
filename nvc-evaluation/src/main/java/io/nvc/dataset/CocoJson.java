package io.nvc.dataset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes COCO instance files (boxes and keypoints). Unknown fields never break reading:
 * they are kept in the records' {@code extra} maps and written back. Missing {@code area} defaults
 * to the box's area and missing {@code iscrowd} to 0. Stateless and thread-safe.
 */
public final class CocoJson {

  private static final Set<String> IMAGE_FIELDS = Set.of("id", "file_name", "width", "height");
  private static final Set<String> CATEGORY_FIELDS = Set.of("id", "name", "keypoints");
  private static final Set<String> ANNOTATION_FIELDS =
      Set.of(
          "id", "image_id", "category_id", "bbox", "area", "iscrowd", "keypoints", "num_keypoints");

  private CocoJson() {}

  /**
   * Reads a COCO file.
   *
   * @param file the JSON file
   * @return the dataset
   * @throws IOException when the file cannot be read
   * @throws DatasetFormatException when its content is not a COCO instance file
   */
  public static CocoDataset read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads a COCO document from a stream (left open).
   *
   * @param in the stream
   * @param name the document's name for error messages
   * @return the dataset
   * @throws IOException when the stream cannot be read
   * @throws DatasetFormatException when its content is not a COCO instance file
   */
  public static CocoDataset read(InputStream in, String name) throws IOException {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(in);
    } catch (JacksonException e) {
      throw new DatasetFormatException(name + ": not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new DatasetFormatException(name + ": expected a JSON object, found " + root);
    }
    List<CocoImage> images = new ArrayList<>();
    for (JsonNode n : array(root, "images", name)) {
      images.add(image(n, name));
    }
    List<CocoCategory> categories = new ArrayList<>();
    for (JsonNode n : array(root, "categories", name)) {
      categories.add(category(n, name));
    }
    List<CocoAnnotation> annotations = new ArrayList<>();
    for (JsonNode n : array(root, "annotations", name)) {
      annotations.add(annotation(n, name));
    }
    return new CocoDataset(images, annotations, categories);
  }

  /**
   * Writes a COCO file (indented, UTF-8).
   *
   * @param dataset the dataset
   * @param file the file, replaced if present
   * @throws IOException when the file cannot be written
   */
  public static void write(CocoDataset dataset, Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      write(dataset, out);
    }
  }

  /**
   * Writes a COCO document to a stream (left open).
   *
   * @param dataset the dataset
   * @param out the stream
   * @throws IOException when the stream cannot be written
   */
  public static void write(CocoDataset dataset, OutputStream out) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode images = root.putArray("images");
    for (CocoImage i : dataset.images()) {
      ObjectNode n = images.addObject();
      n.put("id", i.id());
      n.put("file_name", i.fileName());
      n.put("width", i.width());
      n.put("height", i.height());
      Json.putExtras(n, i.extra());
    }
    ArrayNode annotations = root.putArray("annotations");
    for (CocoAnnotation a : dataset.annotations()) {
      ObjectNode n = annotations.addObject();
      n.put("id", a.id());
      n.put("image_id", a.imageId());
      n.put("category_id", a.categoryId());
      ArrayNode bbox = n.putArray("bbox");
      Json.addNumber(bbox, a.bbox().x());
      Json.addNumber(bbox, a.bbox().y());
      Json.addNumber(bbox, a.bbox().width());
      Json.addNumber(bbox, a.bbox().height());
      Json.putNumber(n, "area", a.area());
      n.put("iscrowd", a.crowd() ? 1 : 0);
      if (!a.keypoints().isEmpty()) {
        ArrayNode kp = n.putArray("keypoints");
        for (Keypoint k : a.keypoints()) {
          Json.addNumber(kp, k.x());
          Json.addNumber(kp, k.y());
          kp.add(k.visibility());
        }
        n.put("num_keypoints", a.numKeypoints());
      }
      Json.putExtras(n, a.extra());
    }
    ArrayNode categories = root.putArray("categories");
    for (CocoCategory c : dataset.categories()) {
      ObjectNode n = categories.addObject();
      n.put("id", c.id());
      n.put("name", c.name());
      if (!c.keypoints().isEmpty()) {
        ArrayNode kp = n.putArray("keypoints");
        c.keypoints().forEach(kp::add);
      }
      Json.putExtras(n, c.extra());
    }
    Json.MAPPER.writeValue(out, root);
  }

  private static Iterable<JsonNode> array(JsonNode root, String field, String name)
      throws DatasetFormatException {
    JsonNode node = root.get(field);
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new DatasetFormatException(
          name + ": expected \"" + field + "\" to be an array, found " + node.getNodeType());
    }
    return node;
  }

  private static CocoImage image(JsonNode n, String name) throws DatasetFormatException {
    String where = name + ": image " + n.path("id");
    try {
      return new CocoImage(
          Json.requireLong(n, "id", where),
          Json.requireText(n, "file_name", where),
          (int) Json.requireLong(n, "width", where),
          (int) Json.requireLong(n, "height", where),
          Json.extras(n, IMAGE_FIELDS));
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static CocoCategory category(JsonNode n, String name) throws DatasetFormatException {
    String where = name + ": category " + n.path("id");
    List<String> keypoints = new ArrayList<>();
    JsonNode kp = n.get("keypoints");
    if (kp != null && kp.isArray()) {
      kp.forEach(k -> keypoints.add(k.asText()));
    }
    try {
      return new CocoCategory(
          (int) Json.requireLong(n, "id", where),
          Json.requireText(n, "name", where),
          keypoints,
          Json.extras(n, CATEGORY_FIELDS));
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(name + ": " + e.getMessage(), e);
    }
  }

  private static CocoAnnotation annotation(JsonNode n, String name)
      throws DatasetFormatException {
    String where = name + ": annotation " + n.path("id");
    long id = Json.requireLong(n, "id", where);
    long imageId = Json.requireLong(n, "image_id", where);
    int categoryId = (int) Json.requireLong(n, "category_id", where);
    JsonNode bb = Json.require(n, "bbox", where);
    if (!bb.isArray() || bb.size() != 4 || !allNumbers(bb)) {
      throw new DatasetFormatException(
          where + ": expected \"bbox\" as [x, y, width, height] numbers, found " + bb);
    }
    JsonNode kp = n.get("keypoints");
    if (kp != null && !kp.isNull() && (!kp.isArray() || kp.size() % 3 != 0 || !allNumbers(kp))) {
      throw new DatasetFormatException(
          where + ": expected \"keypoints\" as [x, y, v] * K numbers, found " + kp);
    }
    try {
      List<Keypoint> keypoints = new ArrayList<>();
      if (kp != null && kp.isArray()) {
        for (int i = 0; i < kp.size(); i += 3) {
          keypoints.add(
              new Keypoint(kp.get(i).asDouble(), kp.get(i + 1).asDouble(), kp.get(i + 2).asInt()));
        }
      }
      Box box = new Box(bb.get(0).asDouble(), bb.get(1).asDouble(), bb.get(2).asDouble(),
          bb.get(3).asDouble());
      JsonNode area = n.get("area");
      JsonNode crowd = n.get("iscrowd");
      return new CocoAnnotation(
          id,
          imageId,
          categoryId,
          box,
          area != null && area.isNumber() ? area.asDouble() : box.area(),
          crowd != null && crowd.asInt() != 0,
          keypoints,
          Json.extras(n, ANNOTATION_FIELDS));
    } catch (IllegalArgumentException e) {
      throw new DatasetFormatException(where + ": " + e.getMessage(), e);
    }
  }

  private static boolean allNumbers(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isNumber()) {
        return false;
      }
    }
    return true;
  }
}
