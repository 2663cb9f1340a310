package io.nvc.synth;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes COCO annotation files with the SDK's extra fields. Numbers are written as decimals rounded to
 * 0.001 (never in exponent form) and lines end with '\n', so files are byte-identical everywhere.
 * Stateless and thread-safe.
 */
final class CocoJson {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private CocoJson() {
  }

  /** One image entry: its file name relative to the annotation file, seed and ground truth, plus extras. */
  record Entry(String fileName, long seed, ImageGroundTruth truth, String finger, String view) {
  }

  static void write(Path file, String description, long seed, List<Entry> entries) throws IOException {
    ObjectNode root = NODES.objectNode();
    ObjectNode info = root.putObject("info");
    info.put("description", description);
    info.put("generator", "nvc-synth");
    info.put("seed", seed);
    root.putArray("licenses");
    ArrayNode images = root.putArray("images");
    ArrayNode annotations = root.putArray("annotations");
    long annotationId = 1;
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      ImageGroundTruth t = e.truth();
      int imageId = i + 1;
      ObjectNode img = images.addObject();
      img.put("id", imageId);
      img.put("file_name", e.fileName());
      img.put("width", t.width());
      img.put("height", t.height());
      img.set("micrometres_per_pixel", num(t.micrometresPerPixel()));
      img.set("density_per_mm", num(t.densityPerMm()));
      img.put("profile", t.profile().cliName());
      img.set("row_angle_deg", num(t.rowAngleDegrees()));
      if (t.jpegQuality() > 0) {
        img.put("jpeg_quality", t.jpegQuality());
      } else {
        img.putNull("jpeg_quality");
      }
      img.put("seed", e.seed());
      if (!e.finger().isEmpty()) {
        img.put("finger", e.finger());
        img.put("view", e.view());
        img.put("panoramic", e.view().equals("panoramic"));
      }
      for (CapillaryTruth c : t.capillaries()) {
        ObjectNode a = annotation(annotations, annotationId++, imageId, c.morphology().cocoCategoryId(), c.box(),
            c.faint());
        ArrayNode kps = a.putArray("keypoints");
        int visible = 0;
        for (Keypoint k : c.keypoints()) {
          kps.add(num(k.x()));
          kps.add(num(k.y()));
          kps.add(k.visibility());
          visible += k.visibility() > 0 ? 1 : 0;
        }
        a.put("num_keypoints", visible);
        a.set("apical_um", num(c.apicalUm()));
        a.set("arterial_um", num(c.arterialUm()));
        a.set("venous_um", num(c.venousUm()));
        a.put("size", c.size().cocoName());
        a.put("distal_row", c.distalRow());
        a.set("contrast", num(c.contrast(), 4));
      }
      for (HaemorrhageTruth hm : t.haemorrhages()) {
        ObjectNode a = annotation(annotations, annotationId++, imageId, SyntheticDatasets.HAEMORRHAGE_CATEGORY_ID,
            hm.box(), false);
        ArrayNode kps = a.putArray("keypoints");
        for (int k = 0; k < 18; k++) {
          kps.add(0);
        }
        a.put("num_keypoints", 0);
        a.putNull("apical_um");
        a.putNull("arterial_um");
        a.putNull("venous_um");
        a.putNull("size");
        a.putNull("distal_row");
        a.putNull("contrast");
        a.put("confluent", hm.confluent());
      }
    }
    ArrayNode categories = root.putArray("categories");
    for (MorphologyClass m : MorphologyClass.values()) {
      category(categories, m.cocoCategoryId(), m.cocoName(), "capillary");
    }
    category(categories, SyntheticDatasets.HAEMORRHAGE_CATEGORY_ID, "haemorrhage", "haemorrhage");

    ObjectMapper mapper = new ObjectMapper();
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
        .withObjectIndenter(indenter)
        .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance);
    try (OutputStream out = Files.newOutputStream(file)) {
      mapper.writer(printer).writeValue(out, root);
    }
  }

  private static ObjectNode annotation(ArrayNode annotations, long id, int imageId, int category, BoundingBox box,
      boolean crowd) {
    ObjectNode a = annotations.addObject();
    a.put("id", id);
    a.put("image_id", imageId);
    a.put("category_id", category);
    ArrayNode bbox = a.putArray("bbox");
    bbox.add(num(box.x()));
    bbox.add(num(box.y()));
    bbox.add(num(box.width()));
    bbox.add(num(box.height()));
    a.set("area", num(box.area()));
    a.put("iscrowd", crowd ? 1 : 0);
    return a;
  }

  private static void category(ArrayNode categories, int id, String name, String supercategory) {
    ObjectNode c = categories.addObject();
    c.put("id", id);
    c.put("name", name);
    c.put("supercategory", supercategory);
    ArrayNode names = c.putArray("keypoints");
    CapillaryTruth.KEYPOINT_NAMES.forEach(names::add);
    ArrayNode skeleton = c.putArray("skeleton");
    for (int[] pair : new int[][] {{1, 2}, {3, 4}, {5, 6}}) {
      ArrayNode p = skeleton.addArray();
      p.add(pair[0]);
      p.add(pair[1]);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode num(double value) {
    return num(value, 3);
  }

  private static com.fasterxml.jackson.databind.JsonNode num(double value, int decimals) {
    BigDecimal d = BigDecimal.valueOf(Math.round(value * Math.pow(10, decimals)), decimals).stripTrailingZeros();
    if (d.scale() < 0) {
      d = d.setScale(0);
    }
    return new DecimalNode(d);
  }
}
