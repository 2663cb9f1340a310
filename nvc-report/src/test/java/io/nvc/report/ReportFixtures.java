package io.nvc.report;

import io.nvc.NailfoldAnalyzer;
import io.nvc.examination.Examination;
import io.nvc.examination.ExaminationFolder;
import io.nvc.examination.ExaminationReport;
import io.nvc.examination.Examinations;
import io.nvc.examination.MetadataLookup;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** A small marker-scene examination analysed with the marker backend (test-jar of nvc-api). */
final class ReportFixtures {

  private ReportFixtures() {}

  static BufferedImage row(int... classes) {
    List<Capillary> caps = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      int c = classes[i];
      boolean giant = c == 3; // homogeneously enlarged: apex and limbs
      caps.add(Capillary.upright(c, 60 + 110 * i, 200, 90, giant ? 60 : 12 + i,
          giant ? 30 : 10, giant ? 34 : 12, giant ? 2 : 0));
    }
    return MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, caps, List.of(new io.nvc.Box(300, 40, 40, 30)));
  }

  /** Fingers L2 and R3 with sectors A and B (calibrated through the file-name metadata reader), one
   * uncalibrated photo and a panoramic; one giant capillary: Fast Track rule 2. */
  static ExaminationReport report(Path dir) throws Exception {
    Path exam = dir.resolve("exam");
    write(exam.resolve("L2/A-1@1.0um.png"), row(0, 0, 1, 0, 0, 0, 1, 0, 0));
    write(exam.resolve("L2/B-1@1.0um.png"), row(0, 0, 0, 2, 0, 0, 0, 0, 0));
    write(exam.resolve("R3/A-1@1.0um.png"), row(0, 0, 0, 3, 0, 0, 0, 0, 0));
    write(exam.resolve("R3/B.png"), row(0, 1, 0, 0, 0, 0, 0, 0, 0));
    write(exam.resolve("R3/panoramic.png"), row(0, 0));
    Examination e = ExaminationFolder.scan(exam, "P-0042", LocalDate.of(2026, 11, 26), MetadataLookup.none());
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full())).build()) {
      return Examinations.analyze(analyzer, e, 2, null, null);
    }
  }

  private static void write(Path p, BufferedImage img) throws Exception {
    Files.createDirectories(p.getParent());
    ImageIO.write(img, "png", p.toFile());
  }
}
