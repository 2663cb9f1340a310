package io.nvc.synth;

/**
 * A compact round deposit: with q = 1 - (d/radius)^2 inside {@code radius} (zero outside) its value is
 * {@code amplitude * f(q)}, where {@code shape} 0 gives sqrt(q) (flat top), 1 gives q and 2 gives q^2
 * (peaked), values in between blending linearly. Immutable and thread-safe.
 */
record Blob(double x, double y, double radius, double amplitude, double shape) {
}
