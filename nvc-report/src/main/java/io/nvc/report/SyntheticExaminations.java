package io.nvc.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.AnalysisSummary;
import io.nvc.Box;
import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.CapillaryFinding;
import io.nvc.ErrorCode;
import io.nvc.Haemorrhage;
import io.nvc.ImageAnalysis;
import io.nvc.ImageInfo;
import io.nvc.Measurement;
import io.nvc.Morphology;
import io.nvc.NvcException;
import io.nvc.Point;
import io.nvc.Provenance;
import io.nvc.SizeClass;
import io.nvc.SizeSource;
import io.nvc.examination.Examinations;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code annotations.json} that {@code nvc synth --examination} writes next to a synthetic
 * examination: each image's calibration, and its ground truth as if a perfect analyzer had found it.
 * The ground truth lets a report be previewed, and the Fast Track logic checked on each synthetic
 * profile, without trained models. Keys are image paths relative to the annotation file's folder,
 * with {@code /} separators (for example {@code R3/B.png}). Stateless and thread-safe.
 */
public final class SyntheticExaminations {

  /** Backend name recorded in the provenance of ground-truth analyses. */
  public static final String GROUND_TRUTH = "ground-truth";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int HAEMORRHAGE_CATEGORY = 5;

  private SyntheticExaminations() {}

  /**
   * Each image's calibration ({@code micrometres_per_pixel}), source {@link CalibrationSource#METADATA}.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be read,
   *     {@link ErrorCode#RESULT_INVALID} when it is not a COCO annotation file with calibrations
   */
  public static Map<String, Calibration> calibrations(Path annotations) throws NvcException {
    Map<String, Calibration> out = new LinkedHashMap<>();
    for (JsonNode img : read(annotations).path("images")) {
      JsonNode um = img.get("micrometres_per_pixel");
      if (um != null && um.isNumber() && um.asDouble() > 0) {
        out.put(img.path("file_name").asText(), new Calibration(um.asDouble(), um.asDouble(),
            CalibrationSource.METADATA, null, "nvc-synth annotations.json", null));
      }
    }
    return out;
  }

  /**
   * Each image's ground truth as an {@link ImageAnalysis}: capillaries with their true shape, box,
   * calibres (segments between the annotated keypoints; arterial is the narrower limb), EULAR size and
   * distal-row flag; haemorrhages; the true density.
   *
   * @throws NvcException as {@link #calibrations(Path)}
   */
  public static Map<String, ImageAnalysis> groundTruth(Path annotations) throws NvcException {
    JsonNode root = read(annotations);
    Map<Integer, List<JsonNode>> byImage = new HashMap<>();
    for (JsonNode a : root.path("annotations")) {
      byImage.computeIfAbsent(a.path("image_id").asInt(), k -> new ArrayList<>()).add(a);
    }
    Map<String, ImageAnalysis> out = new LinkedHashMap<>();
    try {
      for (JsonNode img : root.path("images")) {
        String file = img.path("file_name").asText();
        double um = img.path("micrometres_per_pixel").asDouble();
        Calibration cal = Calibration.of(um, CalibrationSource.METADATA);
        List<CapillaryFinding> caps = new ArrayList<>();
        List<Haemorrhage> haem = new ArrayList<>();
        for (JsonNode a : byImage.getOrDefault(img.path("id").asInt(), List.of())) {
          JsonNode b = a.path("bbox");
          Box box = new Box(b.path(0).asDouble(), b.path(1).asDouble(), b.path(2).asDouble(), b.path(3).asDouble());
          int category = a.path("category_id").asInt();
          if (category == HAEMORRHAGE_CATEGORY) {
            haem.add(new Haemorrhage(box, 1.0));
          } else {
            caps.add(capillary(a, box, category));
          }
        }
        Map<Morphology, Integer> byMorphology = new EnumMap<>(Morphology.class);
        Map<SizeClass, Integer> bySize = new EnumMap<>(SizeClass.class);
        int distal = 0;
        for (CapillaryFinding c : caps) {
          byMorphology.merge(c.morphology(), 1, Integer::sum);
          bySize.merge(c.size(), 1, Integer::sum);
          distal += c.distalRow() ? 1 : 0;
        }
        JsonNode density = img.get("density_per_mm");
        out.put(file, new ImageAnalysis(new ImageInfo(img.path("width").asInt(), img.path("height").asInt(), file),
            cal, caps, haem, new AnalysisSummary(caps.size(), distal,
                density == null || density.isNull() ? null : density.asDouble(), haem.size(), byMorphology, bySize),
            new Provenance(Examinations.sdkVersion(), GROUND_TRUTH, "nvc-synth", List.of(), cal.source().name()),
            List.of("ground truth of a synthetic image, not an analysis")));
      }
    } catch (IllegalArgumentException e) {
      throw new NvcException(ErrorCode.RESULT_INVALID, annotations + ": invalid ground truth: " + e.getMessage(), e);
    }
    return out;
  }

  private static CapillaryFinding capillary(JsonNode a, Box box, int category) {
    Morphology m = switch (category) {
      case 1 -> Morphology.NORMAL;
      case 2 -> Morphology.TORTUOUS;
      case 3 -> Morphology.RAMIFIED;
      case 4 -> Morphology.GIANT;
      default -> throw new IllegalArgumentException("unknown category_id " + category);
    };
    JsonNode k = a.path("keypoints");
    Measurement apical = segment(k, 0, 1, number(a.get("apical_um")));
    Measurement left = segment(k, 2, 3, null);
    Measurement right = segment(k, 4, 5, null);
    Double arterialUm = number(a.get("arterial_um"));
    Double venousUm = number(a.get("venous_um"));
    Measurement arterial = null;
    Measurement venous = null;
    if (left != null && right != null) {
      boolean leftNarrower = left.pixels() <= right.pixels();
      arterial = withUm(leftNarrower ? left : right, arterialUm);
      venous = withUm(leftNarrower ? right : left, venousUm);
    }
    String size = a.path("size").asText("").toUpperCase(Locale.ROOT);
    SizeClass sizeClass = size.isEmpty() ? SizeClass.UNKNOWN : SizeClass.valueOf(size);
    return new CapillaryFinding(box, m, 1.0, apical, arterial, venous, sizeClass,
        sizeClass == SizeClass.UNKNOWN ? SizeSource.NONE : SizeSource.MEASUREMENT, a.path("distal_row").asBoolean(),
        Map.of());
  }

  private static @Nullable Measurement segment(JsonNode k, int from, int to, @Nullable Double um) {
    if (k.size() < 18 || k.path(from * 3 + 2).asInt() == 0 || k.path(to * 3 + 2).asInt() == 0) {
      return null;
    }
    Point s = new Point(k.path(from * 3).asDouble(), k.path(from * 3 + 1).asDouble());
    Point e = new Point(k.path(to * 3).asDouble(), k.path(to * 3 + 1).asDouble());
    return new Measurement(s, e, s.distanceTo(e), um, 1.0);
  }

  private static @Nullable Measurement withUm(Measurement m, @Nullable Double um) {
    return new Measurement(m.start(), m.end(), m.pixels(), um, m.confidence());
  }

  private static @Nullable Double number(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asDouble();
  }

  private static JsonNode read(Path annotations) throws NvcException {
    JsonNode root;
    try {
      root = MAPPER.readTree(annotations.toFile());
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot read " + annotations + ": " + e.getMessage(), e);
    }
    if (root == null || !root.path("images").isArray()) {
      throw new NvcException(ErrorCode.RESULT_INVALID,
          annotations + ": expected a COCO annotation file with an \"images\" array");
    }
    return root;
  }
}
