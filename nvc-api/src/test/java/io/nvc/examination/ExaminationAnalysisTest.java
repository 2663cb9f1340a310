package io.nvc.examination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.CalibrationSource;
import io.nvc.NailfoldAnalyzer;
import io.nvc.Sector;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole examinations through the public API with the marker backend: files named {@code X@1.0um.png}
 * carry a calibration in their "metadata" (the test-jar's file-name metadata reader).
 */
class ExaminationAnalysisTest {

  @TempDir Path dir;

  /** A row of capillaries 110 px apart across a 1000 px (1 mm at 1 um/px) image; class per position. */
  static BufferedImage row(int... classes) {
    List<Capillary> caps = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      int c = classes[i];
      boolean giant = c == 3; // homogeneously enlarged: apex and limbs
      caps.add(Capillary.upright(c, 60 + 110 * i, 200, 90, giant ? 60 : 12, giant ? 30 : 10, giant ? 34 : 12,
          giant ? 2 : 0));
    }
    return MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, caps, List.of());
  }

  /** A sparse row: {@code n} capillaries of class {@code c} in 1 mm. */
  static BufferedImage sparse(int c, int n) {
    List<Capillary> caps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      caps.add(Capillary.upright(c, 200 + 500 * i, 200, 90, 14, 10, 12, 0));
    }
    return MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, caps, List.of());
  }

  Path write(Path exam, String rel, BufferedImage img) throws Exception {
    Path p = exam.resolve(rel);
    Files.createDirectories(p.getParent());
    ImageIO.write(img, "png", p.toFile());
    return p;
  }

  NailfoldAnalyzer analyzer() throws Exception {
    return NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full())).build();
  }

  ExaminationReport run(Path exam, int parallelism, ProgressListener p) throws Exception {
    Examination e = ExaminationFolder.scan(exam, "P-1", null, MetadataLookup.none());
    try (NailfoldAnalyzer analyzer = analyzer()) {
      return Examinations.analyze(analyzer, e, parallelism, p, null);
    }
  }

  @Test
  void normalRowsGiveRuleOne() throws Exception {
    Path exam = dir.resolve("normal");
    for (String f : List.of("L2", "R3")) {
      write(exam, f + "/A-1@1.0um.png", row(0, 0, 1, 0, 0, 0, 1, 0, 0));
      write(exam, f + "/B-1@1.0um.png", row(0, 0, 0, 0, 0, 0, 0, 0, 0));
    }
    write(exam, "R3/panoramic.png", sparse(0, 1));
    List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
    ExaminationReport r = run(exam, 2, (res, done, total) -> progress.add(done));
    assertEquals(5, progress.size());
    assertEquals(5, progress.stream().mapToInt(Integer::intValue).max().orElse(0));
    assertEquals(5, r.images().size());
    assertEquals(CalibrationSource.METADATA, r.images().get(0).analysis().calibration().source(),
        "the calibration came from the file's metadata");
    assertEquals(ImageResult.Status.PANORAMIC, r.images().stream()
        .filter(i -> i.image().sector() == Sector.PANORAMIC).findFirst().orElseThrow().status());
    assertEquals(36, r.patient().totals().capillaries(), r.notes().toString());
    assertTrue(r.patient().densityPerMm() >= 7, "density " + r.patient().densityPerMm());
    assertEquals(FastTrackOutcome.NON_SCLERODERMA, r.fastTrack().outcome(), r.fastTrack().trace().toString());
    assertEquals(1, r.fastTrack().rule());
    assertEquals("marker", r.provenance().backend());
    assertEquals(3, r.provenance().models().size());
  }

  @Test
  void giantCapillariesGiveRuleTwo() throws Exception {
    Path exam = dir.resolve("giant");
    write(exam, "L3/A-1@1.0um.png", row(0, 0, 3, 0, 0, 0, 0, 0, 0));
    write(exam, "R4/C-1@1.0um.png", row(0, 0, 0, 0, 3, 0, 0, 0));
    ExaminationReport r = run(exam, 1, null);
    assertEquals(2, r.patient().totals().giant(), r.fingers().toString());
    assertTrue(r.patient().totals().apical().max() >= 55, r.patient().totals().apical().toString());
    assertEquals(FastTrackOutcome.SCLERODERMA_EARLY_ACTIVE, r.fastTrack().outcome(), r.fastTrack().trace().toString());
    assertEquals(2, r.fastTrack().rule());
  }

  @Test
  void lowDensityWithRamifiedGivesRuleThree() throws Exception {
    Path exam = dir.resolve("late");
    write(exam, "L4/B-1@1.0um.png", sparse(2, 2));
    write(exam, "R2/B-1@1.0um.png", sparse(0, 2));
    ExaminationReport r = run(exam, 2, null);
    assertTrue(r.patient().densityPerMm() <= 3, "density " + r.patient().densityPerMm());
    assertEquals(2, r.patient().totals().abnormalShapes());
    assertEquals(FastTrackOutcome.SCLERODERMA_LATE, r.fastTrack().outcome(), r.fastTrack().trace().toString());
  }

  @Test
  void uncalibratedImagesGiveNoDensityAndNoRule() throws Exception {
    Path exam = dir.resolve("uncal");
    write(exam, "L2/A.png", row(0, 3, 0, 0));
    ExaminationReport r = run(exam, 1, null);
    assertEquals(4, r.patient().totals().capillaries());
    assertEquals(null, r.patient().densityPerMm());
    assertEquals(FastTrackOutcome.UNDECIDED, r.fastTrack().outcome());
    assertTrue(r.notes().stream().anyMatch(n -> n.contains("without a calibration")), r.notes().toString());
  }

  @Test
  void aBrokenImageIsRecordedAndTheRestGoOn() throws Exception {
    Path exam = dir.resolve("broken");
    write(exam, "L2/A-1@1.0um.png", row(0, 0, 0));
    Files.writeString(exam.resolve("L2/B.png"), "not a png");
    ExaminationReport r = run(exam, 2, null);
    assertEquals(ImageResult.Status.FAILED, r.images().get(1).status());
    assertTrue(r.images().get(1).failure().startsWith("IMAGE_UNREADABLE"), r.images().get(1).failure());
    assertEquals(3, r.patient().totals().capillaries());
  }

  @Test
  void cancellationStopsTheAnalysis() throws Exception {
    Path exam = dir.resolve("cancel");
    for (String s : List.of("A", "B", "C", "D")) {
      write(exam, "L2/" + s + "-1@1.0um.png", row(0, 0, 0));
    }
    Examination e = ExaminationFolder.scan(exam, "P-1", null, MetadataLookup.none());
    Cancellation cancel = new Cancellation();
    List<Integer> progress = Collections.synchronizedList(new ArrayList<>());
    try (NailfoldAnalyzer analyzer = analyzer()) {
      assertThrows(CancellationException.class, () -> Examinations.analyze(analyzer, e, 1, (res, done, total) -> {
        progress.add(done);
        cancel.cancel();
      }, cancel));
    }
    assertTrue(progress.size() < 4, "images after the cancellation are skipped: " + progress);
    assertThrows(IllegalArgumentException.class, () -> Examinations.analyze(null, e, 1, null, null));
  }
}
