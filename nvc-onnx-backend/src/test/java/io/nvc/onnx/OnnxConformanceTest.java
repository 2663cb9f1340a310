package io.nvc.onnx;

import io.nvc.conformance.BackendConformanceKit;
import io.nvc.spi.InferenceBackend;

/** The ONNX Runtime backend passes the backend conformance kit. */
class OnnxConformanceTest extends BackendConformanceKit {

  @Override
  protected InferenceBackend backend() {
    return new OnnxBackend();
  }
}
