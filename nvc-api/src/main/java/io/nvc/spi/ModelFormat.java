package io.nvc.spi;

/** Serialisation format of a model file. */
public enum ModelFormat {
  /** ONNX ({@code .onnx}). */
  ONNX,
  /** TorchScript ({@code .pt}). */
  TORCHSCRIPT
}
