package io.nvc.examination;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One patient's examination: a pseudonymous patient identifier, a date and the photos. Immutable and
 * thread-safe.
 *
 * <p>The patient identifier is written into reports as given; pass a pseudonym, never a name. It must
 * be 1 to 64 characters of letters, digits, {@code -}, {@code _}, {@code .} and {@code :}, so that it
 * cannot carry free text into file names or HTML.
 *
 * @param patientId pseudonymous patient identifier
 * @param examinationId examination identifier, or null
 * @param date the examination date, or null when unknown
 * @param images the photos, at least one, no file twice
 */
public record Examination(
    String patientId, @Nullable String examinationId, @Nullable LocalDate date, List<ExaminationImage> images) {

  /** Validates and copies the components. */
  public Examination {
    requireId("patientId", patientId);
    if (examinationId != null) {
      requireId("examinationId", examinationId);
    }
    if (images == null || images.isEmpty()) {
      throw new IllegalArgumentException("an examination needs at least one image, found none");
    }
    images = List.copyOf(images);
    Set<Path> seen = new HashSet<>();
    for (ExaminationImage i : images) {
      if (!seen.add(i.file().toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("image " + i.file() + " appears twice in the examination");
      }
    }
  }

  /** Whether {@code text} is a valid patient or examination identifier. */
  public static boolean isValidId(@Nullable String text) {
    return text != null && text.matches("[A-Za-z0-9._:-]{1,64}");
  }

  private static void requireId(String name, @Nullable String value) {
    if (!isValidId(value)) {
      throw new IllegalArgumentException(name + " must be 1 to 64 letters, digits, '-', '_', '.' or ':'"
          + " (a pseudonym, never a name), found '" + value + "'");
    }
  }
}
