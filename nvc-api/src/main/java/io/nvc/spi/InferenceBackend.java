package io.nvc.spi;

import io.nvc.NvcException;
import java.util.Set;

/**
 * An inference engine that opens model files as {@link InferenceSession}s. Found by
 * {@link java.util.ServiceLoader}; implementations need a public no-argument constructor, must be
 * thread-safe, and must not touch the network (telemetry off, offline mode on).
 */
public interface InferenceBackend {

  /** Short unique name used to choose the backend, for example {@code onnx} or {@code djl}. */
  String name();

  /** Version of the underlying engine, for provenance. */
  String version();

  /** Higher wins when no backend is named; the ONNX backend uses 100. */
  int priority();

  /** The model formats this backend can open. */
  Set<ModelFormat> formats();

  /**
   * Opens {@code model}.
   *
   * @throws NvcException {@link io.nvc.ErrorCode#MODEL_INVALID} when the file is not a loadable model,
   *     {@link io.nvc.ErrorCode#BACKEND_FAILURE} when the engine fails otherwise
   */
  InferenceSession open(ModelFile model, SessionOptions options) throws NvcException;
}
