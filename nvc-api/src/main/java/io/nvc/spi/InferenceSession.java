package io.nvc.spi;

import io.nvc.NvcException;
import java.util.Map;

/**
 * One loaded model, ready to run.
 *
 * <p>Implementations must be thread-safe: the analyzer calls {@link #run} from many threads at once
 * on one session. {@link #close()} is idempotent; {@link #run} after close throws
 * {@link IllegalStateException}. The analyzer owns its sessions and closes them when it is closed.
 */
public interface InferenceSession extends AutoCloseable {

  /**
   * Names of the model's inputs, in the model's order; empty when the format does not name inputs
   * (TorchScript: one positional input, passed under any name).
   */
  java.util.List<String> inputNames();

  /**
   * Names of the model's outputs, in the model's order; for formats that do not name outputs, the names
   * the manifest gives them ({@link ModelFile#outputNames()}).
   */
  java.util.List<String> outputNames();

  /**
   * Runs the model.
   *
   * @param inputs tensors by input name; only read during the call
   * @return every output by name, as tensors the caller owns (backed by heap buffers)
   * @throws NvcException with {@link io.nvc.ErrorCode#BACKEND_FAILURE} when the engine fails, naming the
   *     model and what was expected
   */
  Map<String, Tensor> run(Map<String, Tensor> inputs) throws NvcException;

  /** Releases the engine's resources; idempotent. */
  @Override
  void close();
}
