/**
 * The DJL (PyTorch engine) backend. {@link io.nvc.djl.DjlBackend} is public only so that
 * {@link java.util.ServiceLoader} can instantiate it; the package is not exported.
 */
@NullMarked
package io.nvc.djl;

import org.jspecify.annotations.NullMarked;
