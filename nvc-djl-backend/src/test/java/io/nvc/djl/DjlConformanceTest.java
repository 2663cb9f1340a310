package io.nvc.djl;

import io.nvc.conformance.BackendConformanceKit;
import io.nvc.spi.InferenceBackend;

/** The DJL backend passes the backend conformance kit on the TorchScript exports of the kit's models. */
class DjlConformanceTest extends BackendConformanceKit {

  @Override
  protected InferenceBackend backend() {
    return new DjlBackend();
  }
}
