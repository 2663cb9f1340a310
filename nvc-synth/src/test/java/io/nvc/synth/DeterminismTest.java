package io.nvc.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
  private static final SynthOptions SMALL = SynthOptions.defaults().withSize(320, 256).withUmPerPx(1.5, 2.8)
      .withProfile(Profile.MIXED);

  private static byte[] pixels(SyntheticImage image) {
    return ((DataBufferByte) image.image().getRaster().getDataBuffer()).getData();
  }

  @Test
  void sameSeedGivesIdenticalPixelsAndTruth() {
    for (long seed : new long[] {0, 7, -123456789L}) {
      SyntheticImage a = NailfoldRenderer.render(seed, SMALL);
      SyntheticImage b = NailfoldRenderer.render(seed, SMALL);
      assertArrayEquals(pixels(a), pixels(b), "seed " + seed);
      assertEquals(a.truth(), b.truth(), "seed " + seed);
    }
  }

  @Test
  void differentSeedsGiveDifferentImages() {
    SyntheticImage a = NailfoldRenderer.render(1, SMALL);
    SyntheticImage b = NailfoldRenderer.render(2, SMALL);
    assertFalse(Arrays.equals(pixels(a), pixels(b)));
  }

  @Test
  void cleanRenderKeepsTheGeometryOfTheFullRender() {
    SynthOptions png = SMALL.withFormat(ImageFormat.PNG);
    for (long seed = 0; seed < 4; seed++) {
      ImageGroundTruth full = NailfoldRenderer.render(seed, png).truth();
      ImageGroundTruth clean = NailfoldRenderer.render(seed, png.withClean(true)).truth();
      // The same capillaries; only their contrast differs (no defocus, no rows behind in clean renders),
      // and the defocus may flatten a tortuous loop's meanders into a normal-looking one, never the reverse.
      assertEquals(withoutContrastAndShape(full.capillaries()), withoutContrastAndShape(clean.capillaries()));
      for (int i = 0; i < clean.capillaries().size(); i++) {
        CapillaryTruth c = clean.capillaries().get(i);
        CapillaryTruth f = full.capillaries().get(i);
        assertTrue(c.distalRow() ? c.contrast() > f.contrast() : c.contrast() == 0, c.toString());
        assertTrue(f.morphology() == c.morphology()
            || c.morphology() == MorphologyClass.TORTUOUS && f.morphology() == MorphologyClass.NORMAL, c + " vs " + f);
      }
      assertEquals(full.haemorrhages(), clean.haemorrhages());
      assertEquals(full.micrometresPerPixel(), clean.micrometresPerPixel());
      assertEquals(0, clean.jpegQuality());
    }
  }

  @Test
  void datasetWrittenTwiceIsByteIdentical(@TempDir Path dir) throws IOException {
    for (ImageFormat format : ImageFormat.values()) {
      Path a = dir.resolve("a-" + format.extension());
      Path b = dir.resolve("b-" + format.extension());
      SyntheticDatasets.writeDataset(a, 3, 7, SMALL.withFormat(format));
      SyntheticDatasets.writeDataset(b, 3, 7, SMALL.withFormat(format));
      List<Path> files = list(a);
      assertEquals(List.of("annotations.json", "images/000000." + format.extension(),
          "images/000001." + format.extension(), "images/000002." + format.extension()),
          files.stream().map(p -> a.relativize(p).toString().replace('\\', '/')).collect(Collectors.toList()));
      for (Path f : files) {
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(b.resolve(a.relativize(f))), f.toString());
      }
    }
  }

  @Test
  void writtenPngHoldsTheRenderedPixels(@TempDir Path dir) throws IOException {
    SyntheticDatasets.writeDataset(dir, 1, 11, SMALL);
    SyntheticImage rendered = NailfoldRenderer.render(SyntheticDatasets.imageSeed(11, 0), SMALL);
    byte[] read = pixels(new SyntheticImage(ImageCodec.decode(Files.readAllBytes(dir.resolve("images/000000.png"))),
        rendered.truth()));
    assertArrayEquals(pixels(rendered), read);
  }

  private static List<Path> list(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
    }
  }

  private static List<CapillaryTruth> withoutContrastAndShape(List<CapillaryTruth> caps) {
    return caps.stream().map(c -> new CapillaryTruth(c.box(),
        c.morphology() == MorphologyClass.TORTUOUS ? MorphologyClass.NORMAL : c.morphology(), c.size(),
        c.distalRow(), c.keypoints(), c.apicalUm(), c.arterialUm(), c.venousUm(), 0)).toList();
  }
}
