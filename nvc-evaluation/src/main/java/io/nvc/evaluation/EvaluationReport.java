package io.nvc.evaluation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.dataset.CocoDataset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything {@code nvc evaluate} reports, with the JSON of fixed field names ({@link #toJson()})
 * and text tables shaped like the seed paper's Tables II to IV ({@link #toTables()}). The leading
 * convention decides what {@code stats} and {@code perCategory} hold; both conventions are always
 * present under {@code coco} and {@code ultralytics}. Immutable and thread-safe.
 *
 * @param convention the leading convention
 * @param coco the COCO evaluation
 * @param ultralytics the Ultralytics evaluation
 * @param fixedThreshold Table IV
 * @param sizeClasses Table III
 * @param measurement per-capillary measurement accuracy
 * @param density density error per image
 * @param distalRowCalls the distal-row flags of matched capillaries against the ground truth's rows
 */
public record EvaluationReport(
    Convention convention,
    CocoEvalResult coco,
    UltralyticsEvalResult ultralytics,
    FixedThresholdResult fixedThreshold,
    SizeClassResult sizeClasses,
    MeasurementAccuracy measurement,
    DensityError density,
    DistalRowCalls distalRowCalls) {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** The definition of a correct measurement, as printed and written. */
  public static final String CORRECT_DEFINITION = "absolute error <= max(2 um, 10% of true value)";

  /**
   * Computes a full report at the seed paper's thresholds.
   *
   * @param convention the leading convention
   * @param groundTruth the ground truth
   * @param detections the detections (all confidences; the fixed-threshold table filters them)
   * @param sizes size pairs of matched capillaries, see {@link SizeClassEvaluator#pairs}; empty
   *     when sizes are not evaluated
   * @param measurements measurement pairs of matched capillaries, see {@link MeasurementPair#of};
   *     empty when calibres are not evaluated
   * @param densities one per image; empty when density is not evaluated
   * @return the report
   */
  public static EvaluationReport of(
      Convention convention,
      CocoDataset groundTruth,
      List<Detection> detections,
      List<SizePair> sizes,
      List<MeasurementPair> measurements,
      List<DensitySample> densities) {
    return of(convention, groundTruth, detections, detections, sizes, measurements, densities,
        List.of());
  }

  /**
   * Computes a full report where AP ranks other detections than Table IV counts: a detector's ranked
   * list down to a low confidence for AP (as COCO results are made), its output at an operating point
   * for Table IV, sizes, calibres and density.
   *
   * @param convention the leading convention
   * @param groundTruth the ground truth
   * @param rankedDetections the detections AP and the Ultralytics metrics rank
   * @param detections the detections Table IV counts (it keeps those of confidence {@code >=}
   *     {@link FixedThresholdEvaluator#CONFIDENCE})
   * @param sizes size pairs of matched capillaries; empty when sizes are not evaluated
   * @param measurements measurement pairs of matched capillaries; empty when not evaluated
   * @param densities one per image; empty when density is not evaluated
   * @param distalRowCalls the distal-row call of each matched capillary whose ground truth says its
   *     row; empty when the rows are not evaluated
   * @return the report
   */
  public static EvaluationReport of(
      Convention convention,
      CocoDataset groundTruth,
      List<Detection> rankedDetections,
      List<Detection> detections,
      List<SizePair> sizes,
      List<MeasurementPair> measurements,
      List<DensitySample> densities,
      List<DistalRowCalls.Call> distalRowCalls) {
    return new EvaluationReport(
        convention,
        CocoEvaluator.evaluate(groundTruth, rankedDetections),
        UltralyticsEvaluator.evaluate(groundTruth, rankedDetections),
        FixedThresholdEvaluator.evaluate(groundTruth, detections),
        SizeClassEvaluator.evaluate(sizes),
        MeasurementAccuracy.of(measurements),
        DensityError.of(densities),
        DistalRowCalls.of(distalRowCalls));
  }

  /**
   * The JSON report. Fixed names: {@code stats.{AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100,
   * ARs, ARm, ARl}}, {@code perCategory.<name>.AP}, {@code fixedThreshold.perCategory.<name>.
   * {precision, recall}}, {@code fixedThreshold.capillary.{precision, recall}}, {@code
   * fixedThreshold.capillaryByRow.{distalRow, rowsBehind}.{recall, found, groundTruth}} (only when
   * the ground truth has {@code distal_row}), {@code
   * measurement.{apical, arterial, venous}.{count, medianAbsErrorUm, p90AbsErrorUm, within2Um,
   * within5Um}}, {@code density.{images, meanAbsErrorPerMm}}, {@code distalRowCalls.{precision,
   * recall, truePositives, falsePositives, falseNegatives, trueNegatives}} (only when there are
   * calls); more fields besides. Under the
   * Ultralytics convention {@code stats.AP}, {@code AP50} and {@code AP75} are mAP50-95, mAP50 and
   * mAP75 and the other stats are -1 (undefined there). NaN (no data) is written as {@code null}.
   *
   * @return indented JSON text
   */
  public String toJson() {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("convention", convention.cliName());
    root.put("conventionLabel", convention.label());
    ObjectNode stats = root.putObject("stats");
    ObjectNode perCategory = root.putObject("perCategory");
    if (convention == Convention.COCO) {
      putCocoStats(stats);
      for (CategoryAp c : coco.perCategory()) {
        ObjectNode n = perCategory.putObject(c.name());
        put(n, "AP", c.ap());
        put(n, "AP50", c.ap50());
        put(n, "AP75", c.ap75());
        n.put("groundTruth", c.groundTruth());
      }
    } else {
      List<Double> v = List.of(ultralytics.map50to95(), ultralytics.map50(), ultralytics.map75());
      for (int i = 0; i < CocoStats.NAMES.size(); i++) {
        put(stats, CocoStats.NAMES.get(i), i < v.size() ? v.get(i) : -1);
      }
      for (UltralyticsClassAp c : ultralytics.perClass()) {
        ObjectNode n = perCategory.putObject(c.name());
        put(n, "AP", c.ap50to95());
        put(n, "AP50", c.ap50());
        n.put("groundTruth", c.labels());
      }
    }
    putCocoStats(root.putObject("coco").putObject("stats"));
    ObjectNode u = root.putObject("ultralytics");
    put(u, "mAP50", ultralytics.map50());
    put(u, "mAP75", ultralytics.map75());
    put(u, "mAP50_95", ultralytics.map50to95());

    ObjectNode ft = root.putObject("fixedThreshold");
    put(ft, "confidence", fixedThreshold.confidenceThreshold());
    put(ft, "iou", fixedThreshold.iouThreshold());
    ObjectNode ftPer = ft.putObject("perCategory");
    fixedThreshold.perCategory().forEach((name, pr) -> putCounts(ftPer.putObject(name), pr));
    putCounts(ft.putObject("capillary"), fixedThreshold.capillary());
    RowRecall rows = fixedThreshold.capillaryByRow();
    if (rows != null) {
      ObjectNode byRow = ft.putObject("capillaryByRow");
      putRecall(byRow.putObject("distalRow"), rows.distalRecall(), rows.distalFound(),
          rows.distalTruth());
      putRecall(byRow.putObject("rowsBehind"), rows.behindRecall(), rows.behindFound(),
          rows.behindTruth());
    }

    ObjectNode size = root.putObject("sizeClasses");
    size.put("pairs", sizeClasses.pairs());
    put(size, "accuracy", sizeClasses.accuracy());
    ObjectNode sizePer = size.putObject("perClass");
    sizeClasses.perClass().forEach((c, pr) -> putCounts(sizePer.putObject(c.label()), pr));
    ObjectNode sizeBySource = size.putObject("bySource");
    sizeClasses.bySource().forEach((source, a) -> {
      ObjectNode n = sizeBySource.putObject(source);
      n.put("pairs", a.pairs());
      put(n, "accuracy", a.accuracy());
    });

    ObjectNode m = root.putObject("measurement");
    m.put("correctDefinition", CORRECT_DEFINITION);
    for (Map.Entry<MeasurementSite, MeasurementStats> e : measurement.bySite().entrySet()) {
      MeasurementStats s = e.getValue();
      ObjectNode n = m.putObject(e.getKey().jsonName());
      n.put("count", s.count());
      put(n, "medianAbsErrorUm", s.medianAbsErrorUm());
      put(n, "p90AbsErrorUm", s.p90AbsErrorUm());
      put(n, "within2Um", s.within2Um());
      put(n, "within5Um", s.within5Um());
      put(n, "correct", s.correct());
    }

    ObjectNode d = root.putObject("density");
    d.put("images", density.images());
    put(d, "meanAbsErrorPerMm", density.meanAbsErrorPerMm());
    put(d, "medianAbsErrorPerMm", density.medianAbsErrorPerMm());
    put(d, "maxAbsErrorPerMm", density.maxAbsErrorPerMm());
    if (distalRowCalls.calls() > 0) {
      ObjectNode r = root.putObject("distalRowCalls");
      put(r, "precision", distalRowCalls.precision());
      put(r, "recall", distalRowCalls.recall());
      r.put("truePositives", distalRowCalls.truePositives());
      r.put("falsePositives", distalRowCalls.falsePositives());
      r.put("falseNegatives", distalRowCalls.falseNegatives());
      r.put("trueNegatives", distalRowCalls.trueNegatives());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values always serialises", e);
    }
  }

  /**
   * Text tables shaped like the seed paper's: Table II (AP per class and overall, naming the
   * convention; the 12 COCO lines under the COCO convention), Table III (size classes), Table IV
   * (fixed threshold), then measurement accuracy, density error and the distal-row calls.
   *
   * @return the tables, lines separated by {@code \n}
   */
  public String toTables() {
    StringBuilder sb = new StringBuilder();
    sb.append("Table II. Detection, ").append(convention.label()).append('\n');
    if (convention == Convention.COCO) {
      sb.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s%n", "Class", "GT", "AP",
          "AP50", "AP75"));
      for (CategoryAp c : coco.perCategory()) {
        sb.append(String.format(Locale.ROOT, "%-16s %8d %8s %8s %8s%n", c.name(), c.groundTruth(),
            f3(c.ap()), f3(c.ap50()), f3(c.ap75())));
      }
      sb.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s %8s%n", "all", "",
          f3(coco.stats().ap()), f3(coco.stats().ap50()), f3(coco.stats().ap75())));
      sb.append(coco.stats().summary()).append('\n');
    } else {
      sb.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s%n", "Class", "Labels", "mAP50",
          "mAP50-95"));
      for (UltralyticsClassAp c : ultralytics.perClass()) {
        sb.append(String.format(Locale.ROOT, "%-16s %8d %8s %8s%n", c.name(), c.labels(),
            f3(c.ap50()), f3(c.ap50to95())));
      }
      sb.append(String.format(Locale.ROOT, "%-16s %8s %8s %8s%n", "all", "",
          f3(ultralytics.map50()), f3(ultralytics.map50to95())));
    }
    sb.append('\n').append("Table III. Size classes of matched capillaries (final size of the"
        + " cascade), accuracy ").append(f3(sizeClasses.accuracy())).append(" over ")
        .append(sizeClasses.pairs()).append(" capillaries\n");
    sb.append(String.format(Locale.ROOT, "%-16s %9s %9s%n", "Size", "Precision", "Recall"));
    sizeClasses.perClass().forEach((c, pr) -> sb.append(String.format(Locale.ROOT,
        "%-16s %9s %9s%n", c.label(), f3(pr.precision()), f3(pr.recall()))));
    if (!sizeClasses.bySource().isEmpty()) {
      sb.append("Accuracy by what decided the size:");
      String sep = " ";
      for (Map.Entry<String, SourceAccuracy> e : sizeClasses.bySource().entrySet()) {
        sb.append(sep).append(e.getKey()).append(' ').append(f3(e.getValue().accuracy()))
            .append(" over ").append(e.getValue().pairs());
        sep = ", ";
      }
      sb.append('\n');
    }
    sb.append('\n').append(String.format(Locale.ROOT,
        "Table IV. Fixed threshold: confidence >= %.2f, IoU >= %.2f%n",
        fixedThreshold.confidenceThreshold(), fixedThreshold.iouThreshold()));
    sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %6s %6s %6s%n", "Class", "Precision",
        "Recall", "TP", "FP", "FN"));
    fixedThreshold.perCategory().forEach((name, pr) -> row(sb, name, pr));
    row(sb, "capillary (all)", fixedThreshold.capillary());
    RowRecall rows = fixedThreshold.capillaryByRow();
    if (rows != null) {
      recallRow(sb, "  distal row", rows.distalRecall(), rows.distalFound(), rows.distalTruth());
      recallRow(sb, "  rows behind", rows.behindRecall(), rows.behindFound(), rows.behindTruth());
    }
    sb.append('\n').append("Measurement accuracy per capillary (um); correct = ")
        .append(CORRECT_DEFINITION).append('\n');
    sb.append(String.format(Locale.ROOT, "%-10s %6s %8s %8s %8s %8s %8s%n", "Site", "N",
        "Median", "P90", "<=2um", "<=5um", "Correct"));
    measurement.bySite().forEach((site, s) -> sb.append(String.format(Locale.ROOT,
        "%-10s %6d %8s %8s %8s %8s %8s%n", site.jsonName(), s.count(), f2(s.medianAbsErrorUm()),
        f2(s.p90AbsErrorUm()), f3(s.within2Um()), f3(s.within5Um()), f3(s.correct()))));
    sb.append('\n').append(String.format(Locale.ROOT,
        "Density error per image: %d images, mean absolute error %s cap/mm, median %s, max %s%n",
        density.images(), f2(density.meanAbsErrorPerMm()), f2(density.medianAbsErrorPerMm()),
        f2(density.maxAbsErrorPerMm())));
    if (distalRowCalls.calls() > 0) {
      sb.append(String.format(Locale.ROOT, "Distal-row flag of %d matched capillaries: precision %s,"
          + " recall %s (TP %d, FP %d, FN %d, TN %d)%n", distalRowCalls.calls(),
          f3(distalRowCalls.precision()), f3(distalRowCalls.recall()), distalRowCalls.truePositives(),
          distalRowCalls.falsePositives(), distalRowCalls.falseNegatives(),
          distalRowCalls.trueNegatives()));
    }
    return sb.toString().replace(System.lineSeparator(), "\n");
  }

  private void putCocoStats(ObjectNode stats) {
    List<Double> v = coco.stats().values();
    for (int i = 0; i < v.size(); i++) {
      put(stats, CocoStats.NAMES.get(i), v.get(i));
    }
  }

  private static void putCounts(ObjectNode n, PrecisionRecall pr) {
    put(n, "precision", pr.precision());
    put(n, "recall", pr.recall());
    n.put("tp", pr.truePositives());
    n.put("fp", pr.falsePositives());
    n.put("fn", pr.falseNegatives());
  }

  private static void putRecall(ObjectNode n, double recall, int found, int truth) {
    put(n, "recall", recall);
    n.put("found", found);
    n.put("groundTruth", truth);
  }

  private static void put(ObjectNode n, String field, double v) {
    if (Double.isNaN(v)) {
      n.putNull(field);
    } else {
      n.put(field, v);
    }
  }

  private static void row(StringBuilder sb, String name, PrecisionRecall pr) {
    sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %6d %6d %6d%n", name, f3(pr.precision()),
        f3(pr.recall()), pr.truePositives(), pr.falsePositives(), pr.falseNegatives()));
  }

  private static void recallRow(StringBuilder sb, String name, double recall, int found,
      int truth) {
    sb.append(String.format(Locale.ROOT, "%-16s %9s %9s %6d of %d%n", name, "", f3(recall), found,
        truth));
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }
}
