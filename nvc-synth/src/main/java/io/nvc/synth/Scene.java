package io.nvc.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.jspecify.annotations.Nullable;

/** Everything drawn in one image, planned from the seed before any pixel is touched. Not thread-safe. */
final class Scene {
  int width;
  int height;
  double umPerPx;
  Profile profile = Profile.NORMAL;
  double rowAngleDeg;
  double densityPerMm;
  boolean clean;
  int jpegQuality;
  /** Capillary axis direction (distal), image coordinates. */
  double ux;
  double uy;
  /** Apex line: s = apexOffset + bow * t^2 in the frame centred on the image centre. */
  double apexOffset;
  double bow;

  final List<Vessel> vessels = new ArrayList<>();
  final List<Haemorrhage> haemorrhages = new ArrayList<>();
  final List<Blob> glare = new ArrayList<>();
  final List<Blob> dust = new ArrayList<>();
  final List<Blob> bubbles = new ArrayList<>();

  // Appearance.
  final double[] skin = new double[3];
  final double[] cuticle = new double[3];
  final double[] nail = new double[3];
  double rampCentrePx;
  double rampWidthPx;
  double nailOffsetPx;
  double nailRampPx;
  double illumAmp;
  double illumCellPx;
  double vignette;
  double rednessAmp;
  double rednessCellPx;
  double texMedAmp;
  double texMedCellPx;
  double texFineAmp;
  double texFineCellPx;
  double absorbRed;
  double absorbBlue;
  double blurPx;
  double blur2Px;
  double deepBlurPx;
  double defocusCellPx;
  double noiseLuma;
  double noiseChroma;
  long appearanceSeed;

