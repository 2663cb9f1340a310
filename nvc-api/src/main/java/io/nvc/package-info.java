/**
 * The public API of the NVC SDK: {@link io.nvc.NailfoldAnalyzer} and the value records it returns.
 *
 * <p>Pixel coordinates are continuous: pixel {@code (i, j)} covers {@code [i, i+1) x [j, j+1)} of the
 * original image, so its centre is {@code (i + 0.5, j + 0.5)}. Lengths in pixels stay in pixels;
 * only a {@link io.nvc.Calibration} converts them to micrometres.
 */
@NullMarked
package io.nvc;

import org.jspecify.annotations.NullMarked;
