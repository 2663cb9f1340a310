package io.nvc.synth;

import java.util.ArrayList;
import java.util.List;

/** One planned capillary: its tubes, its appearance and its ground truth. Not thread-safe. */
final class Vessel {
  final List<Tube> tubes = new ArrayList<>();
  /** Peak absorbance (green channel) of the vessel's core before blur. */
  double contrast;
  /** 0 for the distal row, 1.. for rows behind it. */
  int row;
  MorphologyClass morphology = MorphologyClass.NORMAL;
  SizeClass size = SizeClass.NORMAL;
  double apicalUm;
  double arterialUm;
  double venousUm;
  /** Meander amplitude and wavelength of the limbs (tortuous loops; amplitude 0 otherwise), pixels. */
  double meanderPx;
  double meanderWavelengthPx = 1;
  /** Keypoints x0, y0, ..., x5, y5 in continuous pixel coordinates. */
  final double[] keypoints = new double[12];
  /** Topmost (most distal) point of the centreline. */
  double apexX;
  double apexY;

  /** Minimum weight of a tube vertex that counts as drawn for the box. */
  static final double BOX_WEIGHT = 0.2;

  /** Returns minX, minY, maxX, maxY of the visible vessel, unclipped. */
  double[] bounds() {
    double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
        Double.NEGATIVE_INFINITY};
    for (Tube t : tubes) {
      t.extend(b, BOX_WEIGHT);
    }
    return b;
  }
}
