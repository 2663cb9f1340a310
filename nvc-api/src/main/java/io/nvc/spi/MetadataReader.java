package io.nvc.spi;

import io.nvc.CaptureMetadata;
import io.nvc.NvcException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads {@link CaptureMetadata} embedded in image files (for example XMP). Found by
 * {@link java.util.ServiceLoader}; the analyzer asks every reader found, in priority order, when an image
 * file is analysed without a calibration, and uses the first calibration found (source
 * {@code METADATA}). Implementations must be thread-safe, must not touch the network, and must treat
 * foreign or malformed metadata as absent (logging a warning) rather than fail the analysis.
 */
public interface MetadataReader {

  /** Higher runs first. */
  int priority();

  /**
   * The metadata of {@code file}, or empty when it carries none this reader understands.
   *
   * @throws NvcException {@link io.nvc.ErrorCode#IO} only when the file cannot be read at all
   */
  Optional<CaptureMetadata> read(Path file) throws NvcException;
}
