package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.examination.ExaminationJson;
import io.nvc.examination.ExaminationReport;
import io.nvc.examination.FastTrackOutcome;
import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code nvc examine} as a user runs it, with the marker test backend. */
class ExamineCommandTest {

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  /** Runs {@code nvc examine ARGS} the way Nvc.run does (same error handler). */
  static Run examine(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new ExamineCommand());
    cli.setExecutionExceptionHandler(new Nvc.Errors());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new Run(status, out.toString(), err.toString());
  }

  static BufferedImage row(int... classes) {
    List<Capillary> caps = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      int c = classes[i];
      boolean giant = c == 3; // homogeneously enlarged: apex and limbs
      caps.add(Capillary.upright(c, 60 + 110 * i, 200, 90, giant ? 60 : 13,
          giant ? 30 : 10, giant ? 34 : 12, giant ? 2 : 0));
    }
    return MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, caps, List.of());
  }

  static void write(Path p, BufferedImage img) throws Exception {
    Files.createDirectories(p.getParent());
    ImageIO.write(img, "png", p.toFile());
  }

  @Test
  void writesJsonHtmlAndPdfWithTheFastTrackOutcome() throws Exception {
    Path exam = dir.resolve("exam");
    write(exam.resolve("L2/A.png"), row(0, 0, 0, 0, 0, 0, 0, 0, 0));
    write(exam.resolve("L2/B.png"), row(0, 0, 1, 0, 0, 0, 0, 0, 0));
    write(exam.resolve("R3/A.png"), row(0, 0, 0, 3, 0, 0, 0, 0, 0));
    write(exam.resolve("R3/panoramic.png"), row(0, 0));
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    Path out = dir.resolve("out");
    Run r = examine("--backend", "marker", "--models", models.toString(), "--um-per-px", "1.0", "--patient",
        "P-1", "--date", "2026-11-26", "--out", out.toString(), exam.toString());
    assertEquals(0, r.status(), r.err());
    ExaminationReport report = ExaminationJson.read(out.resolve("report.json"));
    assertEquals(FastTrackOutcome.SCLERODERMA_EARLY_ACTIVE, report.fastTrack().outcome(),
        report.fastTrack().trace().toString());
    assertEquals("P-1", report.patientId());
    assertEquals(4, report.images().size());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("scleroderma pattern, early or active"));
    assertTrue(Files.size(out.resolve("report.pdf")) > 10_000);
    assertTrue(r.err().contains("4/4"), "progress bar: " + r.err());
    assertTrue(r.out().contains("Fast Track rule 2") && r.out().contains("R3"), r.out());
  }

  @Test
  void unknownLayoutsAndBadOptionsAreOneClearLine() throws Exception {
    Path exam = dir.resolve("flat");
    write(exam.resolve("img1.png"), row(0));
    Run r = examine("--no-pdf", "--out", dir.resolve("o").toString(), exam.toString());
    assertEquals(2, r.status());
    assertTrue(r.err().startsWith("nvc: error: unknown layout in "), r.err());
    assertTrue(r.err().contains("img1.png: cannot tell the finger"), r.err());
    assertTrue(r.err().contains("DIR/<finger>/<sector>.<ext>"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());

    Run missing = examine(dir.resolve("nothing").toString());
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("no such folder"), missing.err());

    write(exam.resolve("R3/B.png"), row(0));
    Files.delete(exam.resolve("img1.png"));
    Run badDate = examine("--date", "26/11/2026", exam.toString());
    assertEquals(2, badDate.status());
    assertTrue(badDate.err().contains("--date expects YYYY-MM-DD"), badDate.err());
    Run badId = examine("--patient", "Jane Doe", exam.toString());
    assertEquals(2, badId.status());
    assertTrue(badId.err().contains("pseudonym"), badId.err());
    Run noTruth = examine("--ground-truth", exam.toString());
    assertEquals(2, noTruth.status());
    assertTrue(noTruth.err().contains("annotations.json"), noTruth.err());
  }

  @Test
  void aBrokenPhotoIsReportedWithExitStatusOne() throws Exception {
    Path exam = dir.resolve("exam");
    write(exam.resolve("L2/A.png"), row(0, 0, 0));
    Files.writeString(exam.resolve("L2/B.png"), "not a png");
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    Run r = examine("--backend", "marker", "--models", models.toString(), "--no-pdf", "--out",
        dir.resolve("out").toString(), exam.toString());
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().contains("B.png: IMAGE_UNREADABLE"), r.err());
    assertTrue(Files.exists(dir.resolve("out/report.html")));
    assertFalse(Files.exists(dir.resolve("out/report.pdf")));
  }

  @Test
  void helpDescribesTheLayout() {
    Run help = examine("--help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("DIR/<finger>/<sector>.<ext>") && help.out().contains("--patient"), help.out());
  }
}
