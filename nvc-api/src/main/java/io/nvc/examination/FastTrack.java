package io.nvc.examination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Fast Track algorithm (Smith et al. 2019, Autoimmun Rev 18:102394) applied to a whole examination,
 * with the numbers it used and a trace of every rule. It <b>suggests</b> a pattern; it never diagnoses.
 * Immutable and thread-safe.
 *
 * <p>The rules, tried in this order, the first that holds deciding:
 * <ol>
 *   <li>patient density {@code >= 7} per mm and no giant capillary: non-scleroderma pattern;
 *   <li>giant capillaries present and density {@code >= 3} per mm: scleroderma pattern (early/active);
 *   <li>density {@code <= 3} per mm and abnormal shapes (ramified/bushy) present: scleroderma pattern
 *       (late). The publication says "3 or less", so 3.0 itself counts as low; a density of exactly 3
 *       with giant capillaries is decided by rule 2, which comes first.
 * </ol>
 * Otherwise, or when no density is available (no calibrated sector image), no rule decides and an expert
 * has to read the examination ({@link FastTrackOutcome#UNDECIDED}).
 *
 * <p>Inputs: the patient's density is the mean over fingers of each finger's mean image density; giant
 * capillaries are those of size {@link io.nvc.SizeClass#GIANT} (apical diameter of 50 um or more, or the
 * visual or detector giant class without a measurement); abnormal shapes are
 * {@link io.nvc.Morphology#isAbnormalShape() ramified} capillaries; panoramic views are excluded.
 *
 * @param outcome the suggestion
 * @param rule the rule that fired (1, 2 or 3), or null when none did
 * @param densityPerMm the patient density used, or null when none was available
 * @param fingersWithDensity fingers the density is averaged over
 * @param giantCapillaries giant capillaries in the sector images
 * @param abnormalShapes capillaries of an abnormal shape in the sector images
 * @param abnormalShapeShare {@code abnormalShapes} over all capillaries counted, or null when none
 * @param trace one line per rule: its condition, the numbers, and whether it held
 */
public record FastTrack(
    FastTrackOutcome outcome,
    @Nullable Integer rule,
    @Nullable Double densityPerMm,
    int fingersWithDensity,
    int giantCapillaries,
    int abnormalShapes,
    @Nullable Double abnormalShapeShare,
    List<String> trace) {

  /** Rule 1: smallest density (per mm, inclusive) of a non-scleroderma pattern. */
  public static final double NORMAL_MIN_DENSITY = 7.0;
  /** Rule 2: smallest density (per mm, inclusive) of an early/active scleroderma pattern. */
  public static final double EARLY_ACTIVE_MIN_DENSITY = 3.0;
  /** Rule 3: largest density (per mm, inclusive) of a late scleroderma pattern. */
  public static final double LATE_MAX_DENSITY = 3.0;

  /** Validates the components: the rule matches the outcome, counts are not negative. */
  public FastTrack {
    if (outcome == null) {
      throw new IllegalArgumentException("outcome must not be null");
    }
    Integer expected = switch (outcome) {
      case NON_SCLERODERMA -> 1;
      case SCLERODERMA_EARLY_ACTIVE -> 2;
      case SCLERODERMA_LATE -> 3;
      case UNDECIDED -> null;
    };
    if (!java.util.Objects.equals(expected, rule)) {
      throw new IllegalArgumentException("outcome " + outcome + " goes with rule " + expected + ", found " + rule);
    }
    if (giantCapillaries < 0 || abnormalShapes < 0 || fingersWithDensity < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
    if (outcome != FastTrackOutcome.UNDECIDED && densityPerMm == null) {
      throw new IllegalArgumentException("a rule can only fire with a density");
    }
    trace = List.copyOf(trace);
  }

  /** Applies the rules to an examination's figures. */
  public static FastTrack evaluate(PatientSummary patient) {
    FindingTotals t = patient.totals();
    return evaluate(patient.densityPerMm(), patient.fingersWithDensity(), t.giant(), t.abnormalShapes(),
        t.abnormalShapeShare());
  }

  /**
   * Applies the rules to the given numbers.
   *
   * @param densityPerMm patient density, or null when unknown
   * @param fingersWithDensity fingers the density is averaged over
   * @param giants giant capillaries
   * @param abnormalShapes capillaries of an abnormal shape
   * @param abnormalShapeShare their share of all capillaries, or null
   */
  public static FastTrack evaluate(
      @Nullable Double densityPerMm, int fingersWithDensity, int giants, int abnormalShapes,
      @Nullable Double abnormalShapeShare) {
    List<String> trace = new ArrayList<>();
    String giantText = "giant capillaries " + giants;
    String abnormalText = "abnormal shapes " + abnormalShapes
        + (abnormalShapeShare == null ? "" : " (" + percent(abnormalShapeShare) + " of capillaries)");
    if (densityPerMm == null) {
      trace.add("No density: no calibrated sector image with a measurable distal row, so no rule can be"
          + " applied (" + giantText + ", " + abnormalText + ").");
      return new FastTrack(FastTrackOutcome.UNDECIDED, null, null, 0, giants, abnormalShapes,
          abnormalShapeShare, trace);
    }
    double d = densityPerMm;
    String density = "density " + number(d) + "/mm (mean of " + fingersWithDensity + " finger"
        + (fingersWithDensity == 1 ? "" : "s") + ")";
    boolean r1 = d >= NORMAL_MIN_DENSITY && giants == 0;
    trace.add("Rule 1 (density >= 7/mm and no giant capillaries): " + density
        + (d >= NORMAL_MIN_DENSITY ? " >= 7" : " < 7") + ", " + giantText + (r1 ? ": holds." : ": does not hold."));
    if (r1) {
      return new FastTrack(FastTrackOutcome.NON_SCLERODERMA, 1, d, fingersWithDensity, giants, abnormalShapes,
          abnormalShapeShare, trace);
    }
    boolean r2 = giants > 0 && d >= EARLY_ACTIVE_MIN_DENSITY;
    trace.add("Rule 2 (giant capillaries and density >= 3/mm): " + giantText + ", " + density
        + (d >= EARLY_ACTIVE_MIN_DENSITY ? " >= 3" : " < 3") + (r2 ? ": holds." : ": does not hold."));
    if (r2) {
      return new FastTrack(FastTrackOutcome.SCLERODERMA_EARLY_ACTIVE, 2, d, fingersWithDensity, giants,
          abnormalShapes, abnormalShapeShare, trace);
    }
    boolean r3 = d <= LATE_MAX_DENSITY && abnormalShapes > 0;
    trace.add("Rule 3 (density <= 3/mm and abnormal shapes): " + density
        + (d <= LATE_MAX_DENSITY ? " <= 3" : " > 3") + ", " + abnormalText + (r3 ? ": holds." : ": does not hold."));
    if (r3) {
      return new FastTrack(FastTrackOutcome.SCLERODERMA_LATE, 3, d, fingersWithDensity, giants, abnormalShapes,
          abnormalShapeShare, trace);
    }
    trace.add("No rule holds: an expert has to read this examination.");
    return new FastTrack(FastTrackOutcome.UNDECIDED, null, d, fingersWithDensity, giants, abnormalShapes,
        abnormalShapeShare, trace);
  }

  /** The suggestion in words, for reports; always a suggestion, never a diagnosis. */
  public String suggestion() {
    if (outcome == FastTrackOutcome.UNDECIDED) {
      return "No Fast Track rule decides: an expert has to read this examination.";
    }
    return "The figures suggest a " + outcome.label() + " (Fast Track rule " + rule + "). This is a"
        + " suggestion from automated measurements, not a diagnosis: a capillaroscopist must confirm it.";
  }

  static String number(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }
}
