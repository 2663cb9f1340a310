/**
 * Deterministic renderer of synthetic nailfold videocapillaroscopy images with exact ground truth.
 * Exports only {@code io.nvc.synth}.
 */
module io.nvc.synth {
  requires com.fasterxml.jackson.databind;
  requires transitive java.desktop;
  requires static org.jspecify;

  exports io.nvc.synth;
}
