package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.examination.ExaminationJson;
import io.nvc.examination.ExaminationReport;
import io.nvc.examination.FastTrackOutcome;
import io.nvc.synth.Profile;
import io.nvc.synth.SynthOptions;
import io.nvc.synth.SyntheticDatasets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic examinations of each profile (nvc synth --examination) give the expected Fast Track outcome:
 * from their ground truth always (checks the profiles, aggregation and rules without models), and from
 * the default models when models/ holds them (skipped otherwise).
 */
class ExamineProfilesTest {

  @TempDir Path dir;

  static final String PROFILES = """
      normal, NON_SCLERODERMA, 1
      scleroderma-early, SCLERODERMA_EARLY_ACTIVE, 2
      scleroderma-active, SCLERODERMA_EARLY_ACTIVE, 2
      scleroderma-late, SCLERODERMA_LATE, 3
      """;

  Path examination(String profile) throws Exception {
    Path exam = dir.resolve(profile);
    SyntheticDatasets.writeExamination(exam, Profile.fromName(profile), 42,
        SynthOptions.defaults().withSize(640, 480));
    return exam;
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(textBlock = PROFILES)
  void groundTruthOfEachProfileGivesTheExpectedOutcome(String profile, FastTrackOutcome outcome, int rule)
      throws Exception {
    Path exam = examination(profile);
    Path out = dir.resolve("out-" + profile);
    ExamineCommandTest.Run r = ExamineCommandTest.examine("--ground-truth", "--no-pdf", "--patient", "SYN-1",
        "--out", out.toString(), exam.toString());
    assertEquals(0, r.status(), r.err());
    ExaminationReport report = ExaminationJson.read(out.resolve("report.json"));
    assertEquals(outcome, report.fastTrack().outcome(), profile + ": " + report.fastTrack().trace());
    assertEquals(rule, report.fastTrack().rule());
    assertEquals(8, report.fingers().size());
    assertEquals(8, report.patient().fingersWithDensity());
  }

  @ParameterizedTest(name = "{0} -> {1} (default models)")
  @CsvSource(textBlock = PROFILES)
  void defaultModelsOnEachProfileGiveTheExpectedOutcome(String profile, FastTrackOutcome outcome, int rule)
      throws Exception {
    Path models = Path.of("..", "models");
    boolean present;
    try (Stream<Path> s = Files.isDirectory(models) ? Files.walk(models, 2) : Stream.empty()) {
      present = s.anyMatch(p -> p.getFileName().toString().endsWith(".manifest.json"));
    }
    Assumptions.assumeTrue(present, "no default models in ../models");
    // An accuracy acceptance check of the shipped models, not a unit test: run it with
    // mvn -B -pl nvc-examples test -Dtest=ExamineProfilesTest -Dnvc.modelAcceptance=true
    Assumptions.assumeTrue(Boolean.getBoolean("nvc.modelAcceptance"),
        "model acceptance checks run with -Dnvc.modelAcceptance=true");
    Path exam = examination(profile);
    Path out = dir.resolve("out-" + profile);
    ExamineCommandTest.Run r = ExamineCommandTest.examine("--models", models.toString(), "--no-pdf", "--patient",
        "SYN-1", "--out", out.toString(), exam.toString());
    assertEquals(0, r.status(), r.err());
    ExaminationReport report = ExaminationJson.read(out.resolve("report.json"));
    System.out.println("default models, " + profile + ": " + report.fastTrack().outcome() + " "
        + report.fastTrack().trace());
    assertTrue(report.patient().fingersWithDensity() > 0, report.notes().toString());
    assertEquals(outcome, report.fastTrack().outcome(), profile + ": " + report.fastTrack().trace());
    assertEquals(rule, report.fastTrack().rule());
  }
}
