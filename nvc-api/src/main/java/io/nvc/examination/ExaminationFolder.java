package io.nvc.examination;

import io.nvc.CaptureMetadata;
import io.nvc.ErrorCode;
import io.nvc.Finger;
import io.nvc.NvcException;
import io.nvc.Sector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds an {@link Examination} from a folder of images. Stateless and thread-safe.
 *
 * <p>Each image (.jpg, .jpeg, .png, .tif, .tiff, .bmp) takes its finger and sector from the layout
 * {@code DIR/<finger>/<sector>.<ext>} (for example {@code R3/B.png}, {@code L2/panoramic.jpg}; a second
 * photo of a sector may be named {@code B-2.png} or {@code B_2.png}), or else from its capture metadata.
 * Finger folders are {@code L1}-{@code L5} and {@code R1}-{@code R5} (any case); sector names are
 * {@code A}-{@code D}, {@code panoramic} and {@code unknown}. An image whose finger can be told neither
 * way is an error that names the file and the expected layout; so is a folder that says one finger and
 * metadata that says another. An image with no sector anywhere gets {@link Sector#UNKNOWN}.
 */
public final class ExaminationFolder {

  /** Image file extensions looked at (lower case). */
  public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "tif", "tiff", "bmp");

  /** The layout in words, for error messages. */
  public static final String LAYOUT = "DIR/<finger>/<sector>.<ext> (finger L1-L5 or R1-R5, sector A, B, C,"
      + " D, panoramic or unknown, for example R3/B.png), or images whose metadata names the finger"
      + " (nvc metadata set FILE --finger R3 --sector B)";

  private static final Pattern SECTOR_NAME =
      Pattern.compile("(?i)(a|b|c|d|panoramic|unknown)(?:[-_ ].*)?");

  private ExaminationFolder() {}

  /**
   * Scans {@code dir} (its images and those of its direct subfolders).
   *
   * @param patientId the pseudonymous patient identifier, or null to take it from the images' metadata
   *     (all must agree), else the folder's name
   * @param date the examination date, or null to take the earliest capture date from the metadata
   * @param metadata reads each image's capture metadata
   * @throws NvcException {@link ErrorCode#IO} when the folder or an image's metadata cannot be read
   * @throws IllegalArgumentException when the folder holds no image, an image's finger cannot be told,
   *     folder and metadata disagree, or the identifiers are not valid pseudonyms
   */
  public static Examination scan(
      Path dir, @Nullable String patientId, @Nullable LocalDate date, MetadataLookup metadata)
      throws NvcException {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + ": not a folder; expected " + LAYOUT);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir, 2)) {
      walk.filter(Files::isRegularFile).filter(ExaminationFolder::isImage).forEach(files::add);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no images found in " + dir + "; expected " + LAYOUT);
    }
    files.sort(Comparator.comparing(Path::toString));
    List<ExaminationImage> images = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Set<String> patients = new TreeSet<>();
    Set<String> examinations = new TreeSet<>();
    LocalDate earliest = null;
    for (Path file : files) {
      CaptureMetadata m = metadata.read(file).orElse(CaptureMetadata.empty());
      String rel = dir.relativize(file).toString().replace('\\', '/');
      Finger folderFinger = fingerOf(file, dir);
      Sector nameSector = sectorOf(file);
      if (folderFinger != null && m.finger() != null && folderFinger != m.finger()) {
        problems.add(rel + ": the folder says finger " + folderFinger + " but the file's metadata says "
            + m.finger());
        continue;
      }
      Finger finger = folderFinger != null ? folderFinger : m.finger();
      if (finger == null) {
        problems.add(rel + ": cannot tell the finger");
        continue;
      }
      if (nameSector != null && m.sector() != null && nameSector != m.sector()
          && m.sector() != Sector.UNKNOWN && nameSector != Sector.UNKNOWN) {
        problems.add(rel + ": the file name says sector " + nameSector + " but the file's metadata says "
            + m.sector());
        continue;
      }
      Sector sector = nameSector != null && nameSector != Sector.UNKNOWN ? nameSector
          : m.sector() != null ? m.sector() : Sector.UNKNOWN;
      images.add(new ExaminationImage(file, finger, sector, null));
      if (m.patientId() != null) {
        patients.add(m.patientId());
      }
      if (m.examinationId() != null) {
        examinations.add(m.examinationId());
      }
      OffsetDateTime at = m.capturedAt();
      if (at != null && (earliest == null || at.toLocalDate().isBefore(earliest))) {
        earliest = at.toLocalDate();
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("unknown layout in " + dir + ": " + String.join("; ", problems)
          + ". Expected " + LAYOUT);
    }
    images.sort(Comparator.comparing((ExaminationImage i) -> i.finger()).thenComparing(ExaminationImage::sector)
        .thenComparing(i -> i.file().toString()));
    String patient = patientId;
    if (patient == null) {
      if (patients.size() > 1) {
        throw new IllegalArgumentException("the images' metadata name several patients " + patients
            + "; one examination is one patient: pass the patient identifier");
      }
      patient = patients.isEmpty() ? folderName(dir) : patients.iterator().next();
    }
    if (!Examination.isValidId(patient)) {
      throw new IllegalArgumentException("patient identifier '" + patient + "' is not a valid pseudonym (1 to 64"
          + " letters, digits, '-', '_', '.' or ':'); pass one explicitly");
    }
    String examinationId = examinations.size() == 1 ? examinations.iterator().next() : null;
    if (examinationId != null && !Examination.isValidId(examinationId)) {
      examinationId = null;
    }
    return new Examination(patient, examinationId, date != null ? date : earliest, images);
  }

  private static String folderName(Path dir) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return name == null ? "" : name.toString();
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static @Nullable Finger fingerOf(Path file, Path dir) {
    Path parent = file.getParent();
    if (parent == null || parent.equals(dir)) {
      return null;
    }
    try {
      return Finger.parse(parent.getFileName().toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable Sector sectorOf(Path file) {
    String n = file.getFileName().toString();
    String stem = n.substring(0, n.lastIndexOf('.'));
    Matcher m = SECTOR_NAME.matcher(stem);
    return m.matches() ? Sector.parse(m.group(1)) : null;
  }
}
