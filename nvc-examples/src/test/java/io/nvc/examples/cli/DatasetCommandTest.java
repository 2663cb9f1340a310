package io.nvc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoJson;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nvc dataset convert|split|validate} on small datasets. */
class DatasetCommandTest {

  @TempDir Path dir;

  static EvalCliRun dataset(String... args) {
    return EvalCliRun.of(new DatasetCommand(), args);
  }

  /** Two 100x80 images with a "bushy" and a "hairpin" box, and the image files. */
  Path coco() throws Exception {
    Path images = Files.createDirectories(dir.resolve("images"));
    for (String name : List.of("a.png", "b.png")) {
      ImageIO.write(new BufferedImage(100, 80, BufferedImage.TYPE_3BYTE_BGR), "png",
          images.resolve(name).toFile());
    }
    return Files.writeString(dir.resolve("in.json"), "{\"images\":["
        + "{\"id\":1,\"file_name\":\"a.png\",\"width\":100,\"height\":80},"
        + "{\"id\":2,\"file_name\":\"b.png\",\"width\":100,\"height\":80}],\"annotations\":["
        + "{\"id\":1,\"image_id\":1,\"category_id\":7,\"bbox\":[10,10,30,20]},"
        + "{\"id\":2,\"image_id\":2,\"category_id\":8,\"bbox\":[50,40,20,30],\"size\":\"giant\"}],"
        + "\"categories\":[{\"id\":7,\"name\":\"bushy\"},{\"id\":8,\"name\":\"hairpin\"}]}");
  }

  @Test
  void convertsThroughVocAndYoloBackToCocoOnTheSdkCategories() throws Exception {
    Path in = coco();
    EvalCliRun toVoc = dataset("convert", "--from", "coco", "--to", "voc", in.toString(),
        dir.resolve("voc").toString());
    assertEquals(0, toVoc.status(), toVoc.err());
    assertTrue(toVoc.out().contains("Converted 2 images and 2 annotations from coco to voc"),
        toVoc.out());
    EvalCliRun toYolo = dataset("convert", "--from", "voc", "--to", "yolo",
        dir.resolve("voc").toString(), dir.resolve("yolo").toString());
    assertEquals(0, toYolo.status(), toYolo.err());
    Path back = dir.resolve("out/back.json");
    EvalCliRun toCoco = dataset("convert", "--from", "YOLO", "--to", "coco", "--images",
        dir.resolve("images").toString(), dir.resolve("yolo").toString(), back.toString());
    assertEquals(0, toCoco.status(), toCoco.err());

    CocoDataset result = CocoJson.read(back);
    assertEquals(2, result.images().size());
    List<CocoAnnotation> boxes = result.annotations();
    assertEquals(2, boxes.size());
    assertEquals(3, boxes.get(0).categoryId(), "bushy is ramified");
    assertEquals(1, boxes.get(1).categoryId(), "hairpin is normal");
    assertEquals(10, boxes.get(0).bbox().x(), 1e-4);
    assertEquals(30, boxes.get(0).bbox().width(), 1e-4);
    assertEquals(40, boxes.get(1).bbox().y(), 1e-4);
    assertEquals("ramified", result.category(3).orElseThrow().name());
  }

  @Test
  void anUnknownClassNeedsAMapping() throws Exception {
    Path in = Files.writeString(dir.resolve("odd.json"), "{\"images\":[{\"id\":1,\"file_name\":"
        + "\"a.png\",\"width\":10,\"height\":10}],\"annotations\":[{\"id\":1,\"image_id\":1,"
        + "\"category_id\":1,\"bbox\":[1,1,2,2]}],\"categories\":[{\"id\":1,\"name\":\"loop\"}]}");
    EvalCliRun refused = dataset("convert", "--from", "coco", "--to", "coco", in.toString(),
        dir.resolve("o.json").toString());
    assertEquals(2, refused.status());
    assertTrue(refused.err().startsWith("nvc: error: annotation 1: unknown class \"loop\""),
        refused.err());
    EvalCliRun mapped = dataset("convert", "--from", "coco", "--to", "coco", "--map",
        "loop=tortuous", in.toString(), dir.resolve("o.json").toString());
    assertEquals(0, mapped.status(), mapped.err());
    assertEquals(2, CocoJson.read(dir.resolve("o.json")).annotations().get(0).categoryId());
  }

