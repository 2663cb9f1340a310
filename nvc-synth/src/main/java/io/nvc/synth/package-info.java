/**
 * Synthetic nailfold capillaroscopy images with exact ground truth: {@link io.nvc.synth.NailfoldRenderer}
 * renders one image, {@link io.nvc.synth.SyntheticDatasets} writes COCO datasets and whole examinations.
 * Rendering is deterministic: the same seed and options give the same pixels on any machine.
 */
@org.jspecify.annotations.NullMarked
package io.nvc.synth;
