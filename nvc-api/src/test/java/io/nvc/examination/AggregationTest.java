package io.nvc.examination;

import static io.nvc.examination.Fixtures.analysis;
import static io.nvc.examination.Fixtures.capillary;
import static io.nvc.examination.Fixtures.normals;
import static io.nvc.examination.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.Finger;
import io.nvc.Morphology;
import io.nvc.Sector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Aggregation per finger and per patient over constructed analyses. */
class AggregationTest {

  static final Calibration CAL = Calibration.manual(1.0);

  @Test
  void densityIsMeanPerFingerThenMeanOverFingers() {
    List<ImageResult> r = List.of(
        result(Finger.L2, Sector.A, analysis("a", CAL, 6.0, 0, normals(3))),
        result(Finger.L2, Sector.B, analysis("b", CAL, 8.0, 0, normals(3))),
        result(Finger.L2, Sector.C, analysis("c", CAL, 10.0, 0, normals(3))),
        result(Finger.R3, Sector.A, analysis("d", CAL, 4.0, 1, normals(2))));
    ExaminationReport rep = Examinations.summarise(Fixtures.examination(r), r, null);
    assertEquals(2, rep.fingers().size());
    FingerSummary l2 = rep.fingers().get(0);
    assertEquals(Finger.L2, l2.finger());
    assertEquals(8.0, l2.densityPerMm(), 1e-9);
    assertEquals(List.of(6.0, 8.0, 10.0), l2.imageDensities());
    assertEquals(9, l2.totals().capillaries());
    assertEquals(6.0, rep.patient().densityPerMm(), 1e-9, "mean over fingers (8+4)/2, not over images");
    assertEquals(2, rep.patient().fingersWithDensity());
    assertEquals(11, rep.patient().totals().capillaries());
    assertEquals(1, rep.patient().totals().haemorrhages());
    assertTrue(rep.notes().stream().anyMatch(n -> n.startsWith("No density for L3, L4, L5, R2, R4, R5")),
        rep.notes().toString());
  }

  @Test
  void countsShapesSizesAndCalibres() {
    List<CapillaryFinding> caps = new ArrayList<>(List.of(
        capillary(Morphology.NORMAL, 12.0, true),
        capillary(Morphology.TORTUOUS, 25.0, true),
        capillary(Morphology.RAMIFIED, 30.0, true),
        capillary(Morphology.GIANT, 60.0, true),
        capillary(Morphology.GIANT, null, true)));
    List<ImageResult> r = List.of(result(Finger.R2, Sector.B, analysis("x", CAL, 7.5, 2, caps)));
    FindingTotals t = Examinations.summarise(Fixtures.examination(r), r, null).patient().totals();
    assertEquals(5, t.capillaries());
    assertEquals(1, t.byMorphology().get(Morphology.NORMAL));
    assertEquals(2, t.byMorphology().get(Morphology.GIANT));
    assertEquals(2, t.enlarged(), "25 and 30 um");
    assertEquals(2, t.giant(), "60 um measured and the detector's giant class");
    assertEquals(1, t.abnormalShapes());
    assertEquals(0.2, t.abnormalShapeShare(), 1e-9);
    assertEquals(2, t.haemorrhages());
    assertEquals(4, t.apical().count());
    assertEquals((12 + 25 + 30 + 60) / 4.0, t.apical().mean(), 1e-9);
    assertEquals(27.5, t.apical().median(), 1e-9);
    assertEquals(60.0, t.apical().max(), 1e-9);
    assertEquals(4, t.arterial().count());
    assertEquals(0, t.venous().count());
    assertNull(t.venous().mean());
  }

  @Test
  void panoramicViewsAreShownButNotCounted() {
    List<ImageResult> r = List.of(
        result(Finger.L3, Sector.A, analysis("a", CAL, 9.0, 0, normals(4))),
        result(Finger.L3, Sector.PANORAMIC, null));
    ExaminationReport rep = Examinations.summarise(Fixtures.examination(r), r, null);
    assertEquals(2, rep.images().size());
    assertEquals(ImageResult.Status.PANORAMIC, rep.images().get(1).status());
    FingerSummary l3 = rep.fingers().get(0);
    assertEquals(2, l3.photos());
    assertEquals(1, l3.totals().images());
    assertEquals(4, l3.totals().capillaries());
    assertTrue(rep.notes().stream().anyMatch(n -> n.startsWith("1 panoramic view shown but excluded")),
        rep.notes().toString());
  }

