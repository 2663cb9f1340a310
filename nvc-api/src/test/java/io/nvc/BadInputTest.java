package io.nvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.testing.MarkerModels;
import io.nvc.testing.MarkerScene;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bad or odd image gives a typed error with a clear message, or is analysed correctly. */
class BadInputTest {

  @TempDir Path dir;
  NailfoldAnalyzer analyzer;

  @BeforeEach
  void open() throws Exception {
    analyzer = NailfoldAnalyzer.builder().backend("marker")
        .models(MarkerModels.write(dir.resolve("models"), MarkerModels.Options.full())).build();
  }

  @AfterEach
  void close() {
    analyzer.close();
  }

  NvcException fails(Path file) {
    return assertThrows(NvcException.class, () -> analyzer.analyze(file, null));
  }

  @Test
  void notAnImage() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.png"), "these are not pixels");
    NvcException e = fails(f);
    assertEquals(ErrorCode.IMAGE_UNREADABLE, e.code());
    assertTrue(e.getMessage().contains("not a recognised image") && e.getMessage().contains("expected JPEG, PNG"),
        e.getMessage());
  }

  @Test
  void emptyFile() throws IOException {
    NvcException e = fails(Files.write(dir.resolve("empty.jpg"), new byte[0]));
    assertEquals(ErrorCode.IMAGE_UNREADABLE, e.code());
    assertTrue(e.getMessage().contains("file is empty (0 bytes)"), e.getMessage());
  }

  @Test
  void missingFileAndDirectory() {
    assertEquals(ErrorCode.IO, fails(dir.resolve("nope.png")).code());
    assertEquals(ErrorCode.IO, fails(dir).code());
  }

  @ParameterizedTest
  @ValueSource(strings = {"png", "jpg", "bmp", "tiff"})
  void truncatedFiles(String format) throws IOException {
    BufferedImage img = MarkerScene.draw(400, 300, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE, List.of());
    Path whole = dir.resolve("whole." + format);
    ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, whole.toFile());
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = Files.write(dir.resolve("cut." + format), Arrays.copyOf(bytes, bytes.length / 2));
    NvcException e = fails(cut);
    assertEquals(ErrorCode.IMAGE_UNREADABLE, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
  }

  @Test
  void tinyImage() throws IOException {
    Path f = dir.resolve("one.png");
    ImageIO.write(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", f.toFile());
    NvcException e = fails(f);
    assertEquals(ErrorCode.IMAGE_SIZE, e.code());
    assertTrue(e.getMessage().contains("image is 1x1 pixels; expected at least 16x16"), e.getMessage());
  }

  @Test
  void headerClaimingAGiganticImageIsRefusedBeforeDecoding() throws IOException {
    // A PNG signature and a valid IHDR announcing 40000x40000 RGB, and nothing else.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    DataOutputStream data = new DataOutputStream(out);
    data.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
    DataOutputStream h = new DataOutputStream(ihdr);
    h.writeBytes("IHDR");
    h.writeInt(40000);
    h.writeInt(40000);
    h.write(new byte[] {8, 2, 0, 0, 0});
    data.writeInt(13);
    data.write(ihdr.toByteArray());
    CRC32 crc = new CRC32();
    crc.update(ihdr.toByteArray());
    data.writeInt((int) crc.getValue());
    NvcException e = fails(Files.write(dir.resolve("huge.png"), out.toByteArray()));
    assertEquals(ErrorCode.IMAGE_SIZE, e.code());
    assertTrue(e.getMessage().contains("40000x40000 = 1600000000 pixels; the limit is 100000000"),
        e.getMessage());
  }

  @Test
  void pixelLimitIsConfigurable() throws Exception {
    BufferedImage img = MarkerScene.draw(400, 300, BufferedImage.TYPE_3BYTE_BGR, List.of(), List.of());
    try (NailfoldAnalyzer small = NailfoldAnalyzer.builder().backend("marker").maxImagePixels(100_000)
        .models(dir.resolve("models")).build()) {
      NvcException e = assertThrows(NvcException.class, () -> small.analyze(img, null));
      assertEquals(ErrorCode.IMAGE_SIZE, e.code());
    }
  }

  @Test
  void cmykJpegIsUnsupported() throws IOException {
    WritableRaster cmyk = Raster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 64, 64, 4, null);
    Path f = dir.resolve("cmyk.jpg");
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(f.toFile())) {
      writer.setOutput(out);
      writer.write(new IIOImage(cmyk, null, null));
    } finally {
      writer.dispose();
    }
    NvcException e = fails(f);
    assertEquals(ErrorCode.IMAGE_UNSUPPORTED, e.code(), e.getMessage());
    assertTrue(e.getMessage().contains("expected an RGB or greyscale image"), e.getMessage());
  }

  @Test
  void gifIsRefusedByName() throws IOException {
    Path f = dir.resolve("anim.gif");
    ImageIO.write(new BufferedImage(32, 32, BufferedImage.TYPE_BYTE_INDEXED), "gif", f.toFile());
    NvcException e = fails(f);
    assertEquals(ErrorCode.IMAGE_UNSUPPORTED, e.code());
    assertTrue(e.getMessage().contains("GIF images are not supported"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY})
  void greyImagesAreAnalysed(int type) throws Exception {
    BufferedImage grey = new BufferedImage(300, 200, type);
    Path f = dir.resolve("grey.png");
    ImageIO.write(grey, "png", f.toFile());
    ImageAnalysis a = analyzer.analyze(f, null);
    assertEquals(300, a.image().width());
    assertEquals("grey.png", a.image().file());
  }

  @Test
  void sixteenBitColourAlphaTiffAndBmpFilesGiveTheSameFindings() throws Exception {
    BufferedImage img = MarkerScene.draw(1000, 400, BufferedImage.TYPE_3BYTE_BGR, CascadeTest.SCENE, List.of());
    List<CapillaryFinding> reference = CascadeTest.byX(analyzer.analyze(img, null));
    assertEquals(4, reference.size());
    // 16-bit RGB PNG.
    var cs = java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_sRGB);
    var cm = new java.awt.image.ComponentColorModel(cs, false, false, java.awt.Transparency.OPAQUE,
        java.awt.image.DataBuffer.TYPE_USHORT);
    WritableRaster r16 = cm.createCompatibleWritableRaster(1000, 400);
    for (int y = 0; y < 400; y++) {
      for (int x = 0; x < 1000; x++) {
        int rgb = img.getRGB(x, y);
        r16.setPixel(x, y, new int[] {((rgb >> 16) & 0xFF) * 257, ((rgb >> 8) & 0xFF) * 257, (rgb & 0xFF) * 257});
      }
    }
    Path png16 = dir.resolve("deep.png");
    ImageIO.write(new BufferedImage(cm, r16, false, null), "png", png16.toFile());
    BufferedImage argb = MarkerScene.draw(1000, 400, BufferedImage.TYPE_INT_ARGB, CascadeTest.SCENE, List.of());
    Path alpha = dir.resolve("alpha.png");
    ImageIO.write(argb, "png", alpha.toFile());
    Path tiff = dir.resolve("scene.tif");
    ImageIO.write(img, "tiff", tiff.toFile());
    Path bmp = dir.resolve("scene.bmp");
    ImageIO.write(img, "bmp", bmp.toFile());
    for (Path f : List.of(png16, alpha, tiff, bmp)) {
      assertEquals(reference, CascadeTest.byX(analyzer.analyze(f, null)), f.getFileName().toString());
    }
  }
}
