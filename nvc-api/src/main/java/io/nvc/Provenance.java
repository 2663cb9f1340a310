package io.nvc;

import java.util.List;

/**
 * What produced a result: SDK, backend, models and calibration source. Immutable and thread-safe.
 *
 * @param sdkVersion version of the NVC SDK
 * @param backend name of the inference backend, for example {@code onnx}
 * @param backendVersion version of the backend's engine
 * @param models the models that ran, with their SHA-256
 * @param calibrationSource the calibration's source name, or {@code NONE} for uncalibrated images
 */
public record Provenance(
    String sdkVersion, String backend, String backendVersion, List<ModelInfo> models,
    String calibrationSource) {

  /** Validates and copies the components. */
  public Provenance {
    if (sdkVersion == null || backend == null || backendVersion == null || calibrationSource == null) {
      throw new IllegalArgumentException("provenance fields must not be null");
    }
    models = List.copyOf(models);
  }
}
