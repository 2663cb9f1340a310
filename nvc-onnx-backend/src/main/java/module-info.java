/** ONNX Runtime inference backend of the NVC SDK; registers itself as backend {@code onnx}. */
module io.nvc.onnx {
  requires io.nvc.api;
  requires com.microsoft.onnxruntime;
  requires org.slf4j;
  requires static org.jspecify;

  provides io.nvc.spi.InferenceBackend with io.nvc.onnx.OnnxBackend;
}
