package io.nvc.internal;

import io.nvc.Box;
import org.jspecify.annotations.Nullable;

/**
 * One decoded detector output in image coordinates.
 *
 * @param box the box in image pixels
 * @param classIndex index into the detector manifest's classes
 * @param score confidence in {@code [0, 1]}
 * @param atTileEdge whether the box touches an edge of its tile that lies inside the image (the object
 *     may be cut off there and seen whole by the neighbouring tile)
 * @param classScores probability of each of the manifest's classes, or null when the detector gives
 *     none (never modified)
 */
public record Detection(
    Box box, int classIndex, float score, boolean atTileEdge, float @Nullable [] classScores) {}
