package io.nvc.djl;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.SessionOptions;
import io.nvc.spi.Tensor;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One TorchScript model. DJL's {@code Predictor} is not thread-safe, so each call runs the model's block
 * directly with its own {@link NDManager}, closed when the call ends; the TorchScript module itself is
 * shared (PyTorch allows concurrent inference on one module). {@link #close()} waits for running calls,
 * closes the model and is idempotent.
 */
final class DjlSession implements InferenceSession {

  private static final String ENGINE = "PyTorch";

  private final Model model;
  private final ModelFile file;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  private DjlSession(Model model, ModelFile file) {
    this.model = model;
    this.file = file;
  }

  static String engineVersion() throws NvcException {
    return engine().getVersion();
  }

  private static Engine engine() throws NvcException {
    Offline.apply();
    try {
      return Engine.getEngine(ENGINE);
    } catch (EngineException | IllegalArgumentException | LinkageError e) {
      throw new NvcException(ErrorCode.BACKEND_FAILURE,
          "DJL's PyTorch engine could not start (is pytorch-native-cpu for " + System.getProperty("os.name")
              + "/" + System.getProperty("os.arch") + " on the class path?): " + e.getMessage(), e);
    }
  }

  static DjlSession open(ModelFile file, SessionOptions options) throws NvcException {
    if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(options.intraOpThreads()));
      System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(options.interOpThreads()));
    }
    engine();
    Path path = file.path().toAbsolutePath();
    String fileName = path.getFileName().toString();
    if (!fileName.endsWith(".pt")) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "TorchScript model file " + path + " must end in .pt");
    }
    Model model = Model.newInstance(file.name(), Device.cpu(), ENGINE);
    try {
      model.load(path.getParent(), fileName.substring(0, fileName.length() - 3));
      return new DjlSession(model, file);
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "DJL cannot load model file " + path + " (" + file.name() + "): expected a valid TorchScript"
              + " model: " + e.getMessage(), e);
    }
  }

  /** TorchScript inputs are positional, not named: the one input is passed under any name. */
  @Override
  public List<String> inputNames() {
    return List.of();
  }

  @Override
  public List<String> outputNames() {
    return file.outputNames();
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) throws NvcException {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the DJL session of " + file.name() + " is closed");
      }
      if (inputs.size() != 1) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "TorchScript model " + file.name() + " takes one input, found " + inputs.keySet());
      }
      Tensor in = inputs.values().iterator().next();
      try (NDManager manager = model.getNDManager().newSubManager()) {
        FloatBuffer data = in.data();
        NDArray x = manager.create(data, new Shape(in.shape()), DataType.FLOAT32);
        NDList out = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false);
        List<String> names = file.outputNames();
        if (out.size() != names.size()) {
          throw new NvcException(ErrorCode.MODEL_INVALID,
              "TorchScript model " + file.name() + " (" + file.path().getFileName() + ") returned "
                  + out.size() + " outputs, its manifest names " + names.size() + ": " + names);
        }
        Map<String, Tensor> result = new LinkedHashMap<>();
        for (int i = 0; i < out.size(); i++) {
          NDArray a = out.get(i);
          float[] values = a.getDataType() == DataType.FLOAT32 ? a.toFloatArray()
              : a.toType(DataType.FLOAT32, false).toFloatArray();
          result.put(names.get(i), Tensor.of(values, a.getShape().getShape()));
        }
        return result;
      } catch (EngineException | IllegalArgumentException | IllegalStateException e) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "PyTorch failed to run " + file.name() + " (" + file.path().getFileName() + ") on an input of"
                + " shape " + java.util.Arrays.toString(in.shape()) + ": " + firstLine(e.getMessage()), e);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        model.close();
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