  @Test
  void uncalibratedImagesCountCapillariesButGiveNoMicrometresOrDensity() {
    List<CapillaryFinding> uncal = List.of(capillary(Morphology.NORMAL, 12.0, false),
        capillary(Morphology.RAMIFIED, 14.0, false));
    List<ImageResult> r = List.of(
        result(Finger.R4, Sector.A, analysis("u", null, null, 0, uncal)),
        result(Finger.R5, Sector.A, analysis("c", CAL, 8.0, 0, normals(2))));
    ExaminationReport rep = Examinations.summarise(Fixtures.examination(r), r, null);
    FingerSummary r4 = rep.fingers().get(0);
    assertEquals(2, r4.totals().capillaries());
    assertEquals(0, r4.totals().calibratedImages());
    assertNull(r4.densityPerMm());
    assertEquals(0, r4.totals().apical().count());
    assertEquals(8.0, rep.patient().densityPerMm(), 1e-9);
    assertEquals(1, rep.patient().fingersWithDensity());
    assertEquals(2, rep.patient().totals().apical().count(), "only the calibrated image's calibres");
    assertTrue(rep.notes().stream().anyMatch(n -> n.startsWith("1 image without a calibration (R4/A")
        && n.contains("no micrometres and no density")), rep.notes().toString());
  }

  @Test
  void failedImagesAreNotedAndSkipped() {
    ExaminationImage bad = new ExaminationImage(Path.of("R3/C.png"), Finger.R3, Sector.C, null);
    List<ImageResult> r = List.of(
        result(Finger.R3, Sector.A, analysis("a", CAL, 9.0, 0, normals(4))),
        new ImageResult(bad, null, "IMAGE_UNREADABLE: R3/C.png: not a recognised image"));
    ExaminationReport rep = Examinations.summarise(Fixtures.examination(r), r, null);
    assertEquals(ImageResult.Status.FAILED, rep.images().get(1).status());
    assertEquals(1, rep.patient().totals().images());
    assertTrue(rep.notes().stream().anyMatch(n -> n.contains("could not be analysed: IMAGE_UNREADABLE")),
        rep.notes().toString());
  }

  @Test
  void fastTrackComesFromThePatientFigures() {
    List<ImageResult> r = new ArrayList<>();
    for (Finger f : Examinations.STANDARD_FINGERS) {
      List<CapillaryFinding> caps = new ArrayList<>(normals(5));
      if (f == Finger.R3) {
        caps.add(capillary(Morphology.GIANT, 65.0, true));
      }
      r.add(result(f, Sector.B, analysis(f.name(), CAL, 6.0, 0, caps)));
    }
    ExaminationReport rep = Examinations.summarise(Fixtures.examination(r), r, null);
    assertEquals(FastTrackOutcome.SCLERODERMA_EARLY_ACTIVE, rep.fastTrack().outcome());
    assertEquals(2, rep.fastTrack().rule());
    assertEquals(1, rep.fastTrack().giantCapillaries());
    assertEquals(8, rep.fastTrack().fingersWithDensity());
    assertTrue(rep.notes().stream().noneMatch(n -> n.startsWith("No density")), rep.notes().toString());
  }

  @Test
  void calibreStatsAndValidation() {
    CalibreStats s = CalibreStats.of(List.of(3.0, 1.0, 2.0));
    assertEquals(new CalibreStats(3, 2.0, 2.0, 3.0), s);
    assertEquals(CalibreStats.EMPTY, CalibreStats.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new CalibreStats(1, null, 1.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> new CalibreStats(2, 5.0, 1.0, 2.0));
    assertThrows(IllegalArgumentException.class, () -> new Examination("Jane Doe", null, null,
        List.of(new ExaminationImage(Path.of("a.png"), Finger.L2, Sector.A, null))));
    assertThrows(IllegalArgumentException.class, () -> new Examination("P1", null, null, List.of()));
    ExaminationImage a = new ExaminationImage(Path.of("a.png"), Finger.L2, Sector.A, null);
    assertThrows(IllegalArgumentException.class, () -> new Examination("P1", null, null, List.of(a, a)));
    assertThrows(IllegalArgumentException.class, () -> new ImageResult(a, null, null),
        "a sector image must be analysed or failed");
  }
}
