package io.nvc.examination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Every branch and boundary of the Fast Track rules. */
class FastTrackTest {

  @ParameterizedTest(name = "density {0}, giants {1}, abnormal {2} -> {3} (rule {4})")
  @CsvSource(nullValues = "null", value = {
    // rule 1: density >= 7 and no giants
    "8.0,  0, 0, NON_SCLERODERMA, 1",
    "7.0,  0, 3, NON_SCLERODERMA, 1",
    "6.99, 0, 0, UNDECIDED, null",
    // rule 2: giants and density >= 3
    "7.0,  1, 0, SCLERODERMA_EARLY_ACTIVE, 2",
    "12.0, 5, 2, SCLERODERMA_EARLY_ACTIVE, 2",
    "3.0,  2, 4, SCLERODERMA_EARLY_ACTIVE, 2",
    "2.99, 2, 0, UNDECIDED, null",
    // rule 3: density <= 3 with abnormal shapes (with or without giants below 3)
    "3.0,  0, 1, SCLERODERMA_LATE, 3",
    "1.5,  0, 6, SCLERODERMA_LATE, 3",
    "2.99, 2, 1, SCLERODERMA_LATE, 3",
    "3.01, 0, 5, UNDECIDED, null",
    "2.0,  0, 0, UNDECIDED, null",
    // between 3 and 7 without giants: no rule
    "5.0,  0, 9, UNDECIDED, null",
  })
  void rulesInOrder(double density, int giants, int abnormal, FastTrackOutcome outcome, Integer rule) {
    FastTrack f = FastTrack.evaluate(density, 8, giants, abnormal, 0.1);
    assertEquals(outcome, f.outcome(), f.trace().toString());
    assertEquals(rule, f.rule());
    assertEquals(density, f.densityPerMm());
    assertEquals(giants, f.giantCapillaries());
    assertEquals(abnormal, f.abnormalShapes());
    int rulesTried = rule == null ? 3 : rule;
    long ruleLines = f.trace().stream().filter(l -> l.startsWith("Rule ")).count();
    assertEquals(rulesTried, ruleLines, "each rule tried leaves one trace line: " + f.trace());
    String last = f.trace().get(f.trace().size() - 1);
    assertTrue(rule == null ? last.contains("expert") : last.endsWith("holds."), last);
    assertTrue(f.trace().get(0).contains(String.format(Locale.ROOT, "%.2f", density)), "numbers in the trace");
  }

  @Test
  void withoutDensityNoRuleAppliesEvenWithGiants() {
    FastTrack f = FastTrack.evaluate(null, 0, 4, 2, 0.2);
    assertEquals(FastTrackOutcome.UNDECIDED, f.outcome());
    assertEquals(null, f.rule());
    assertTrue(f.trace().get(0).startsWith("No density"), f.trace().toString());
    assertTrue(f.trace().get(0).contains("giant capillaries 4"), f.trace().toString());
  }

  @Test
  void wordedAsASuggestionNeverADiagnosis() {
    for (FastTrack f : new FastTrack[] {FastTrack.evaluate(9.0, 8, 0, 0, 0.0),
        FastTrack.evaluate(6.0, 8, 3, 0, 0.0), FastTrack.evaluate(2.0, 8, 0, 4, 0.3),
        FastTrack.evaluate(5.0, 8, 0, 0, 0.0)}) {
      String s = f.suggestion().toLowerCase(Locale.ROOT);
      assertFalse(s.contains("diagnosed") || s.contains("the patient has"), s);
      assertTrue(s.contains("suggest") || s.contains("expert"), s);
      if (f.rule() != null) {
        assertTrue(s.contains("not a diagnosis"), s);
      }
    }
  }

  @Test
  void ruleMustMatchOutcome() {
    assertThrows(IllegalArgumentException.class,
        () -> new FastTrack(FastTrackOutcome.NON_SCLERODERMA, 2, 8.0, 8, 0, 0, null, java.util.List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FastTrack(FastTrackOutcome.UNDECIDED, 1, 8.0, 8, 0, 0, null, java.util.List.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new FastTrack(FastTrackOutcome.SCLERODERMA_LATE, 3, null, 0, 0, 1, null, java.util.List.of()));
  }
}
