package io.nvc.calibration;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.Sector;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Converts {@link CaptureMetadata} to and from XMP packets in the SDK's namespace
 * ({@value #NS}, prefix {@code nvc}). Parsing is hardened: no DTDs, no external entities, no
 * XInclude, a size limit. Stateless and thread-safe (parsers are created per call).
 */
final class XmpCodec {

  /** The SDK's XMP namespace. */
  static final String NS = "http://ns.nvc.io/capture/1.0/";
  static final String PREFIX = "nvc";
  static final String RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
  static final String X = "adobe:ns:meta/";
  static final String TIFF = "http://ns.adobe.com/tiff/1.0/";
  static final String XMP = "http://ns.adobe.com/xap/1.0/";
  static final String EXIF = "http://ns.adobe.com/exif/1.0/";
  static final String EXIF_EX = "http://cipa.jp/exif/1.0/";

  /** Largest XMP packet read or merged, in characters. */
  static final int MAX_PACKET_CHARS = 4 * 1024 * 1024;

  static final String FINGER = "Finger";
  static final String SECTOR = "Sector";
  static final String MAGNIFICATION = "Magnification";
  static final String UM_PER_PX_X = "MicrometresPerPixelX";
  static final String UM_PER_PX_Y = "MicrometresPerPixelY";
  static final String CALIBRATION_SOURCE = "CalibrationSource";
  static final String CALIBRATION_UNCERTAINTY = "CalibrationUncertainty";
  static final String CALIBRATION_DEVICE = "CalibrationDevice";
  static final String CAPTURED_AT = "CapturedAt";
  static final String CAMERA_MODEL = "CameraModel";
  static final String CAMERA_ID = "CameraId";
  static final String SOFTWARE = "Software";
  static final String SOFTWARE_VERSION = "SoftwareVersion";
  static final String PATIENT_ID = "PatientId";
  static final String EXAMINATION_ID = "ExaminationId";

  /** Standard properties the SDK also writes, as {namespace, prefix, local name}. */
  private static final String[][] MIRRORS = {
    {TIFF, "tiff", "Model"}, {XMP, "xmp", "CreatorTool"}, {XMP, "xmp", "CreateDate"},
    {EXIF, "exif", "DateTimeOriginal"}, {EXIF_EX, "exifEX", "BodySerialNumber"}
  };

  private XmpCodec() {}

  /** A parsed packet: property values by {@code namespace + localName}, and warnings. */
  record Properties(Map<String, String> values, List<String> warnings) {
    @Nullable String get(String namespace, String name) {
      return values.get(namespace + name);
    }
  }

  /** The outcome of decoding: metadata (null when the packet holds none), stored source, warnings. */
  record Decoded(@Nullable CaptureMetadata metadata, @Nullable CalibrationSource storedSource,
      List<String> warnings) {}

  // ---------------------------------------------------------------------------------------------- parse

  /** A namespace-aware DOM parser with DTDs, external entities and XInclude off. */
  static DocumentBuilder secureBuilder() {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      DocumentBuilder b = f.newDocumentBuilder();
      b.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entities are not allowed, found a reference to " + systemId);
      });
      b.setErrorHandler(new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
          // Parser warnings carry no information the caller needs; errors below fail the parse.
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
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML parser does not support secure processing", e);
    }
  }

  /** Parses an XMP packet; throws {@link IllegalArgumentException} with a one-line reason when invalid. */
  static Document parse(String packet) {
    if (packet.length() > MAX_PACKET_CHARS) {
      throw new IllegalArgumentException("the XMP packet has " + packet.length()
          + " characters, more than the limit of " + MAX_PACKET_CHARS);
    }
    String text = packet.strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    try {
      return secureBuilder().parse(new InputSource(new StringReader(text)));
    } catch (SAXException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (why.contains("DOCTYPE")) {
        why = "it has a DOCTYPE declaration, which XMP does not allow (entities are never expanded)";
      }
      throw new IllegalArgumentException("the XMP packet is not valid XML: " + why, e);
    } catch (IOException e) {
      throw new IllegalArgumentException("the XMP packet could not be read: " + e.getMessage(), e);
    }
  }

  /** Every simple property of every {@code rdf:Description}, attributes and elements alike. */
  static Properties properties(Document doc) {
    Map<String, String> values = new HashMap<>();
    List<String> warnings = new ArrayList<>();
    NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
    for (int i = 0; i < descriptions.getLength(); i++) {
      Element d = (Element) descriptions.item(i);
      NamedNodeMap attrs = d.getAttributes();
      for (int a = 0; a < attrs.getLength(); a++) {
        Attr attr = (Attr) attrs.item(a);
        String ns = attr.getNamespaceURI();
        if (ns == null || ns.equals(RDF) || ns.equals(XMLConstants.XMLNS_ATTRIBUTE_NS_URI)
            || ns.equals(XMLConstants.XML_NS_URI)) {
          continue;
        }
        put(values, warnings, ns, attr.getLocalName(), attr.getValue());
      }
      for (Node n = d.getFirstChild(); n != null; n = n.getNextSibling()) {
        if (n instanceof Element e && e.getNamespaceURI() != null) {
          String value = simpleValue(e);
          if (value != null) {
            put(values, warnings, e.getNamespaceURI(), e.getLocalName(), value);
          }
        }
      }
    }
    return new Properties(values, warnings);
  }

  /** The text of a simple property, or the first item of an {@code rdf:Alt}/{@code Seq}/{@code Bag}. */
  private static @Nullable String simpleValue(Element e) {
    Element child = firstElement(e);
    if (child == null) {
      return e.getTextContent().strip();
    }
    if (RDF.equals(child.getNamespaceURI())
        && List.of("Alt", "Seq", "Bag").contains(child.getLocalName())) {
      Element li = firstElement(child);
      return li == null ? null : li.getTextContent().strip();
    }
    return null;
  }

  private static @Nullable Element firstElement(Node parent) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        return e;
      }
    }
    return null;
  }

  private static void put(Map<String, String> values, List<String> warnings, String ns, String name,
      String value) {
    String previous = values.putIfAbsent(ns + name, value);
    if (previous != null && !previous.equals(value) && NS.equals(ns)) {
      warnings.add("nvc:" + name + " appears twice with different values ('" + previous + "' and '" + value
          + "'); the first is used");
    }
  }

  /** Decodes metadata from a packet's properties; bad values become warnings and are left out. */
  static Decoded decode(Properties p) {
    List<String> warnings = new ArrayList<>(p.warnings());
    Finger finger = value(p, NS, FINGER, Finger::parse, warnings);
    Sector sector = value(p, NS, SECTOR, Sector::parse, warnings);
    Double magnification = value(p, NS, MAGNIFICATION, t -> positive(t, "a number > 0"), warnings);
    Double x = value(p, NS, UM_PER_PX_X, t -> positive(t, "micrometres per pixel > 0"), warnings);
    Double y = value(p, NS, UM_PER_PX_Y, t -> positive(t, "micrometres per pixel > 0"), warnings);
    CalibrationSource stored = value(p, NS, CALIBRATION_SOURCE, XmpCodec::source, warnings);
    Double uncertainty = value(p, NS, CALIBRATION_UNCERTAINTY, XmpCodec::fraction, warnings);
    String device = text(p, NS, CALIBRATION_DEVICE);
    OffsetDateTime captured = value(p, NS, CAPTURED_AT, XmpCodec::dateTime, warnings);
    if (captured == null && p.get(NS, CAPTURED_AT) == null) {
      captured = value(p, EXIF, "DateTimeOriginal", XmpCodec::dateTime, warnings);
    }
    String model = firstNonNull(text(p, NS, CAMERA_MODEL), text(p, TIFF, "Model"));
    String cameraId = firstNonNull(text(p, NS, CAMERA_ID), text(p, EXIF_EX, "BodySerialNumber"));
    String software = text(p, NS, SOFTWARE);
    String version = text(p, NS, SOFTWARE_VERSION);
    if (software == null) {
      software = text(p, XMP, "CreatorTool");
    }
    Calibration calibration = null;
    if (x == null && y != null) {
      warnings.add("nvc:" + UM_PER_PX_Y + " is set but nvc:" + UM_PER_PX_X
          + " is missing; expected both or x alone; no calibration read");
    } else if (x != null) {
      calibration = new Calibration(x, y == null ? x : y, CalibrationSource.METADATA, magnification,
          device, uncertainty);
      if (stored == null) {
        stored = CalibrationSource.METADATA;
      }
    }
    CaptureMetadata m = new CaptureMetadata(finger, sector, magnification, calibration, captured, model,
        cameraId, software, version, text(p, NS, PATIENT_ID), text(p, NS, EXAMINATION_ID));
    return new Decoded(m.equals(CaptureMetadata.empty()) ? null : m, calibration == null ? null : stored,
        warnings);
  }

  private static <T> @Nullable T value(Properties p, String ns, String name, Function<String, T> parse,
      List<String> warnings) {
    String text = p.get(ns, name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      warnings.add((NS.equals(ns) ? "nvc:" : "") + name + ": " + e.getMessage() + "; ignored");
      return null;
    }
  }

  private static @Nullable String text(Properties p, String ns, String name) {
    String t = p.get(ns, name);
    return t == null || t.isBlank() ? null : t;
  }

  private static @Nullable String firstNonNull(@Nullable String a, @Nullable String b) {
    return a != null ? a : b;
  }

  private static double positive(String text, String expected) {
    double v;
    try {
      v = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected " + expected + ", found '" + text + "'", e);
    }
    if (!Double.isFinite(v) || v <= 0) {
      throw new IllegalArgumentException("expected " + expected + ", found " + text);
    }
    return v;
  }

  private static double fraction(String text) {
    double v;
    try {
      v = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a fraction in [0, 1), found '" + text + "'", e);
    }
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException("expected a fraction in [0, 1), found " + text);
    }
    return v;
  }

  private static CalibrationSource source(String text) {
    try {
      return CalibrationSource.valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("expected one of MANUAL, DEVICE_PROFILE, METADATA, AUTOMATIC, found '"
          + text + "'", e);
    }
  }

  /** Parses an ISO 8601 date-time with offset; a local time without offset is refused. */
  static OffsetDateTime dateTime(String text) {
    try {
      return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "expected an ISO 8601 date-time with UTC offset such as 2026-11-26T10:15:30+01:00, found '" + text
              + "'", e);
    }
  }

  // --------------------------------------------------------------------------------------------- write

  /**
   * A packet holding {@code m}: the {@code existing} packet (when it parses) with every {@code nvc}
   * property and the standard mirrors removed, plus one new {@code rdf:Description} with the SDK's
   * properties. Other vendors' properties are kept.
   *
   * @param storedSource the calibration source to record (the calibration's own source when null)
   * @param warnings receives a warning when the existing packet cannot be merged
   */
  static String encode(CaptureMetadata m, @Nullable CalibrationSource storedSource, boolean identifiers,
      @Nullable String existing, List<String> warnings) {
    Document doc = null;
    Element rdf = null;
    if (existing != null && !existing.isBlank()) {
      try {
        doc = parse(existing);
        NodeList rdfs = doc.getElementsByTagNameNS(RDF, "RDF");
        if (rdfs.getLength() == 0) {
          warnings.add("the existing XMP packet has no rdf:RDF element; it is replaced");
          doc = null;
        } else {
          rdf = (Element) rdfs.item(0);
          strip(doc);
        }
      } catch (IllegalArgumentException e) {
        warnings.add(e.getMessage() + "; it is replaced");
        doc = null;
      }
    }
    if (doc == null) {
      doc = secureBuilder().newDocument();
      Element meta = doc.createElementNS(X, "x:xmpmeta");
      meta.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:x", X);
      doc.appendChild(meta);
      rdf = doc.createElementNS(RDF, "rdf:RDF");
      rdf.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:rdf", RDF);
      meta.appendChild(rdf);
    }
    Element d = doc.createElementNS(RDF, "rdf:Description");
    d.setAttributeNS(RDF, "rdf:about", "");
    declare(d, PREFIX, NS);
    Calibration c = m.calibration();
    String when = m.capturedAt() == null ? null : m.capturedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    add(doc, d, NS, PREFIX, FINGER, m.finger() == null ? null : m.finger().name());
    add(doc, d, NS, PREFIX, SECTOR, m.sector() == null ? null : m.sector().name());
    Double magnification = m.magnification() != null ? m.magnification()
        : c != null ? c.magnification() : null;
    add(doc, d, NS, PREFIX, MAGNIFICATION, number(magnification));
    if (c != null) {
      add(doc, d, NS, PREFIX, UM_PER_PX_X, number(c.micrometresPerPixelX()));
      add(doc, d, NS, PREFIX, UM_PER_PX_Y, number(c.micrometresPerPixelY()));
      add(doc, d, NS, PREFIX, CALIBRATION_SOURCE, (storedSource != null ? storedSource : c.source()).name());
      add(doc, d, NS, PREFIX, CALIBRATION_UNCERTAINTY, number(c.relativeUncertainty()));
      add(doc, d, NS, PREFIX, CALIBRATION_DEVICE, c.device());
    }
    add(doc, d, NS, PREFIX, CAPTURED_AT, when);
    add(doc, d, NS, PREFIX, CAMERA_MODEL, m.cameraModel());
    add(doc, d, NS, PREFIX, CAMERA_ID, m.cameraId());
    add(doc, d, NS, PREFIX, SOFTWARE, m.software());
    add(doc, d, NS, PREFIX, SOFTWARE_VERSION, m.softwareVersion());
    if (identifiers) {
      add(doc, d, NS, PREFIX, PATIENT_ID, m.patientId());
      add(doc, d, NS, PREFIX, EXAMINATION_ID, m.examinationId());
    }
    add(doc, d, TIFF, "tiff", "Model", m.cameraModel());
    add(doc, d, XMP, "xmp", "CreatorTool", creatorTool(m));
    add(doc, d, XMP, "xmp", "CreateDate", when);
    add(doc, d, EXIF, "exif", "DateTimeOriginal", when);
    add(doc, d, EXIF_EX, "exifEX", "BodySerialNumber", m.cameraId());
    rdf.appendChild(d);
    return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n" + serialize(doc)
        + "\n<?xpacket end=\"w\"?>";
  }

  /** {@code software version}, or whichever is known; null when neither. */
  static @Nullable String creatorTool(CaptureMetadata m) {
    if (m.software() == null) {
      return m.softwareVersion();
    }
    return m.softwareVersion() == null ? m.software() : m.software() + " " + m.softwareVersion();
  }

  /** Removes the SDK's properties and mirrors from every description, and the packet wrapper. */
  private static void strip(Document doc) {
    for (Node n = doc.getFirstChild(); n != null; ) {
      Node next = n.getNextSibling();
      if (n.getNodeType() == Node.PROCESSING_INSTRUCTION_NODE) {
        doc.removeChild(n);
      }
      n = next;
    }
    NodeList descriptions = doc.getElementsByTagNameNS(RDF, "Description");
    List<Element> all = new ArrayList<>();
    for (int i = 0; i < descriptions.getLength(); i++) {
      all.add((Element) descriptions.item(i));
    }
    for (Element d : all) {
      NamedNodeMap attrs = d.getAttributes();
      for (int a = attrs.getLength() - 1; a >= 0; a--) {
        Attr attr = (Attr) attrs.item(a);
        if (managed(attr.getNamespaceURI(), attr.getLocalName())) {
          d.removeAttributeNode(attr);
        }
      }
      for (Node n = d.getFirstChild(); n != null; ) {
        Node next = n.getNextSibling();
        if (n instanceof Element e && managed(e.getNamespaceURI(), e.getLocalName())) {
          d.removeChild(e);
        }
        n = next;
      }
      if (!d.hasChildNodes() || d.getTextContent().isBlank() && firstElement(d) == null) {
        boolean onlyAbout = true;
        NamedNodeMap left = d.getAttributes();
        for (int a = 0; a < left.getLength(); a++) {
          Attr attr = (Attr) left.item(a);
          if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())
              && !(RDF.equals(attr.getNamespaceURI()) && "about".equals(attr.getLocalName()))) {
            onlyAbout = false;
          }
        }
        if (onlyAbout && d.getParentNode() != null
            && RDF.equals(d.getParentNode().getNamespaceURI())
            && "RDF".equals(d.getParentNode().getLocalName())) {
          d.getParentNode().removeChild(d);
        }
      }
    }
  }

  private static boolean managed(@Nullable String ns, @Nullable String name) {
    if (NS.equals(ns)) {
      return true;
    }
    for (String[] mirror : MIRRORS) {
      if (mirror[0].equals(ns) && mirror[2].equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static void declare(Element e, String prefix, String ns) {
    e.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:" + prefix, ns);
  }

  private static void add(Document doc, Element d, String ns, String prefix, String name,
      @Nullable String value) {
    if (value == null) {
      return;
    }
    if (!NS.equals(ns)) {
      declare(d, prefix, ns);
    }
    Element e = doc.createElementNS(ns, prefix + ":" + name);
    e.setTextContent(value);
    d.appendChild(e);
  }

  /** A plain decimal (no exponent), or null. */
  static @Nullable String number(@Nullable Double v) {
    return v == null ? null : BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String serialize(Document doc) {
    try {
      TransformerFactory f = TransformerFactory.newInstance();
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
      Transformer t = f.newTransformer();
      t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      t.setOutputProperty(OutputKeys.INDENT, "yes");
      t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "1");
      StringWriter out = new StringWriter();
      t.transform(new DOMSource(doc), new StreamResult(out));
      return out.toString().strip();
    } catch (TransformerException e) {
      throw new IllegalStateException("could not serialise an XMP packet: " + e.getMessage(), e);
    }
  }
}
