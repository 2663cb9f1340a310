/**
 * The service provider interface for inference backends.
 *
 * <p>A backend runs tensors and nothing else: it opens a session for a model file and runs named
 * float tensors through it. Every semantic step (preprocessing, decoding, NMS, measurements, sizes)
 * lives in the API module, so every backend gives the same answers. Backends are found with
 * {@link java.util.ServiceLoader} (module {@code provides} or {@code META-INF/services}).
 */
@NullMarked
package io.nvc.spi;

import org.jspecify.annotations.NullMarked;
