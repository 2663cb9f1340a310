package io.nvc.spi;

import java.nio.file.Path;

/**
 * A model file a backend is asked to open. Immutable and thread-safe.
 *
 * @param name the model's name from its manifest
 * @param format the file's format
 * @param path the file; its SHA-256 was verified by the SDK before the backend sees it
 * @param sha256 the verified SHA-256, lower-case hex
 * @param outputNames the names the manifest gives the model's outputs, in output order; backends whose
 *     format does not name outputs (TorchScript returns a tensor or a tuple) use them, others may check
 *     them against the model's own names
 */
public record ModelFile(
    String name, ModelFormat format, Path path, String sha256, java.util.List<String> outputNames) {

  /** Validates that no component is null and copies the names. */
  public ModelFile {
    if (name == null || format == null || path == null || sha256 == null || outputNames == null) {
      throw new IllegalArgumentException("model file components must not be null");
    }
    outputNames = java.util.List.copyOf(outputNames);
  }
}
