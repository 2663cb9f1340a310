/**
 * Implementation of the analysis cascade: image access, model manifests and bundles, tensor packing,
 * decoders, non-maximum suppression and the distal-row algorithm. Not exported; not an API.
 */
@NullMarked
package io.nvc.internal;

import org.jspecify.annotations.NullMarked;
