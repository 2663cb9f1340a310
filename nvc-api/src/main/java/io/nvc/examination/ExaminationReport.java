package io.nvc.examination;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The analysed examination: every image's result, per-finger and per-patient figures, the Fast Track
 * suggestion, provenance and notes. Immutable and thread-safe. Written to and read from JSON by
 * {@link ExaminationJson}; rendered to HTML and PDF by the {@code nvc-report} module.
 *
 * @param patientId pseudonymous patient identifier
 * @param examinationId examination identifier, or null
 * @param date examination date, or null when unknown
 * @param generatedAt when the report was made, or null
 * @param images every photo's result, in the examination's order
 * @param fingers one summary per finger photographed, in {@link io.nvc.Finger} order
 * @param patient the whole examination's figures
 * @param fastTrack the Fast Track suggestion and its trace
 * @param provenance SDK, backend and models
 * @param notes remarks a reader needs (uncalibrated images, excluded panoramic views, failures, missing
 *     fingers)
 */
public record ExaminationReport(
    String patientId,
    @Nullable String examinationId,
    @Nullable LocalDate date,
    @Nullable Instant generatedAt,
    List<ImageResult> images,
    List<FingerSummary> fingers,
    PatientSummary patient,
    FastTrack fastTrack,
    ReportProvenance provenance,
    List<String> notes) {

  /** Validates and copies the components. */
  public ExaminationReport {
    if (!Examination.isValidId(patientId)) {
      throw new IllegalArgumentException("invalid patientId '" + patientId + "'");
    }
    if (patient == null || fastTrack == null || provenance == null) {
      throw new IllegalArgumentException("patient, fastTrack and provenance must not be null");
    }
    images = List.copyOf(images);
    fingers = List.copyOf(fingers);
    notes = List.copyOf(notes);
  }
}
