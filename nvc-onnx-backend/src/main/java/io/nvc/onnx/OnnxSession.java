package io.nvc.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One ONNX Runtime session. Thread-safe: ONNX Runtime's {@code run} is, and {@link #close()} waits for
 * running calls. Inputs on heap buffers are copied into a direct buffer kept per thread (grown when
 * needed) so that ONNX Runtime reads them without another copy; every tensor and result is closed.
 */
final class OnnxSession implements InferenceSession {

  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelFile model;
  private final Map<String, long[]> inputShapes = new HashMap<>();
  private final List<String> inputNames;
  private final List<String> outputNames;
  private final ThreadLocal<FloatBuffer> staging = new ThreadLocal<>();
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private boolean closed;

  OnnxSession(OrtEnvironment env, OrtSession session, ModelFile model) throws NvcException {
    this.env = env;
    this.session = session;
    this.model = model;
    try {
      for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
        if (e.getValue().getInfo() instanceof TensorInfo t) {
          inputShapes.put(e.getKey(), t.getShape());
        }
      }
      this.inputNames = List.copyOf(session.getInputInfo().keySet());
      this.outputNames = List.copyOf(session.getOutputInfo().keySet());
    } catch (OrtException e) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "cannot read the inputs and outputs of " + model.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public List<String> inputNames() {
    return inputNames;
  }

  @Override
  public List<String> outputNames() {
    return outputNames;
  }

  @Override
  public Map<String, Tensor> run(Map<String, Tensor> inputs) throws NvcException {
    lifecycle.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("the ONNX session of " + model.name() + " is closed");
      }
      Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
      try {
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
          tensors.put(e.getKey(), toOrt(e.getKey(), e.getValue()));
        }
        try (OrtSession.Result result = session.run(tensors)) {
          Map<String, Tensor> out = new LinkedHashMap<>();
          for (Map.Entry<String, OnnxValue> e : result) {
            out.put(e.getKey(), fromOrt(e.getKey(), e.getValue()));
          }
          return out;
        }
      } catch (OrtException e) {
        throw new NvcException(ErrorCode.BACKEND_FAILURE,
            "ONNX Runtime failed to run " + model.name() + " (" + model.path().getFileName() + "): "
                + e.getMessage(), e);
      } finally {
        tensors.values().forEach(OnnxTensor::close);
      }
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private OnnxTensor toOrt(String name, Tensor t) throws NvcException, OrtException {
    long[] expected = inputShapes.get(name);
    if (expected == null) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model " + model.name() + " has no input '" + name + "'; inputs: " + inputNames);
    }
    long[] shape = t.shape();
    boolean matches = expected.length == shape.length;
    for (int i = 0; matches && i < shape.length; i++) {
      matches = expected[i] < 0 || expected[i] == shape[i];
    }
    if (!matches) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model " + model.name() + " (" + model.path().getFileName() + ") expects input '" + name + "' of shape " + Arrays.toString(expected)
              + " (-1 = any), found " + Arrays.toString(shape));
    }
    FloatBuffer data = t.data();
    if (!data.isDirect()) {
      FloatBuffer buffer = staging.get();
      if (buffer == null || buffer.capacity() < data.remaining()) {
        buffer = ByteBuffer.allocateDirect(data.remaining() * Float.BYTES).order(ByteOrder.nativeOrder())
            .asFloatBuffer();
        staging.set(buffer);
      }
      buffer.clear();
      buffer.put(data);
      buffer.flip();
      data = buffer;
    }
    return OnnxTensor.createTensor(env, data, shape);
  }

  private Tensor fromOrt(String name, OnnxValue value) throws NvcException {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model " + model.name() + " output '" + name + "' is a " + value.getType()
              + ", expected a tensor");
    }
    long[] shape = tensor.getInfo().getShape();
    int n = Math.toIntExact(Tensor.elementCount(shape));
    if (tensor.getInfo().type == OnnxJavaType.FLOAT) {
      // getFloatBuffer is already a copy made for this call alone: wrapped, not copied again.
      return Tensor.of(tensor.getFloatBuffer(), shape);
    }
    float[] values = new float[n];
    switch (tensor.getInfo().type) {
      case DOUBLE -> {
        var b = tensor.getDoubleBuffer();
        for (int i = 0; i < n; i++) {
          values[i] = (float) b.get(i);
        }
      }
      case INT64 -> {
        var b = tensor.getLongBuffer();
        for (int i = 0; i < n; i++) {
          values[i] = b.get(i);
        }
      }
      case INT32 -> {
        var b = tensor.getIntBuffer();
        for (int i = 0; i < n; i++) {
          values[i] = b.get(i);
        }
      }
      default -> throw new NvcException(ErrorCode.MODEL_INVALID,
          "model " + model.name() + " output '" + name + "' has element type " + tensor.getInfo().type
              + ", expected FLOAT, DOUBLE, INT64 or INT32");
    }
    return Tensor.of(values, shape);
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeQuietly(session, model.name());
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }

  /** Closes {@code session}, logging rather than throwing when ONNX Runtime fails to release it. */
  static void closeQuietly(OrtSession session, String name) {
    try {
      session.close();
    } catch (OrtException e) {
      org.slf4j.LoggerFactory.getLogger(OnnxSession.class)
          .warn("ONNX Runtime failed to release the session of {}: {}", name, e.getMessage());
    }
  }

  /** For diagnostics: the names of outputs, in order. */
  @Override
  public String toString() {
    return "OnnxSession[" + model.name() + ", inputs " + inputNames + ", outputs " + new ArrayList<>(outputNames) + "]";
  }
}
