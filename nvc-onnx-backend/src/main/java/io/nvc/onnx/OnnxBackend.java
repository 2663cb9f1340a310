package io.nvc.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ONNX models with ONNX Runtime. One {@link OrtEnvironment} serves the whole process and is never
 * closed by the SDK (ONNX Runtime allows one per process); telemetry is switched off on it. Sessions are
 * shared by all threads. A CUDA execution provider is used when the GPU build of ONNX Runtime is on the
 * class path, a device exists and the analyzer allows it; otherwise the CPU, with one log line saying
 * why. Thread-safe.
 */
public final class OnnxBackend implements InferenceBackend {

  private static final Logger LOG = LoggerFactory.getLogger(OnnxBackend.class);

  private static @Nullable OrtEnvironment environment;

  /** Creates the backend; the native library loads on first use. */
  public OnnxBackend() {}

  /** The process-wide environment, created with telemetry off on first use. */
  static synchronized OrtEnvironment environment() throws NvcException {
    if (environment == null) {
      try {
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_WARNING, "nvc");
        env.setTelemetry(false);
        environment = env;
      } catch (OrtException | LinkageError e) {
        throw new NvcException(ErrorCode.BACKEND_FAILURE,
            "ONNX Runtime could not start on " + System.getProperty("os.name") + "/"
                + System.getProperty("os.arch") + ": " + e.getMessage(), e);
      }
    }
    return environment;
  }

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public String version() {
    try {
      return environment().getVersion();
    } catch (NvcException e) {
      return "unavailable";
    }
  }

  @Override
  public int priority() {
    return 100;
  }

  @Override
  public Set<ModelFormat> formats() {
    return Set.of(ModelFormat.ONNX);
  }

  @Override
  public InferenceSession open(ModelFile model, SessionOptions options) throws NvcException {
    OrtEnvironment env = environment();
    try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
      so.setIntraOpNumThreads(options.intraOpThreads());
      so.setInterOpNumThreads(options.interOpThreads());
      so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      if (options.allowGpu()) {
        useGpuIfPresent(so);
      }
      OrtSession session;
      try {
        session = env.createSession(model.path().toString(), so);
      } catch (OrtException e) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "ONNX Runtime cannot load model file " + model.path() + " (" + model.name()
                + "): expected a valid ONNX model: " + e.getMessage(), e);
      }
      try {
        return new OnnxSession(env, session, model);
      } catch (NvcException | RuntimeException e) {
        OnnxSession.closeQuietly(session, model.name());
        throw e;
      }
    } catch (OrtException e) {
      throw new NvcException(ErrorCode.BACKEND_FAILURE,
          "cannot configure an ONNX Runtime session for " + model.path() + ": " + e.getMessage(), e);
    }
  }

  private static void useGpuIfPresent(OrtSession.SessionOptions so) {
    if (!OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)) {
      return;
    }
    try {
      so.addCUDA();
      LOG.info("ONNX Runtime uses the CUDA execution provider");
    } catch (OrtException | RuntimeException e) {
      LOG.info("ONNX Runtime's CUDA provider is present but unusable ({}); running on the CPU",
          e.getMessage());
    }
  }
}
