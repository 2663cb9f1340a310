package io.nvc.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Round trips between COCO, VOC and YOLO, class mapping, split and validation. */
class DatasetFormatsTest {

  @TempDir Path tmp;

  /** Two images (one without boxes), SDK categories, a bushy alias on the way in. */
  private CocoDataset tiny() throws IOException {
    Path images = Files.createDirectories(tmp.resolve("images"));
    ImageIO.write(new BufferedImage(640, 480, BufferedImage.TYPE_INT_RGB), "png",
        images.resolve("a.png").toFile());
    ImageIO.write(new BufferedImage(320, 200, BufferedImage.TYPE_INT_RGB), "jpg",
        images.resolve("b.jpg").toFile());
    ImageIO.write(new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB), "png",
        images.resolve("c.png").toFile());
    List<CocoCategory> categories = new ArrayList<>();
    for (SdkClass c : SdkClass.values()) {
      categories.add(c.toCategory());
    }
    return new CocoDataset(
        List.of(CocoImage.of(1, "a.png", 640, 480), CocoImage.of(2, "b.jpg", 320, 200),
            CocoImage.of(3, "c.png", 100, 100)),
        List.of(
            CocoAnnotation.of(1, 1, 1, new Box(10, 20, 30, 40)),
            CocoAnnotation.of(2, 1, 3, new Box(100.5, 200.25, 64, 32)),
            CocoAnnotation.of(3, 2, 5, new Box(0, 0, 320, 200))),
        categories);
  }

  private static void assertSameBoxes(CocoDataset expected, CocoDataset actual, double tol) {
    assertEquals(expected.images().size(), actual.images().size());
    for (int i = 0; i < expected.images().size(); i++) {
      assertEquals(expected.images().get(i).fileName(), actual.images().get(i).fileName());
      assertEquals(expected.images().get(i).width(), actual.images().get(i).width());
      assertEquals(expected.images().get(i).height(), actual.images().get(i).height());
    }
    assertEquals(expected.annotations().size(), actual.annotations().size());
    for (int i = 0; i < expected.annotations().size(); i++) {
      CocoAnnotation e = expected.annotations().get(i);
      CocoAnnotation a = actual.annotations().get(i);
      assertEquals(
          expected.category(e.categoryId()).orElseThrow().name(),
          actual.category(a.categoryId()).orElseThrow().name());
      assertEquals(e.bbox().x(), a.bbox().x(), tol);
      assertEquals(e.bbox().y(), a.bbox().y(), tol);
      assertEquals(e.bbox().width(), a.bbox().width(), tol);
      assertEquals(e.bbox().height(), a.bbox().height(), tol);
    }
  }

  @Test
  void cocoRoundTripKeepsKeypointsAndExtraFields() throws IOException {
    String json =
        "{\"info\": {\"year\": 2026}, \"licenses\": [],"
            + "\"images\": [{\"id\": 7, \"file_name\": \"x.png\", \"width\": 64, \"height\": 48,"
            + " \"micrometres_per_pixel\": 1.25, \"density_per_mm\": 8.5, \"license\": 1}],"
            + "\"annotations\": [{\"id\": 3, \"image_id\": 7, \"category_id\": 1,"
            + " \"bbox\": [1, 2.5, 10, 20], \"area\": 150, \"iscrowd\": 0,"
            + " \"keypoints\": [5, 6, 2, 0, 0, 0, 7, 8, 1], \"num_keypoints\": 2,"
            + " \"segmentation\": [[1, 2, 3, 4]], \"apical_um\": 12.5, \"arterial_um\": 9,"
            + " \"venous_um\": 11, \"size\": \"normal\", \"distal_row\": true}],"
            + "\"categories\": [{\"id\": 1, \"name\": \"normal\", \"supercategory\": \"capillary\","
            + " \"keypoints\": [\"apex\", \"arterial\", \"venous\"]}]}";
    CocoDataset d =
        CocoJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t");
    CocoAnnotation a = d.annotations().get(0);
    assertEquals(150, a.area(), 0.0);
    assertEquals(3, a.keypoints().size());
    assertEquals(2, a.numKeypoints());
    assertEquals(12.5, a.extraNumber(CocoAnnotation.APICAL_UM).orElseThrow(), 0.0);
    assertEquals("normal", a.extraString(CocoAnnotation.SIZE).orElseThrow());
    assertEquals(Boolean.TRUE, a.extra().get(CocoAnnotation.DISTAL_ROW));
    assertEquals(1.25, d.images().get(0).micrometresPerPixel().orElseThrow(), 0.0);
    assertEquals(8.5, d.images().get(0).densityPerMm().orElseThrow(), 0.0);
    assertEquals(2.0, d.images().get(0).withExtra(CocoImage.MICROMETRES_PER_PIXEL, 2.0)
        .micrometresPerPixel().orElseThrow(), 0.0);
    assertEquals(1, d.images().get(0).extra().get("license"));
    assertEquals(List.of("apex", "arterial", "venous"), d.categories().get(0).keypoints());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CocoJson.write(d, out);
    CocoDataset again =
        CocoJson.read(new ByteArrayInputStream(out.toByteArray()), "again");
    assertEquals(d, again);
  }

  @Test
  void cocoReadErrorsSayWhatWasExpected() {
    String json = "{\"images\": [{\"id\": 1, \"file_name\": \"x.png\", \"width\": 5}]}";
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class,
            () -> CocoJson.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json"));
    assertTrue(e.getMessage().contains("expected field \"height\""), e.getMessage());
  }

  @Test
  void cocoToVocToYoloToCocoRoundTrip() throws IOException {
    CocoDataset coco = tiny();
    Path voc = tmp.resolve("voc");
    VocFormat.write(coco, voc);
    CocoDataset fromVoc = ClassMapping.sdkDefault().apply(VocFormat.read(voc));
    assertSameBoxes(coco, fromVoc, 0.0);
    Path yolo = tmp.resolve("labels");
    YoloFormat.write(fromVoc, yolo);
    assertEquals(
        List.of("normal", "tortuous", "ramified", "giant", "haemorrhage"),
        Files.readAllLines(yolo.resolve(YoloFormat.CLASSES_FILE)));
    CocoDataset fromYolo =
        ClassMapping.sdkDefault().apply(YoloFormat.read(yolo, tmp.resolve("images")));
    // Six decimals of a normalised coordinate: at most 0.5e-6 * 640 px of error.
    assertSameBoxes(coco, fromYolo, 1e-3);
    Path json = tmp.resolve("out/coco.json");
    CocoJson.write(fromYolo, json);
    assertSameBoxes(coco, CocoJson.read(json), 1e-3);
  }

  @Test
  void yoloSizesComeFromImageHeadersAndLabelsNeedImages() throws IOException {
    tiny();
    Path labels = Files.createDirectories(tmp.resolve("y"));
    Files.writeString(labels.resolve("classes.txt"), "normal\nbushy\n");
    Files.writeString(labels.resolve("b.txt"), "1 0.5 0.5 0.25 0.5\n");
    CocoDataset d = YoloFormat.read(labels, tmp.resolve("images"));
    assertEquals(320, d.images().get(1).width());
    assertEquals(200, d.images().get(1).height());
    assertEquals(new Box(120, 50, 80, 100), d.annotations().get(0).bbox());
    CocoDataset mapped = ClassMapping.sdkDefault().apply(d);
    assertEquals(SdkClass.RAMIFIED.categoryId(), mapped.annotations().get(0).categoryId());
    Files.writeString(labels.resolve("zzz.txt"), "0 0.5 0.5 0.1 0.1\n");
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class,
            () -> YoloFormat.read(labels, tmp.resolve("images")));
    assertTrue(e.getMessage().contains("zzz.txt"), e.getMessage());
    Files.delete(labels.resolve("zzz.txt"));
    Files.writeString(labels.resolve("a.txt"), "4 0.5 0.5 0.1 0.1\n");
    e = assertThrows(DatasetFormatException.class,
        () -> YoloFormat.read(labels, tmp.resolve("images")));
    assertTrue(e.getMessage().contains("expected a class index from 0 to 1"), e.getMessage());
  }

  @Test
  void vocRejectsDoctypeAndExternalEntities() throws IOException {
    Path voc = Files.createDirectories(tmp.resolve("evil"));
    Files.writeString(voc.resolve("a.xml"),
        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<annotation><filename>&x;</filename></annotation>");
    DatasetFormatException e =
        assertThrows(DatasetFormatException.class, () -> VocFormat.read(voc));
    assertTrue(e.getMessage().contains("a.xml"), e.getMessage());
  }

  @Test
  void classMappingResolvesSynonymsAndReportsUnknownClasses() {
    ClassMapping m = ClassMapping.parse("dilated loop=normal");
    assertEquals(SdkClass.RAMIFIED, m.resolve("Bushy").orElseThrow());
    assertEquals(SdkClass.GIANT, m.resolve("megacapillary").orElseThrow());
    assertEquals(SdkClass.HAEMORRHAGE, m.resolve("hemorrhage").orElseThrow());
    assertEquals(SdkClass.NORMAL, m.resolve("Dilated-Loop").orElseThrow());
    CocoDataset d =
        new CocoDataset(List.of(CocoImage.of(1, "a.png", 10, 10)),
            List.of(CocoAnnotation.of(1, 1, 9, new Box(0, 0, 5, 5))),
            List.of(CocoCategory.of(9, "weird")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.apply(d));
    assertTrue(e.getMessage().contains("unknown class \"weird\""), e.getMessage());
    IllegalArgumentException bad =
        assertThrows(IllegalArgumentException.class, () -> ClassMapping.parse("x=banana"));
    assertTrue(bad.getMessage().contains("found \"banana\""), bad.getMessage());
  }

  @Test
  void splitIsDeterministicWithTheRequestedRatio() {
    List<CocoImage> images = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      images.add(CocoImage.of(i, "img" + i + ".png", 10, 10));
      annotations.add(CocoAnnotation.of(i, i, 1, new Box(0, 0, 5, 5)));
    }
    CocoDataset d = new CocoDataset(images, annotations, List.of(CocoCategory.of(1, "normal")));
    DatasetSplit s = DatasetSplit.of(d, DatasetSplit.DEFAULT_TRAIN_FRACTION, 42);
    assertEquals(170, s.train().images().size());
    assertEquals(30, s.validation().images().size());
    assertEquals(170, s.train().annotations().size());
    Set<String> train = names(s.train());
    Set<String> validation = names(s.validation());
    assertTrue(Collections.disjoint(train, validation));
    List<CocoImage> shuffled = new ArrayList<>(images);
    Collections.shuffle(shuffled, new java.util.Random(1));
    DatasetSplit again =
        DatasetSplit.of(new CocoDataset(shuffled, annotations, d.categories()), 0.85, 42);
    assertEquals(train, names(again.train()));
    assertNotEquals(train, names(DatasetSplit.of(d, 0.85, 43).train()));
    // Pinned: the same split on every JVM and machine (SHA-256 of seed and file name).
    // Value from Python: hashlib.sha256(struct.pack(">q", 42) + b"img0.png"), first 8 bytes.
    assertEquals(-8_623_050_946_927_776_103L, DatasetSplit.hash("img0.png", 42));
  }

  private static Set<String> names(CocoDataset d) {
    return d.images().stream().map(CocoImage::fileName).collect(Collectors.toSet());
  }

  @Test
  void validationListsEveryProblemWithExpectedAndFound() throws IOException {
    tiny();
    CocoDataset d =
        new CocoDataset(
            List.of(CocoImage.of(1, "a.png", 640, 480), CocoImage.of(1, "b.jpg", 999, 200),
                CocoImage.of(3, "missing.png", 10, 10)),
            List.of(
                CocoAnnotation.of(1, 1, 1, new Box(600, 10, 50, 10)),
                CocoAnnotation.of(1, 1, 1, new Box(0, 0, 0, 10)),
                CocoAnnotation.of(2, 9, 1, new Box(0, 0, 5, 5)),
                CocoAnnotation.of(3, 1, 7, new Box(0, 0, 5, 5)),
                CocoAnnotation.of(4, 1, 2, new Box(0, 0, 5, 5))),
            List.of(CocoCategory.of(1, "normal"), CocoCategory.of(2, "squiggly")));
    List<ValidationIssue> issues =
        DatasetValidator.validate(d, ClassMapping.sdkDefault(), tmp.resolve("images"));
    Map<ValidationIssue.Kind, List<ValidationIssue>> byKind =
        issues.stream().collect(Collectors.groupingBy(ValidationIssue::kind));
    assertEquals(
        Set.of(ValidationIssue.Kind.DUPLICATE_ID, ValidationIssue.Kind.BOX_OUTSIDE_IMAGE,
            ValidationIssue.Kind.EMPTY_BOX, ValidationIssue.Kind.UNKNOWN_IMAGE,
            ValidationIssue.Kind.UNKNOWN_CATEGORY, ValidationIssue.Kind.UNKNOWN_CLASS,
            ValidationIssue.Kind.MISSING_IMAGE_FILE, ValidationIssue.Kind.IMAGE_SIZE_MISMATCH),
        new HashSet<>(byKind.keySet()));
    assertEquals(2, byKind.get(ValidationIssue.Kind.DUPLICATE_ID).size());
    String outside = byKind.get(ValidationIssue.Kind.BOX_OUTSIDE_IMAGE).get(0).message();
    assertTrue(outside.contains("expected a box inside image 1") && outside.contains("found"),
        outside);
    String size = byKind.get(ValidationIssue.Kind.IMAGE_SIZE_MISMATCH).get(0).message();
    assertTrue(size.contains("expected 999x200") && size.contains("found 320x200"), size);
    assertTrue(DatasetValidator.validate(tiny(), ClassMapping.sdkDefault(),
        tmp.resolve("images")).isEmpty());
  }

  @Test
  void moduleExportsOnlyThePublicPackages() {
    Path classes = Path.of("target", "classes");
    ModuleDescriptor m =
        ModuleFinder.of(classes).find("io.nvc.evaluation").orElseThrow().descriptor();
    assertEquals(
        Set.of("io.nvc.dataset", "io.nvc.evaluation"),
        m.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    assertTrue(m.exports().stream().noneMatch(ModuleDescriptor.Exports::isQualified));
  }
}
