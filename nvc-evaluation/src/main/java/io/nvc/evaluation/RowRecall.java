package io.nvc.evaluation;

/**
 * Capillary recall split by row, for ground truth that says which capillaries belong to the distal
 * row (the row clinicians count and grade) and which to the fainter rows behind it, as synthetic
 * datasets from {@code nvc synth} do. Ground truth without the field counts in neither. Immutable
 * and thread-safe.
 *
 * @param distalFound distal-row capillaries matched by a detection
 * @param distalTruth distal-row capillaries in the ground truth
 * @param behindFound capillaries of the rows behind matched by a detection
 * @param behindTruth capillaries of the rows behind in the ground truth
 */
public record RowRecall(int distalFound, int distalTruth, int behindFound, int behindTruth) {

  /** Validates the counts: not negative, no more found than there are. */
  public RowRecall {
    if (distalFound < 0 || behindFound < 0 || distalFound > distalTruth
        || behindFound > behindTruth) {
      throw new IllegalArgumentException("expected 0 <= found <= truth per row, found distal "
          + distalFound + "/" + distalTruth + ", behind " + behindFound + "/" + behindTruth);
    }
  }

  /** Returns the recall of the distal row; NaN when it has no ground truth. */
  public double distalRecall() {
    return distalTruth == 0 ? Double.NaN : (double) distalFound / distalTruth;
  }

  /** Returns the recall of the rows behind; NaN when they have no ground truth. */
  public double behindRecall() {
    return behindTruth == 0 ? Double.NaN : (double) behindFound / behindTruth;
  }
}
