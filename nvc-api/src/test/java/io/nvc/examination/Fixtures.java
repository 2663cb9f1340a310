package io.nvc.examination;

import io.nvc.AnalysisSummary;
import io.nvc.Box;
import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.Finger;
import io.nvc.Haemorrhage;
import io.nvc.ImageAnalysis;
import io.nvc.ImageInfo;
import io.nvc.Measurement;
import io.nvc.ModelInfo;
import io.nvc.Morphology;
import io.nvc.Point;
import io.nvc.Provenance;
import io.nvc.Sector;
import io.nvc.SizeClass;
import io.nvc.SizeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Constructed analyses for aggregation and Fast Track tests. */
final class Fixtures {

  static final ModelInfo DETECTOR = new ModelInfo("det", "detector", "a".repeat(64));

  private Fixtures() {}

  /**
   * A capillary with the given shape and apical diameter in um (null: not measured), its arterial limb 10
   * um wide (35 um from an apex of 50 um, homogeneously enlarged), size from EULAR; an abnormal shape comes
   * with the detector's shape probabilities (0.8 for it, 0.2 for normal).
   */
  static CapillaryFinding capillary(Morphology m, @Nullable Double apicalUm, boolean calibrated) {
    Measurement apical = apicalUm == null ? null
        : new Measurement(new Point(0, 0), new Point(apicalUm, 0), apicalUm, calibrated ? apicalUm : null, 0.9);
    double limbUm = apicalUm != null && apicalUm >= SizeClass.GIANT_MICROMETRES ? 35 : 10;
    Measurement arterial = apicalUm == null ? null
        : new Measurement(new Point(0, 0), new Point(limbUm, 0), limbUm, calibrated ? limbUm : null, 0.9);
    SizeClass size = apicalUm == null ? (m == Morphology.GIANT ? SizeClass.GIANT : SizeClass.UNKNOWN)
        : SizeClass.fromMicrometres(apicalUm, limbUm, null);
    SizeSource source = size == SizeClass.UNKNOWN ? SizeSource.NONE
        : apicalUm == null ? SizeSource.DETECTOR_CLASS : calibrated ? SizeSource.MEASUREMENT : SizeSource.VISUAL_MODEL;
    return new CapillaryFinding(new Box(10, 10, 50, 80), m, 0.9, apical, arterial, null, size, source, true,
        m == Morphology.NORMAL ? Map.of() : Map.of(m, 0.8, Morphology.NORMAL, 0.2));
  }

  static ImageAnalysis analysis(
      String file, @Nullable Calibration cal, @Nullable Double density, int haemorrhages,
      List<CapillaryFinding> capillaries) {
    Map<Morphology, Integer> byMorphology = new EnumMap<>(Morphology.class);
    Map<SizeClass, Integer> bySize = new EnumMap<>(SizeClass.class);
    for (Morphology m : Morphology.values()) {
      byMorphology.put(m, 0);
    }
    for (SizeClass z : SizeClass.values()) {
      bySize.put(z, 0);
    }
    for (CapillaryFinding c : capillaries) {
      byMorphology.merge(c.morphology(), 1, Integer::sum);
      bySize.merge(c.size(), 1, Integer::sum);
    }
    List<Haemorrhage> h = new ArrayList<>();
    for (int i = 0; i < haemorrhages; i++) {
      h.add(new Haemorrhage(new Box(i * 20, 0, 10, 10), 0.8));
    }
    return new ImageAnalysis(new ImageInfo(640, 480, file), cal, capillaries, h,
        new AnalysisSummary(capillaries.size(), capillaries.size(), cal == null ? null : density, haemorrhages,
            byMorphology, bySize),
        new Provenance("test", "marker", "1", List.of(DETECTOR), cal == null ? "NONE" : cal.source().name()),
        List.of());
  }

  static ImageResult result(Finger f, Sector s, @Nullable ImageAnalysis a) {
    ExaminationImage image = new ExaminationImage(Path.of(f + "/" + s + ".png"), f, s, null);
    return new ImageResult(image, a, null);
  }

  static List<CapillaryFinding> normals(int n) {
    List<CapillaryFinding> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(capillary(Morphology.NORMAL, 12.0 + i, true));
    }
    return out;
  }

  static Examination examination(List<ImageResult> results) {
    return new Examination("P-001", null, null, results.stream().map(ImageResult::image).toList());
  }
}
