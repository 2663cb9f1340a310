package io.nvc.evaluation;

/**
 * The true and the predicted size class of one matched capillary. Immutable and thread-safe.
 *
 * @param truth the annotated size class
 * @param predicted the size class the cascade decided
 */
public record SizePair(SizeClass truth, SizeClass predicted) {}
