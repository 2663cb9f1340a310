package io.nvc.djl;

import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import java.util.Set;

/**
 * Runs TorchScript models with DJL's PyTorch engine, fully offline: the class sets
 * {@code ai.djl.offline=true} and {@code OPT_OUT_TRACKING=true} before any DJL class loads, and the
 * PyTorch native library comes from the {@code pytorch-native-cpu} jar on the class path (DJL unpacks
 * it once into {@code ~/.djl.ai}, or into {@code $DJL_CACHE_DIR} when set). PyTorch's thread pools are
 * process-wide: the first session's thread count applies. Thread-safe.
 */
public final class DjlBackend implements InferenceBackend {

  static {
    Offline.apply();
  }

  /** Creates the backend; the engine starts on first use. */
  public DjlBackend() {}

  @Override
  public String name() {
    return "djl";
  }

  @Override
  public String version() {
    try {
      return DjlSession.engineVersion();
    } catch (NvcException e) {
      return "unavailable";
    }
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public Set<ModelFormat> formats() {
    return Set.of(ModelFormat.TORCHSCRIPT);
  }

  @Override
  public InferenceSession open(ModelFile model, SessionOptions options) throws NvcException {
    if (model.format() != ModelFormat.TORCHSCRIPT) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "the djl backend runs TorchScript models, found " + model.format() + " file " + model.path());
    }
    return DjlSession.open(model, options);
  }
}
