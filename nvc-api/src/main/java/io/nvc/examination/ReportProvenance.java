package io.nvc.examination;

import io.nvc.ModelInfo;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What produced an examination report. Immutable and thread-safe.
 *
 * @param sdkVersion version of the NVC SDK
 * @param backend the inference backend, or null when no image was analysed
 * @param backendVersion the backend engine's version, or null when no image was analysed
 * @param models the models that ran, with their SHA-256, each once
 */
public record ReportProvenance(
    String sdkVersion, @Nullable String backend, @Nullable String backendVersion, List<ModelInfo> models) {

  /** Validates and copies the components. */
  public ReportProvenance {
    if (sdkVersion == null || sdkVersion.isBlank()) {
      throw new IllegalArgumentException("sdkVersion must not be blank");
    }
    models = List.copyOf(models);
  }
}
