/**
 * The ONNX Runtime backend. {@link io.nvc.onnx.OnnxBackend} is public only so that
 * {@link java.util.ServiceLoader} can instantiate it; the package is not exported.
 */
@NullMarked
package io.nvc.onnx;

import org.jspecify.annotations.NullMarked;