  @Test
  void splitsDeterministicallyIntoTrainAndVal() throws Exception {
    StringBuilder images = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      images.append(i == 1 ? "" : ",").append("{\"id\":").append(i)
          .append(",\"file_name\":\"img").append(i).append(".png\",\"width\":10,\"height\":10}");
    }
    Path in = Files.writeString(dir.resolve("all.json"), "{\"images\":[" + images
        + "],\"annotations\":[{\"id\":1,\"image_id\":3,\"category_id\":1,\"bbox\":[1,1,2,2]}],"
        + "\"categories\":[{\"id\":1,\"name\":\"normal\"}]}");
    EvalCliRun r = dataset("split", in.toString(), "--out", dir.resolve("s1").toString(), "--ratio",
        "0.75", "--seed", "7");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains("with seed 7") && r.out().contains("train: 15 images"), r.out());
    CocoDataset train = CocoJson.read(dir.resolve("s1/train.json"));
    CocoDataset val = CocoJson.read(dir.resolve("s1/val.json"));
    assertEquals(15, train.images().size());
    assertEquals(5, val.images().size());
    Set<Long> ids = new HashSet<>();
    train.images().forEach(i -> ids.add(i.id()));
    val.images().forEach(i -> assertTrue(ids.add(i.id()), "disjoint"));
    assertEquals(1, train.annotations().size() + val.annotations().size());

    assertEquals(0, dataset("split", in.toString(), "--out", dir.resolve("s2").toString(),
        "--ratio", "0.75", "--seed", "7").status());
    assertEquals(Files.readString(dir.resolve("s1/val.json")),
        Files.readString(dir.resolve("s2/val.json")), "same seed, same split");

    EvalCliRun bad = dataset("split", in.toString(), "--out", dir.resolve("s3").toString(),
        "--ratio", "1.5");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("train fraction must be in [0, 1], found 1.5"), bad.err());
  }

  @Test
  void validateListsEveryIssueAndExitsWithOne() throws Exception {
    Path good = coco();
    EvalCliRun ok =
        dataset("validate", good.toString(), "--images", dir.resolve("images").toString());
    assertEquals(0, ok.status(), ok.out() + ok.err());
    assertTrue(ok.out().startsWith("No issues in"), ok.out());

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"images\":["
        + "{\"id\":1,\"file_name\":\"a.png\",\"width\":50,\"height\":80}],\"annotations\":["
        + "{\"id\":1,\"image_id\":1,\"category_id\":1,\"bbox\":[40,10,30,20]},"
        + "{\"id\":2,\"image_id\":9,\"category_id\":2,\"bbox\":[1,1,2,2]}],"
        + "\"categories\":[{\"id\":1,\"name\":\"normal\"},{\"id\":2,\"name\":\"loop\"}]}");
    EvalCliRun issues = dataset("validate", broken.toString(), "--images",
        dir.resolve("images").toString());
    assertEquals(1, issues.status(), issues.err());
    for (String kind : List.of("UNKNOWN_CLASS", "BOX_OUTSIDE_IMAGE", "UNKNOWN_IMAGE",
        "IMAGE_SIZE_MISMATCH")) {
      assertTrue(issues.out().contains(kind), kind + " in " + issues.out());
    }
    assertTrue(issues.out().contains("4 issues in"), issues.out());
    EvalCliRun mapped = dataset("validate", broken.toString(), "--map", "loop=tortuous");
    assertEquals(1, mapped.status());
    assertFalse(mapped.out().contains("UNKNOWN_CLASS"), mapped.out());
  }

  @Test
  void validatesVocAndYoloFolders() throws Exception {
    Path in = coco();
    assertEquals(0, dataset("convert", "--from", "coco", "--to", "voc", in.toString(),
        dir.resolve("voc").toString()).status());
    assertEquals(0, dataset("convert", "--from", "coco", "--to", "yolo", in.toString(),
        dir.resolve("yolo").toString()).status());
    EvalCliRun voc = dataset("validate", "--voc", dir.resolve("voc").toString());
    assertEquals(0, voc.status(), voc.out() + voc.err());
    EvalCliRun yolo = dataset("validate", "--yolo", dir.resolve("yolo").toString(), "--images",
        dir.resolve("images").toString());
    assertEquals(0, yolo.status(), yolo.out() + yolo.err());
    assertTrue(yolo.out().contains("2 images, 2 annotations"), yolo.out());
  }

  @Test
  void badUsageExitsWithStatusTwoAndOneLine() throws Exception {
    Path in = coco();
    List<EvalCliRun> runs = List.of(
        dataset("convert", "--from", "csv", "--to", "coco", in.toString(), "x.json"),
        dataset("convert", "--from", "yolo", "--to", "coco", dir.toString(), "x.json"),
        dataset("convert", "--from", "voc", "--to", "coco", dir.resolve("nothing").toString(),
            "x.json"),
        dataset("validate"),
        dataset("validate", in.toString(), "--voc", dir.toString()),
        dataset("validate", "--yolo", dir.toString()),
        dataset("split", dir.resolve("none.json").toString(), "--out", dir.toString()),
        dataset("validate", Files.writeString(dir.resolve("bad.json"), "{oops").toString()));
    List<String> expected = List.of("--from: expected coco, voc or yolo, found 'csv'",
        "YOLO labels need --images DIR", "IN: expected a folder, found nothing at",
        "expected exactly one of COCO.json, --voc DIR or --yolo DIR, found none", "found 2",
        "YOLO labels need --images DIR", "COCO.json: expected a COCO JSON file, found no file",
        "not valid JSON");
    for (int i = 0; i < runs.size(); i++) {
      EvalCliRun r = runs.get(i);
      assertEquals(2, r.status(), expected.get(i) + ": " + r.err());
      assertTrue(r.err().startsWith("nvc: error: ") && r.err().contains(expected.get(i)),
          expected.get(i) + " in " + r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
    }
  }

  @Test
  void helpWorksOnEverySubcommand() {
    assertEquals(0, dataset("--help").status());
    for (String sub : List.of("convert", "split", "validate")) {
      EvalCliRun help = dataset(sub, "--help");
      assertEquals(0, help.status(), sub);
      assertTrue(help.out().contains("Exit status"), help.out());
    }
    EvalCliRun none = dataset();
    assertEquals(2, none.status());
    assertTrue(none.err().contains("Missing required subcommand"), none.err());
  }
}
