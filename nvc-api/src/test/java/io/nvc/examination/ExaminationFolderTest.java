package io.nvc.examination;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.CaptureMetadata;
import io.nvc.Finger;
import io.nvc.Sector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder layouts and metadata. */
class ExaminationFolderTest {

  @TempDir Path dir;

  Path touch(String rel) throws Exception {
    Path p = dir.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
    return p;
  }

  static CaptureMetadata meta(Finger f, Sector s, String patient) {
    return new CaptureMetadata(f, s, null, null, OffsetDateTime.of(2026, 3, 4, 10, 0, 0, 0, ZoneOffset.UTC),
        null, null, null, null, patient, null);
  }

  @Test
  void readsTheFingerSectorLayout() throws Exception {
    touch("R3/B.png");
    touch("R3/b-2.PNG");
    touch("l2/panoramic.jpg");
    touch("L2/A.jpeg");
    touch("L2/notes.txt");
    touch("annotations.json");
    Examination e = ExaminationFolder.scan(dir, "P-1", null, MetadataLookup.none());
    assertEquals("P-1", e.patientId());
    assertNull(e.date());
    assertEquals(4, e.images().size());
    assertEquals(Finger.L2, e.images().get(0).finger());
    assertEquals(Sector.A, e.images().get(0).sector());
    assertEquals(Sector.PANORAMIC, e.images().get(1).sector());
    assertEquals(Finger.R3, e.images().get(2).finger());
    assertEquals(Sector.B, e.images().get(3).sector(), "a second photo of a sector");
  }

  @Test
  void metadataFillsWhatTheLayoutDoesNotSay() throws Exception {
    Path a = touch("img001.jpg");
    Path b = touch("R4/photo.png");
    Map<Path, CaptureMetadata> m = Map.of(a, meta(Finger.L5, Sector.C, "PX-9"), b,
        meta(Finger.R4, Sector.D, "PX-9"));
    Examination e = ExaminationFolder.scan(dir, null, null, f -> Optional.ofNullable(m.get(f)));
    assertEquals("PX-9", e.patientId());
    assertEquals(LocalDate.of(2026, 3, 4), e.date());
    assertEquals(Finger.L5, e.images().get(0).finger());
    assertEquals(Sector.C, e.images().get(0).sector());
    assertEquals(Sector.D, e.images().get(1).sector());
  }

  @Test
  void anImageWithNoSectorAnywhereIsUnknown() throws Exception {
    touch("R2/whatever.png");
    Examination e = ExaminationFolder.scan(dir.resolve("."), "P", null, MetadataLookup.none());
    assertEquals(Sector.UNKNOWN, e.images().get(0).sector());
  }

  @Test
  void unknownLayoutsAreClearErrors() throws Exception {
    touch("thumb/B.png");
    touch("R3/B.png");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ExaminationFolder.scan(dir, "P", null, MetadataLookup.none()));
    assertTrue(e.getMessage().contains("thumb/B.png: cannot tell the finger"), e.getMessage());
    assertTrue(e.getMessage().contains("DIR/<finger>/<sector>.<ext>"), e.getMessage());

    Path empty = Files.createDirectories(dir.resolve("empty"));
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> ExaminationFolder.scan(empty, "P", null, MetadataLookup.none()));
    assertTrue(none.getMessage().startsWith("no images found in"), none.getMessage());
  }

  @Test
  void folderAndMetadataMustAgree() throws Exception {
    Path p = touch("R3/B.png");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExaminationFolder.scan(dir,
        "P", null, f -> Optional.of(meta(Finger.L2, Sector.B, "X"))));
    assertTrue(e.getMessage().contains("R3/B.png: the folder says finger R3 but the file's metadata says L2"),
        e.getMessage());
    assertTrue(Files.exists(p));
  }

  @Test
  void patientIdsMustBePseudonyms() throws Exception {
    touch("R3/B.png");
    assertThrows(IllegalArgumentException.class,
        () -> ExaminationFolder.scan(dir, "Jane Doe", null, MetadataLookup.none()));
  }
}