  /** A haemorrhage: its blobs and whether it is confluent. */
  record Haemorrhage(List<Blob> blobs, boolean confluent) {
    double[] bounds() {
      double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
          Double.NEGATIVE_INFINITY};
      for (Blob blob : blobs) {
        b[0] = Math.min(b[0], blob.x() - blob.radius());
        b[1] = Math.min(b[1], blob.y() - blob.radius());
        b[2] = Math.max(b[2], blob.x() + blob.radius());
        b[3] = Math.max(b[3], blob.y() + blob.radius());
      }
      return b;
    }
  }

  /** Signed distance (px) from the apex line along the axis; positive on the cuticle side. */
  double relativeDepth(double px, double py) {
    double dx = px - width / 2.0;
    double dy = py - height / 2.0;
    double s = dx * ux + dy * uy;
    double t = -dx * uy + dy * ux;
    return s - (apexOffset + bow * t * t);
  }

  /** The lattice of the spatially varying defocus (see {@link #defocusMix}). */
  Planes.Lattice defocusLattice() {
    return new Planes.Lattice(appearanceSeed ^ 0x32, defocusCellPx, width + 2 * Compositor.GRID,
        height + 2 * Compositor.GRID);
  }

  /** At image point (px, py): the share, 0 to 1, of the wider blur ({@link #blur2Px}) in the distal row. */
  static double defocusMix(Planes.Lattice defocus, double px, double py) {
    return Math.max(0, Math.min(1, 0.5 + 0.9 * defocus.at(px, py)));
  }

  /**
   * The loop's peak darkening of the green channel as drawn, a fraction of the tissue's brightness: its
   * core absorbance times what the blur of its row ({@link #throughBlur}) leaves of the thickest part of
   * the loop, the cylinder's chord profile of radius max(apical, venous) / 2. Rows behind are not drawn in
   * clean renders: 0 there.
   */
  double loopContrast(Vessel v, Planes.Lattice defocus) {
    if (clean && v.row > 0) {
      return 0;
    }
    double radius = Math.max(v.apicalUm, v.venousUm) / (2 * umPerPx);
    return v.contrast * throughBlur(v, defocus, s -> chordPeak(radius, s));
  }

  /**
   * The meander amplitude of the loop's limbs as drawn, pixels: a Gaussian blur of sigma s scales a sine
   * of wavelength L by exp(-2 pi^2 s^2 / L^2), and the blur is its row's ({@link #throughBlur}).
   */
  double visibleMeanderPx(Vessel v, Planes.Lattice defocus) {
    double k = 2 * StrictMath.PI * StrictMath.PI / (v.meanderWavelengthPx * v.meanderWavelengthPx);
    return v.meanderPx * throughBlur(v, defocus, s -> StrictMath.exp(-k * s * s));
  }

  /**
   * The shape an annotator sees: a loop drawn tortuous whose meanders, as drawn ({@link #visibleMeanderPx}),
   * swing its limbs by less than their own radius (less than their width peak to peak) looks like a plain
   * hairpin and is labelled normal. Mostly loops behind the distal row, whose stronger defocus flattens
   * the meanders.
   */
  MorphologyClass labelledMorphology(Vessel v, Planes.Lattice defocus) {
    double limbRadiusPx = (v.arterialUm + v.venousUm) / (4 * umPerPx);
    if (v.morphology == MorphologyClass.TORTUOUS && visibleMeanderPx(v, defocus) < limbRadiusPx) {
      return MorphologyClass.NORMAL;
    }
    return v.morphology;
  }

  /**
   * What the defocus of the loop's row makes of a quantity, given as {@code response} to a Gaussian blur
   * of sigma s (pixels; response(0) is the unblurred value): rows behind are blurred by their sigma and
   * their half-resolution painting, the distal row by its two blurs mixed as at its apex, clean renders
   * not at all.
   */
  private double throughBlur(Vessel v, Planes.Lattice defocus, DoubleUnaryOperator response) {
    if (clean) {
      return response.applyAsDouble(0);
    }
    if (v.row > 0) {
      return response.applyAsDouble(Math.sqrt(deepBlurPx * deepBlurPx + 1));
    }
    double mix = defocusMix(defocus, v.apexX, v.apexY);
    return (1 - mix) * response.applyAsDouble(blurPx) + mix * response.applyAsDouble(blur2Px);
  }

  /** Centre of sqrt(1 - x^2/r^2) (0 outside |x| < r) convolved with a Gaussian of sigma s: 1 when s is 0. */
  static double chordPeak(double r, double s) {
    if (s <= 0) {
      return 1;
    }
    double half = Math.min(r, 6 * s);
    int n = 200;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = ((i + 0.5) / n * 2 - 1) * half;
      sum += Math.sqrt(1 - x * x / (r * r)) * Math.exp(-0.5 * (x / s) * (x / s));
    }
    return sum * (2 * half / n) / (s * Math.sqrt(2 * Math.PI));
  }

  boolean inside(double px, double py) {
    return px >= 0 && py >= 0 && px < width && py < height;
  }

  ImageGroundTruth truth() {
    List<CapillaryTruth> caps = new ArrayList<>();
    Planes.Lattice defocus = defocusLattice();
    for (Vessel v : vessels) {
      if (!inside(v.apexX, v.apexY)) {
        continue;
      }
      BoundingBox box = clip(v.bounds());
      if (box == null) {
        continue;
      }
      List<Keypoint> kps = new ArrayList<>(6);
      for (int i = 0; i < 6; i++) {
        double x = v.keypoints[2 * i];
        double y = v.keypoints[2 * i + 1];
        if (inside(x, y)) {
          kps.add(new Keypoint(x, y, v.row == 0 ? 2 : 1));
        } else {
          kps.add(new Keypoint(0, 0, 0));
        }
      }
      caps.add(new CapillaryTruth(box, labelledMorphology(v, defocus), v.size, v.row == 0, kps, v.apicalUm,
          v.arterialUm, v.venousUm, Math.round(loopContrast(v, defocus) * 1e4) / 1e4));
    }
    List<HaemorrhageTruth> haems = new ArrayList<>();
    for (Haemorrhage h : haemorrhages) {
      double[] b = h.bounds();
      if (!inside((b[0] + b[2]) / 2, (b[1] + b[3]) / 2)) {
        continue;
      }
      BoundingBox box = clip(b);
      if (box != null) {
        haems.add(new HaemorrhageTruth(box, h.confluent()));
      }
    }
    return new ImageGroundTruth(width, height, umPerPx, densityPerMm, profile, rowAngleDeg, jpegQuality, caps, haems);
  }

  private @Nullable BoundingBox clip(double[] b) {
    double x0 = Math.max(0, b[0]);
    double y0 = Math.max(0, b[1]);
    double x1 = Math.min(width, b[2]);
    double y1 = Math.min(height, b[3]);
    if (x1 <= x0 || y1 <= y0) {
      return null;
    }
    double fx0 = Math.floor(x0 * 1000.0) / 1000.0;
    double fy0 = Math.floor(y0 * 1000.0) / 1000.0;
    double fx1 = Math.ceil(x1 * 1000.0) / 1000.0;
    double fy1 = Math.ceil(y1 * 1000.0) / 1000.0;
    return new BoundingBox(fx0, fy0, round3(fx1 - fx0), round3(fy1 - fy0));
  }

  static double round3(double v) {
    return Math.round(v * 1000.0) / 1000.0;
  }
}
