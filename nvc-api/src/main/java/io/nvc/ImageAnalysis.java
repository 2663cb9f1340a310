package io.nvc;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The complete result of analysing one image. Immutable and thread-safe. Written to and read from JSON
 * by {@link AnalysisJson}.
 *
 * @param image the analysed image
 * @param calibration the calibration used, or null for an uncalibrated image
 * @param capillaries every capillary found, in descending confidence
 * @param haemorrhages every haemorrhage found, in descending confidence
 * @param summary counts and density
 * @param provenance what produced the result
 * @param notes remarks a reader needs, for example why no measurement could be made
 */
public record ImageAnalysis(
    ImageInfo image,
    @Nullable Calibration calibration,
    List<CapillaryFinding> capillaries,
    List<Haemorrhage> haemorrhages,
    AnalysisSummary summary,
    Provenance provenance,
    List<String> notes) {

  /** Validates and copies the components. */
  public ImageAnalysis {
    if (image == null || summary == null || provenance == null) {
      throw new IllegalArgumentException("image, summary and provenance must not be null");
    }
    capillaries = List.copyOf(capillaries);
    haemorrhages = List.copyOf(haemorrhages);
    notes = List.copyOf(notes);
  }
}
