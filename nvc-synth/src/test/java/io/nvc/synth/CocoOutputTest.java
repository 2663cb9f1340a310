package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The COCO file loads back with Jackson and carries every field the SDK reads. */
class CocoOutputTest {
  private static final SynthOptions SMALL = SynthOptions.defaults().withSize(320, 256).withUmPerPx(1.8, 2.6)
      .withProfile(Profile.SCLERODERMA_ACTIVE);

  @Test
  void datasetAnnotationsCarryEveryField(@TempDir Path dir) throws IOException {
    Path file = SyntheticDatasets.writeDataset(dir, 6, 3, SMALL);
    assertEquals(dir.resolve("annotations.json"), file);
    JsonNode root = new ObjectMapper().readTree(file.toFile());

    JsonNode categories = root.get("categories");
    assertEquals(5, categories.size());
    List<String> names = new ArrayList<>();
    for (JsonNode c : categories) {
      names.add(c.get("name").asText());
      List<String> kps = new ArrayList<>();
      c.get("keypoints").forEach(k -> kps.add(k.asText()));
      assertEquals(CapillaryTruth.KEYPOINT_NAMES, kps);
      assertEquals(names.size(), c.get("id").asInt());
    }
    assertEquals(List.of("normal", "tortuous", "ramified", "giant", "haemorrhage"), names);

    JsonNode images = root.get("images");
    assertEquals(6, images.size());
    Set<Integer> imageIds = new HashSet<>();
    for (int i = 0; i < images.size(); i++) {
      JsonNode img = images.get(i);
      imageIds.add(img.get("id").asInt());
      assertEquals(String.format("images/%06d.png", i), img.get("file_name").asText());
      assertTrue(Files.isRegularFile(dir.resolve(img.get("file_name").asText())));
      assertEquals(320, img.get("width").asInt());
      assertEquals(256, img.get("height").asInt());
      double upp = img.get("micrometres_per_pixel").asDouble();
      assertTrue(upp >= 1.8 && upp <= 2.6, "calibration " + upp);
      assertTrue(img.get("density_per_mm").isNumber());
      assertEquals("scleroderma-active", img.get("profile").asText());
      ImageGroundTruth truth = NailfoldRenderer.render(img.get("seed").asLong(), SMALL).truth();
      assertEquals(truth.micrometresPerPixel(), upp, 1e-3);
    }

    int capillaries = 0;
    int haemorrhages = 0;
    int faint = 0;
    Set<Long> ids = new HashSet<>();
    for (JsonNode a : root.get("annotations")) {
      assertTrue(ids.add(a.get("id").asLong()), "unique annotation ids");
      assertTrue(imageIds.contains(a.get("image_id").asInt()));
      JsonNode bbox = a.get("bbox");
      assertEquals(4, bbox.size());
      assertEquals(bbox.get(2).asDouble() * bbox.get(3).asDouble(), a.get("area").asDouble(), 0.01);
      assertEquals(18, a.get("keypoints").size());
      int category = a.get("category_id").asInt();
      assertTrue(category >= 1 && category <= 5);
      if (category == SyntheticDatasets.HAEMORRHAGE_CATEGORY_ID) {
        haemorrhages++;
        assertTrue(a.get("apical_um").isNull() && a.get("size").isNull() && a.get("distal_row").isNull()
            && a.get("contrast").isNull());
        assertEquals(0, a.get("iscrowd").asInt());
        continue;
      }
      capillaries++;
      double apical = a.get("apical_um").asDouble();
      double arterial = a.get("arterial_um").asDouble();
      double venous = a.get("venous_um").asDouble();
      assertTrue(arterial <= venous);
      String size = a.get("size").asText();
      assertEquals(SizeClass.fromCalibres(apical, arterial, venous).cocoName(), size);
      assertEquals(size.equals("giant"), category == MorphologyClass.GIANT.cocoCategoryId());
      assertTrue(a.get("distal_row").isBoolean());
      // Faint loops (rows behind, below 2 % darkening) are crowds: evaluators ignore them.
      double contrast = a.get("contrast").asDouble();
      assertTrue(contrast >= 0 && contrast <= 1, "contrast " + contrast);
      assertEquals(contrast < CapillaryTruth.FAINT_CONTRAST ? 1 : 0, a.get("iscrowd").asInt());
      faint += contrast < CapillaryTruth.FAINT_CONTRAST ? 1 : 0;
      JsonNode k = a.get("keypoints");
      int visible = 0;
      for (int i = 0; i < 6; i++) {
        int v = k.get(3 * i + 2).asInt();
        assertTrue(v >= 0 && v <= 2);
        visible += v > 0 ? 1 : 0;
      }
      assertEquals(visible, a.get("num_keypoints").asInt());
    }
    assertTrue(capillaries > 20, "capillaries " + capillaries);
    assertTrue(faint < capillaries, "faint " + faint + " of " + capillaries);
    assertTrue(haemorrhages > 0, "the active profile draws haemorrhages");
    String text = Files.readString(file);
    assertTrue(!text.contains("\r") && !text.contains("E-") && !text.contains("NaN"), "portable number and line format");
  }

  @Test
  void examinationWritesEveryFingerAndView(@TempDir Path dir) throws IOException {
    SynthOptions tiny = SynthOptions.defaults().withSize(160, 128);
    Path file = SyntheticDatasets.writeExamination(dir, Profile.SCLERODERMA_EARLY, 5, tiny);
    JsonNode images = new ObjectMapper().readTree(file.toFile()).get("images");
    assertEquals(SyntheticDatasets.FINGERS.size() * SyntheticDatasets.VIEWS.size(), images.size());
    int i = 0;
    for (String finger : SyntheticDatasets.FINGERS) {
      for (String view : SyntheticDatasets.VIEWS) {
        JsonNode img = images.get(i++);
        String name = finger + "/" + view + ".png";
        assertEquals(name, img.get("file_name").asText());
        assertTrue(Files.isRegularFile(dir.resolve(name)), name);
        assertEquals(finger, img.get("finger").asText());
        assertEquals(view, img.get("view").asText());
        double upp = img.get("micrometres_per_pixel").asDouble();
        if (view.equals("panoramic")) {
          assertTrue(img.get("panoramic").asBoolean());
          assertTrue(upp >= SyntheticDatasets.PANORAMIC_MIN_UM_PER_PX && upp <= SyntheticDatasets.PANORAMIC_MAX_UM_PER_PX);
        } else {
          assertTrue(upp >= tiny.minUmPerPx() && upp <= tiny.maxUmPerPx());
        }
      }
    }
  }
}
