package io.nvc.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Pascal VOC / LabelImg XML folders: one {@code <annotation>} file per image. Corners are read as
 * pixel edges: {@code x = xmin}, {@code width = xmax - xmin} (the convention LabelImg's own YOLO
 * export uses), so COCO to VOC to COCO round trips exactly. {@code difficult} and {@code truncated}
 * flags of 1 are kept as extra annotation fields. Keypoints are not represented in VOC and are
 * dropped on writing. XML is parsed with DOCTYPE declarations, external entities and XInclude
 * disabled. Stateless and thread-safe.
 */
public final class VocFormat {

  private VocFormat() {}

  /**
   * Reads every {@code *.xml} file of a folder (not recursive), in file name order. Image ids and
   * annotation ids are numbered from 1 in that order; categories are the distinct object names,
   * sorted, with ids from 1 (apply a {@link ClassMapping} to move them onto the SDK's ids).
   *
   * @param folder the folder of XML files
   * @return the dataset
   * @throws IOException when a file cannot be read
   * @throws DatasetFormatException when a file is not a VOC annotation
   */
  public static CocoDataset read(Path folder) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
          .sorted().toList();
    }
    DocumentBuilder builder = secureBuilder();
    record Parsed(CocoImage image, List<String> names, List<CocoAnnotation> boxes) {}
    List<Parsed> parsed = new ArrayList<>();
    TreeSet<String> classNames = new TreeSet<>();
    long annotationId = 1;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      Document doc;
      try (InputStream in = Files.newInputStream(file)) {
        doc = builder.parse(in);
      } catch (SAXException e) {
        throw new DatasetFormatException(file + ": not well-formed XML: " + e.getMessage(), e);
      }
      Element root = doc.getDocumentElement();
      if (!"annotation".equals(root.getTagName())) {
        throw new DatasetFormatException(
            file + ": expected root element <annotation>, found <" + root.getTagName() + ">");
      }
      long imageId = i + 1L;
      Element size = child(root, "size", file);
      CocoImage image;
      try {
        image = CocoImage.of(imageId, text(root, "filename", file),
            (int) number(size, "width", file), (int) number(size, "height", file));
      } catch (IllegalArgumentException e) {
        throw new DatasetFormatException(file + ": " + e.getMessage(), e);
      }
      List<String> names = new ArrayList<>();
      List<CocoAnnotation> boxes = new ArrayList<>();
      NodeList objects = root.getElementsByTagName("object");
      for (int k = 0; k < objects.getLength(); k++) {
        Element object = (Element) objects.item(k);
        String name = text(object, "name", file);
        Element bb = child(object, "bndbox", file);
        double xmin = number(bb, "xmin", file);
        double ymin = number(bb, "ymin", file);
        double xmax = number(bb, "xmax", file);
        double ymax = number(bb, "ymax", file);
        if (xmax < xmin || ymax < ymin) {
          throw new DatasetFormatException(
              file + ": object \"" + name + "\": expected xmin <= xmax and ymin <= ymax, found "
                  + "xmin=" + xmin + " xmax=" + xmax + " ymin=" + ymin + " ymax=" + ymax);
        }
        CocoAnnotation a =
            CocoAnnotation.of(annotationId++, imageId, 0, Box.ofCorners(xmin, ymin, xmax, ymax));
        for (String flag : List.of("difficult", "truncated")) {
          if (optionalText(object, flag).map(t -> t.equals("1")).orElse(false)) {
            a = a.withExtra(flag, 1);
          }
        }
        names.add(name);
        boxes.add(a);
        classNames.add(name);
      }
      parsed.add(new Parsed(image, names, boxes));
    }
    Map<String, Integer> ids = new HashMap<>();
    List<CocoCategory> categories = new ArrayList<>();
    for (String name : classNames) {
      ids.put(name, ids.size() + 1);
      categories.add(CocoCategory.of(ids.get(name), name));
    }
    List<CocoImage> images = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    for (Parsed p : parsed) {
      images.add(p.image());
      for (int k = 0; k < p.boxes().size(); k++) {
        annotations.add(p.boxes().get(k).withCategory(ids.get(p.names().get(k))));
      }
    }
    return new CocoDataset(images, annotations, categories);
  }

  /**
   * Writes one XML file per image into a folder, named after the image's base name ({@code
   * a/b.png} gives {@code b.xml}). Crowd annotations are written as ordinary objects with {@code
   * difficult=1}.
   *
   * @param dataset the dataset; every annotation's category must be listed
   * @param folder the folder, created if needed
   * @throws IOException when a file cannot be written
   * @throws IllegalArgumentException when two images share a base name or a category is missing
   */
  public static void write(CocoDataset dataset, Path folder) throws IOException {
    Files.createDirectories(folder);
    Map<String, CocoImage> byBase = new LinkedHashMap<>();
    for (CocoImage image : dataset.images()) {
      CocoImage previous = byBase.put(Names.baseName(image.fileName()), image);
      if (previous != null) {
        throw new IllegalArgumentException(
            "VOC needs one XML per base name, found two images named "
                + Names.baseName(image.fileName()) + ": " + previous.fileName() + " and "
                + image.fileName());
      }
    }
    Map<Long, List<CocoAnnotation>> byImage = dataset.annotationsByImage();
    for (Map.Entry<String, CocoImage> e : byBase.entrySet()) {
      CocoImage image = e.getValue();
      StringBuilder x = new StringBuilder();
      x.append("<annotation>\n");
      x.append("  <folder>images</folder>\n");
      x.append("  <filename>").append(escape(image.fileName())).append("</filename>\n");
      x.append("  <source>\n    <database>Unknown</database>\n  </source>\n");
      x.append("  <size>\n    <width>").append(image.width()).append("</width>\n    <height>")
          .append(image.height()).append("</height>\n    <depth>3</depth>\n  </size>\n");
      x.append("  <segmented>0</segmented>\n");
      for (CocoAnnotation a : byImage.getOrDefault(image.id(), List.of())) {
        String name =
            dataset.category(a.categoryId()).map(CocoCategory::name).orElseThrow(
                () -> new IllegalArgumentException(
                    "annotation " + a.id() + ": expected a listed category, found category_id "
                        + a.categoryId()));
        boolean difficult = a.crowd() || a.extraNumber("difficult").orElse(0) == 1;
        boolean truncated = a.extraNumber("truncated").orElse(0) == 1;
        Box b = a.bbox();
        x.append("  <object>\n    <name>").append(escape(name)).append("</name>\n");
        x.append("    <pose>Unspecified</pose>\n");
        x.append("    <truncated>").append(truncated ? 1 : 0).append("</truncated>\n");
        x.append("    <difficult>").append(difficult ? 1 : 0).append("</difficult>\n");
        x.append("    <bndbox>\n");
        x.append("      <xmin>").append(Names.number(b.x())).append("</xmin>\n");
        x.append("      <ymin>").append(Names.number(b.y())).append("</ymin>\n");
        x.append("      <xmax>").append(Names.number(b.right())).append("</xmax>\n");
        x.append("      <ymax>").append(Names.number(b.bottom())).append("</ymax>\n");
        x.append("    </bndbox>\n  </object>\n");
      }
      x.append("</annotation>\n");
      Files.writeString(folder.resolve(e.getKey() + ".xml"), x, StandardCharsets.UTF_8);
    }
  }

  static DocumentBuilder secureBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setNamespaceAware(false);
      DocumentBuilder builder = f.newDocumentBuilder();
      builder.setErrorHandler(
          new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
              // warnings do not stop parsing and are not printed
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
              throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
              throw e;
            }
          });
      return builder;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser lacks a required security feature", e);
    }
  }

  private static Element child(Element parent, String tag, Path file)
      throws DatasetFormatException {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    throw new DatasetFormatException(
        file + ": expected <" + tag + "> inside <" + parent.getTagName() + ">, found none");
  }

  private static Optional<String> optionalText(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return Optional.of(e.getTextContent().trim());
      }
    }
    return Optional.empty();
  }

  private static String text(Element parent, String tag, Path file) throws DatasetFormatException {
    String t = child(parent, tag, file).getTextContent().trim();
    if (t.isEmpty()) {
      throw new DatasetFormatException(
          file + ": expected text in <" + tag + ">, found an empty element");
    }
    return t;
  }

  private static double number(Element parent, String tag, Path file)
      throws DatasetFormatException {
    String t = text(parent, tag, file);
    try {
      double v = Double.parseDouble(t);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new DatasetFormatException(
          file + ": expected a number in <" + tag + ">, found \"" + t + "\"", e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
