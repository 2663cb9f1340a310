package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import io.nvc.testing.MarkerScene.Capillary;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvc evaluate} on results files and on marker scenes analysed by the marker backend. */
class EvaluateCommandTest {

  @TempDir Path dir;

  /**
   * The value at a path of the report's indented JSON text: each key is looked up after the
   * previous one, which is unambiguous for the report's fixed layout (parents before fields).
   */
  static String value(String json, String... path) {
    int at = 0;
    for (String name : path) {
      at = json.indexOf("\"" + name + "\" :", at);
      assertTrue(at >= 0, String.join(".", path) + " in " + json);
      at += name.length() + 3;
    }
    int colon = json.indexOf(':', at);
    int end = colon + 1;
    while (end < json.length() && ",\n}".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    return json.substring(colon + 1, end).trim();
  }

  static double number(String json, String... path) {
    return Double.parseDouble(value(json, path));
  }

  static EvalCliRun evaluate(String... args) {
    return EvalCliRun.of(new EvaluateCommand(), args);
  }

  /** Three marker capillaries per scene: normal, tortuous or ramified, giant; some shifted. */
  static List<Capillary> scene(int index) {
    double shift = 40 * index;
    return List.of(
        Capillary.upright(0, 150 + shift, 200, 90, 12, 10, 14, 0),
        Capillary.upright(index % 2 == 0 ? 1 : 2, 420 + shift, 200, 100, 24, 12, 16, 1),
        Capillary.upright(3, 720, 220, 130, 60, 30, 34, 2));
  }

  static final io.nvc.Box HAEMORRHAGE = new io.nvc.Box(120, 40, 50, 30);

  /**
   * Writes three marker PNGs and a ground truth with their boxes, sizes and calibres; the third
   * image has no calibration.
   */
  Path groundTruth(Path images) throws Exception {
    Files.createDirectories(images.resolve("sub"));
    StringBuilder imagesJson = new StringBuilder();
    StringBuilder annotations = new StringBuilder();
    int annotationId = 1;
    String[] sizes = {"normal", "enlarged", "giant"};
    for (int i = 0; i < 3; i++) {
      String name = "scene" + i + ".png";
      BufferedImage img = MarkerScene.draw(900, 400, BufferedImage.TYPE_3BYTE_BGR, scene(i),
          List.of(HAEMORRHAGE));
      // The second image lives in a subfolder: found by its file name.
      ImageIO.write(img, "png", (i == 1 ? images.resolve("sub") : images).resolve(name).toFile());
      imagesJson.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT,
          "{\"id\":%d,\"file_name\":\"%s\",\"width\":900,\"height\":400,%s"
              + "\"density_per_mm\":4.0}", i + 1, name,
          i < 2 ? "\"micrometres_per_pixel\":1.0," : ""));
      for (Capillary c : scene(i)) {
        io.nvc.Box b = c.box();
        annotations.append(annotationId == 1 ? "" : ",").append(String.format(Locale.ROOT,
            "{\"id\":%d,\"image_id\":%d,\"category_id\":%d,\"bbox\":[%s,%s,%s,%s],"
                + "\"size\":\"%s\",\"apical_um\":%s,\"arterial_um\":%s,\"venous_um\":%s}",
            annotationId++, i + 1, c.classIndex() + 1, b.x(), b.y(), b.width(), b.height(),
            sizes[c.visualSize()], c.apicalPx(), Math.min(c.leftLimbPx(), c.rightLimbPx()),
            Math.max(c.leftLimbPx(), c.rightLimbPx())));
      }
      annotations.append(String.format(Locale.ROOT,
          ",{\"id\":%d,\"image_id\":%d,\"category_id\":5,\"bbox\":[%s,%s,%s,%s]}",
          annotationId++, i + 1, HAEMORRHAGE.x(), HAEMORRHAGE.y(), HAEMORRHAGE.width(),
          HAEMORRHAGE.height()));
    }
    String categories = "[{\"id\":1,\"name\":\"normal\"},{\"id\":2,\"name\":\"tortuous\"},"
        + "{\"id\":3,\"name\":\"ramified\"},{\"id\":4,\"name\":\"giant\"},"
        + "{\"id\":5,\"name\":\"haemorrhage\"}]";
    return Files.writeString(dir.resolve("gt.json"), "{\"images\":[" + imagesJson
        + "],\"annotations\":[" + annotations + "],\"categories\":" + categories + "}");
  }

  /** {@code nvc evaluate --images} on the marker scenes of {@link #groundTruth}; report in {@code json}. */
  EvalCliRun evaluateMarkerScenes(Path json, String... extra) throws Exception {
    Path images = dir.resolve("images");
    Path gt = groundTruth(images);
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    List<String> args = new java.util.ArrayList<>(List.of("--gt", gt.toString(), "--images",
        images.toString(), "--backend", "marker", "--models", models.toString(), "--json", json.toString()));
    args.addAll(List.of(extra));
    EvalCliRun r = evaluate(args.toArray(String[]::new));
    assertEquals(0, r.status(), r.err() + r.out());
    return r;
  }

  @Test
  void analysesTheGroundTruthImagesAndReportsEveryTable() throws Exception {
    Path json = dir.resolve("out/report.json");
    EvalCliRun r = evaluateMarkerScenes(json);
    assertTrue(r.err().contains("3/3"), "progress bar: " + r.err());
    assertTrue(r.out().contains("pycocotools"), "names the convention: " + r.out());
    assertTrue(r.out().startsWith("Detections: AP ranks the analyzer's down to confidence 0.05;"
        + " Table IV, sizes, calibres and density are at its operating point, confidence >= 0.40."),
        r.out());
    assertTrue(r.out().contains("Table IV") && r.out().contains("Measurement accuracy"), r.out());

    String report = Files.readString(json);
    assertEquals("\"coco\"", value(report, "convention"));
    assertTrue(number(report, "stats", "AP50") > 0.99, report);
    assertEquals(number(report, "stats", "AP50"), number(report, "coco", "stats", "AP50"));
    assertEquals(9, number(report, "fixedThreshold", "capillary", "tp"));
    assertEquals(0, number(report, "fixedThreshold", "capillary", "fp"));
    assertEquals(3, number(report, "fixedThreshold", "perCategory", "haemorrhage", "tp"));
    for (String site : List.of("apical", "arterial", "venous")) {
      assertEquals(6, number(report, "measurement", site, "count"), "calibrated only: " + site);
      assertEquals(1.0, number(report, "measurement", site, "correct"), site);
      assertTrue(number(report, "measurement", site, "medianAbsErrorUm") <= 1.0, site);
    }
    assertEquals(9, number(report, "sizeClasses", "pairs"), "visual sizes where uncalibrated");
    assertEquals(1.0, number(report, "sizeClasses", "accuracy"));
    assertEquals(6, number(report, "sizeClasses", "bySource", "measurement", "pairs"));
    assertEquals(3, number(report, "sizeClasses", "bySource", "visual model", "pairs"));
    assertTrue(r.out().contains("Accuracy by what decided the size: measurement 1.000 over 6, visual model"
        + " 1.000 over 3"), r.out());
    assertEquals(2, number(report, "density", "images"));
    assertTrue(r.out().contains("Note: 9 true calibres of matched capillaries have no measured"),
        r.out());
    assertTrue(r.out().contains("Note: 1 images with density_per_mm have no measured density"),
        r.out());
    assertTrue(number(report, "density", "meanAbsErrorPerMm") >= 0, report);
  }

  @Test
  void uncalibratedRunsSizeEveryCapillaryVisually() throws Exception {
    Path json = dir.resolve("report.json");
    EvalCliRun r = evaluateMarkerScenes(json, "--uncalibrated");
    String report = Files.readString(json);
    assertEquals(9, number(report, "fixedThreshold", "capillary", "tp"));
    assertEquals(9, number(report, "sizeClasses", "pairs"), "every matched capillary sized");
    assertEquals(1.0, number(report, "sizeClasses", "accuracy"));
    assertEquals(9, number(report, "sizeClasses", "bySource", "visual model", "pairs"));
    for (String site : List.of("apical", "arterial", "venous")) {
      assertEquals(0, number(report, "measurement", site, "count"), "no micrometres: " + site);
    }
    assertEquals(0, number(report, "density", "images"));
    assertTrue(r.out().contains("Note: 3 images with density_per_mm have no measured density"),
        r.out());
  }

  @Test
  void undecidedSizesAndUnmeasuredCalibresAreNamedInNotes() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    // Apex hidden and no visual-size cue: no apical measurement and size UNKNOWN.
    Capillary hidden = new Capillary(1, new io.nvc.Point(300, 200), 90, 0, 12, 10, 14, -1, false);
    ImageIO.write(MarkerScene.draw(600, 400, BufferedImage.TYPE_3BYTE_BGR, List.of(hidden),
        List.of()), "png", images.resolve("hidden.png").toFile());
    io.nvc.Box b = hidden.box();
    Path gt = Files.writeString(dir.resolve("gt.json"), String.format(Locale.ROOT,
        "{\"images\":[{\"id\":1,\"file_name\":\"hidden.png\",\"width\":600,\"height\":400,"
            + "\"micrometres_per_pixel\":1.0}],\"annotations\":[{\"id\":1,\"image_id\":1,"
            + "\"category_id\":2,\"bbox\":[%s,%s,%s,%s],\"size\":\"normal\",\"apical_um\":12,"
            + "\"arterial_um\":10,\"venous_um\":14}],\"categories\":[{\"id\":2,"
            + "\"name\":\"tortuous\"}]}", b.x(), b.y(), b.width(), b.height()));
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    Path json = dir.resolve("report.json");
    EvalCliRun r = evaluate("--gt", gt.toString(), "--images", images.toString(), "--backend",
        "marker", "--models", models.toString(), "--json", json.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("Note: 1 matched capillaries with a size label have no size"),
        r.out());
    assertTrue(r.out().contains("Note: 1 true calibres of matched capillaries have no measured"),
        r.out());
    String report = Files.readString(json);
    assertEquals(0, number(report, "sizeClasses", "pairs"));
    assertEquals(0, number(report, "measurement", "apical", "count"));
    assertEquals(1, number(report, "measurement", "arterial", "count"));
  }

  @Test
  void evaluatesAResultsFileUnderEitherConvention() throws Exception {
    Path gt = Files.writeString(dir.resolve("gt.json"), "{\"images\":[{\"id\":1,\"file_name\":"
        + "\"a.png\",\"width\":200,\"height\":200}],\"annotations\":[{\"id\":1,\"image_id\":1,"
        + "\"category_id\":1,\"bbox\":[10,10,50,50]},{\"id\":2,\"image_id\":1,\"category_id\":2,"
        + "\"bbox\":[100,100,60,60]}],\"categories\":[{\"id\":1,\"name\":\"normal\"},"
        + "{\"id\":2,\"name\":\"tortuous\"}]}");
    Path results = Files.writeString(dir.resolve("results.json"), "[{\"image_id\":1,"
        + "\"category_id\":1,\"bbox\":[10,10,50,50],\"score\":0.9},{\"image_id\":1,"
        + "\"category_id\":2,\"bbox\":[100,100,60,60],\"score\":0.8}]");
    Path json = dir.resolve("coco.json");
    EvalCliRun coco = evaluate("--gt", gt.toString(), "--detections", results.toString(), "--json",
        json.toString());
    assertEquals(0, coco.status(), coco.err());
    assertTrue(coco.out().contains("Average Precision  (AP) @[ IoU=0.50      | area=   all |"
        + " maxDets=100 ] = 1.000"), coco.out());
    String report = Files.readString(json);
    assertEquals(1.0, number(report, "stats", "AP"), 1e-12);
    assertEquals(2, number(report, "fixedThreshold", "capillary", "tp"));
    assertEquals("null", value(report, "sizeClasses", "accuracy"), "no size pairs");

    Path uJson = dir.resolve("ultralytics.json");
    EvalCliRun u = evaluate("--gt", gt.toString(), "--detections", results.toString(),
        "--convention", "ultralytics", "--json", uJson.toString());
    assertEquals(0, u.status(), u.err());
    assertTrue(u.out().contains("Ultralytics"), u.out());
    String ur = Files.readString(uJson);
    assertEquals("\"ultralytics\"", value(ur, "convention"));
    assertEquals(-1, number(ur, "stats", "ARs"));
    assertEquals(1.0, number(ur, "coco", "stats", "AP"), 1e-12);
  }

  @Test
  void aMissingImageIsLeftOutWithOneLineAndExitStatusOne() throws Exception {
    Path images = dir.resolve("images");
    Path gt = groundTruth(images);
    Files.delete(images.resolve("scene2.png"));
    Path models = MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full());
    EvalCliRun r = evaluate("--gt", gt.toString(), "--images", images.toString(), "--backend",
        "marker", "--models", models.toString());
    assertEquals(1, r.status(), r.err());
    assertTrue(r.err().contains("scene2.png: expected one such file under"), r.err());
    assertTrue(r.out().contains("1 of 3 ground-truth images were left out"), r.out());
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }

  @Test
  void badUsageAndSetupExitWithStatusTwoAndOneLine() throws Exception {
    Path gt = Files.writeString(dir.resolve("gt.json"), "{\"images\":[{\"id\":1,\"file_name\":"
        + "\"a.png\",\"width\":20,\"height\":20}],\"annotations\":[],\"categories\":"
        + "[{\"id\":1,\"name\":\"normal\"}]}");
    Path results = Files.writeString(dir.resolve("r.json"),
        "[{\"image_id\":7,\"category_id\":1,\"bbox\":[1,1,5,5],\"score\":0.5}]");
    List<EvalCliRun> runs = List.of(
        evaluate("--gt", dir.resolve("none.json").toString(), "--detections", results.toString()),
        evaluate("--gt", gt.toString()),
        evaluate("--gt", gt.toString(), "--detections", results.toString(), "--images",
            dir.toString()),
        evaluate("--gt", gt.toString(), "--detections", results.toString(), "--convention",
            "voc"),
        evaluate("--gt", gt.toString(), "--detections", results.toString(), "--backend",
            "marker"),
        evaluate("--gt", gt.toString(), "--detections", results.toString()),
        evaluate("--gt", gt.toString(), "--images", dir.resolve("nowhere").toString()),
        evaluate("--gt", gt.toString(), "--images", dir.toString()),
        evaluate("--gt", gt.toString(), "--detections", results.toString(), "--ap-min-confidence",
            "0.1"),
        evaluate("--gt", gt.toString(), "--images", dir.toString(), "--ap-min-confidence", "0"));
    List<String> expected = List.of("--gt: no such file", "expected exactly one of --images",
        "found both", "expected coco or ultralytics", "apply to --images only",
        "found image_id 7", "--images: expected a folder", "none of the 1 ground-truth images",
        "--ap-min-confidence apply to --images only",
        "--ap-min-confidence: expected a confidence in (0, 1], found 0.0");
    for (int i = 0; i < runs.size(); i++) {
      EvalCliRun r = runs.get(i);
      assertEquals(2, r.status(), r.err());
      assertTrue(r.err().startsWith("nvc: error: ") && r.err().contains(expected.get(i)),
          expected.get(i) + " in " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void helpListsTheOptions() {
    EvalCliRun help = evaluate("--help");
    assertEquals(0, help.status());
    for (String option : List.of("--gt", "--images", "--detections", "--json", "--convention",
        "--backend", "--models", "--ap-min-confidence")) {
      assertTrue(help.out().contains(option), option + " in " + help.out());
    }
  }
}
