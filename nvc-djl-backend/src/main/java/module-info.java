/** DJL (PyTorch engine) inference backend of the NVC SDK; registers itself as backend {@code djl}. */
module io.nvc.djl {
  requires io.nvc.api;
  requires ai.djl.api;
  requires ai.djl.pytorch_engine;
  requires org.slf4j;
  requires static org.jspecify;

  provides io.nvc.spi.InferenceBackend with io.nvc.djl.DjlBackend;
}
