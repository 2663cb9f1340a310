package io.nvc.examination;

import io.nvc.ImageAnalysis;
import org.jspecify.annotations.Nullable;

/**
 * What became of one photo of an examination: analysed, failed, or not analysed because it is a
 * panoramic view. Immutable and thread-safe.
 *
 * @param image the photo
 * @param analysis its analysis, or null when it failed or was not analysed
 * @param failure why it failed (one line), or null
 */
public record ImageResult(ExaminationImage image, @Nullable ImageAnalysis analysis, @Nullable String failure) {

  /** What became of an image. */
  public enum Status {
    /** Analysed; counts in the metrics unless panoramic. */
    ANALYSED,
    /** A panoramic view: shown, not analysed, excluded from the metrics. */
    PANORAMIC,
    /** The analysis failed; see {@link #failure()}. */
    FAILED
  }

  /** Validates the components: at most one of analysis and failure. */
  public ImageResult {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    if (analysis != null && failure != null) {
      throw new IllegalArgumentException("an image result has an analysis or a failure, not both");
    }
    if (analysis == null && failure == null && image.inMetrics()) {
      throw new IllegalArgumentException(
          "only panoramic images may be left unanalysed, found " + image.sector() + " for " + image.file());
    }
  }

  /** What became of the image. */
  public Status status() {
    if (failure != null) {
      return Status.FAILED;
    }
    return analysis == null ? Status.PANORAMIC : Status.ANALYSED;
  }

  /** Whether the image's findings count in the metrics: analysed and not panoramic. */
  public boolean inMetrics() {
    return analysis != null && image.inMetrics();
  }

  /** Whether the image was analysed with a calibration (micrometres and density available). */
  public boolean calibrated() {
    return analysis != null && analysis.calibration() != null;
  }
}
