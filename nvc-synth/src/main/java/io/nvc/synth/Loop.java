package io.nvc.synth;

/**
 * A hairpin loop in its own frame: lateral coordinate a (positive to the right with the apex up) and
 * depth b (positive proximally, 0 at the centre of the apical arc, whose top is at b = -half). Limbs
 * run from b = 0 to b = length. Lengths in pixels. Mutable while planned. Not thread-safe.
 */
final class Loop {
  /** Half the distance between the limb centrelines at b = 0. */
  double half;
  double rLeft;
  double rRight;
  double rApex;
  double length;
  /** Relative widening of the loop towards its base (negative: the limbs converge). */
  double spread;
  /** Lateral bend of the whole loop at its base, pixels. */
  double bend;
  /** Meander amplitude (tortuous loops), pixels. */
  double amp;
  double lambda = 1;
  double phaseLeft;
  double phaseRight;
  /** Weight of a second, shorter meander wave that makes tortuous limbs irregular. */
  double harmonic;
  /** Depth where crossing limbs start to swap sides, or negative for no crossing. */
  double crossAt = -1;
  double crossLen = 1;
  /**
   * Proximal share of each limb over which the vessel fades out; the fade starts no higher than one vessel
   * radius below the limb keypoints (unless that lies below three quarters of the length), so that the
   * limbs keep their strength where they are measured.
   */
  double fade;
  /**
   * Darkening of the apex (at least 1): blood there runs partly along the line of sight, so real apices
   * look darker than the limbs. Tapers off over the first quarter of the limbs.
   */
  double apexBoost = 1;
  /** Centre of the apical arc and the axis (distal) direction, image coordinates. */
  double baseX;
  double baseY;
  double ax;
  double ay;

  double limbX(int side, double b) {
    double x = side * half * (1 + spread * b / length);
    if (crossAt > 0) {
      double from = Math.max(crossAt, neck());
      double s = smoothstep(from, from + crossLen, b);
      x *= 1 - 2 * s;
    }
    x += bend * (b / length) * (b / length);
    if (amp > 0) {
      double start = neck();
      double ramp = smoothstep(start, start + 0.15 * length, b);
      double phase = 2 * StrictMath.PI * b / lambda + (side < 0 ? phaseLeft : phaseRight);
      x += amp * ramp * (StrictMath.sin(phase) + harmonic * StrictMath.sin(2.7 * phase + 1.3)) / (1 + harmonic);
    }
    return x;
  }

  double worldX(double a, double b) {
    return baseX - a * ay - b * ax;
  }

  double worldY(double a, double b) {
    return baseY + a * ax - b * ay;
  }

  private double weight(double b) {
    double boost = 1 + (apexBoost - 1) * Math.max(0, 1 - b / (0.25 * length));
    double start = Math.max((1 - fade) * length, Math.min(limbDepth() + maxRadius(), 0.75 * length));
    if (fade <= 0 || b <= start) {
      return boost;
    }
    return boost * Math.max(0, (length - b) / (length - start));
  }

  void build(Tube t) {
    // Long segments are cheap to paint (cost per unit length falls as the step nears the calibre);
    // meanders and the arc need short ones to stay within 0.1 px of the true curve.
    double step = Math.max(0.75, Math.min(12.0, 0.7 * Math.min(rLeft, rRight)));
    if (amp > 0) {
      step = Math.min(step, lambda / 30);
    }
    int nb = Math.max(2, (int) StrictMath.ceil(length / step));
    for (int i = nb; i >= 0; i--) {
      double b = length * i / nb;
      t.add(worldX(limbX(-1, b), b), worldY(limbX(-1, b), b), rLeft, weight(b));
    }
    double arcStep = Math.min(step, Math.sqrt(0.8 * half));
    int na = Math.max(8, 2 * (int) StrictMath.ceil(StrictMath.PI * half / arcStep / 2));
    for (int k = 1; k < na; k++) {
      double theta = StrictMath.PI - StrictMath.PI * k / na;
      double a = half * StrictMath.cos(theta);
      double b = -half * StrictMath.sin(theta);
      double r;
      if (2 * k <= na) {
        r = rLeft + (rApex - rLeft) * (2.0 * k / na);
      } else {
        r = rApex + (rRight - rApex) * (2.0 * k / na - 1);
      }
      if (2 * k == na) {
        a = 0;
        b = -half;
        r = rApex;
      }
      t.add(worldX(a, b), worldY(a, b), r, apexBoost);
    }
    for (int i = 0; i <= nb; i++) {
      double b = length * i / nb;
      t.add(worldX(limbX(1, b), b), worldY(limbX(1, b), b), rRight, weight(b));
    }
  }

  private double maxRadius() {
    return Math.max(rApex, Math.max(rLeft, rRight));
  }

  /** Shallowest depth where the limbs are measured: below the reach of the apical arc's tube. */
  private double firstLimbDepth() {
    return Math.max(0.12 * length, maxRadius() + 3);
  }

  /** Depth below which meanders and crossings may start: the limbs stay straight around their keypoints. */
  double neck() {
    return firstLimbDepth() + 2 * maxRadius();
  }

  /**
   * Writes the six keypoints (x, y pairs) into {@code out}. Both limb pairs lie at one depth set by a
   * fixed rule a keypoint model can learn: a quarter of the loop length plus one vessel radius below the
   * centre of the apical arc, where the apex's darkening has faded and the limbs are straight and apart
   * (crossings start below 55 %); tortuous loops, whose meanders may start higher, are measured at the
   * straight neck just below the arc ({@link #firstLimbDepth()}).
   */
  void keypoints(double[] out) {
    put(out, 0, 0, -half - rApex);
    put(out, 1, 0, -half + rApex);
    double depth = limbDepth();
    limbPair(out, -1, depth, rLeft, 2);
    limbPair(out, 1, depth, rRight, 4);
  }

  /** Depth of the limb keypoints, see {@link #keypoints(double[])}. */
  private double limbDepth() {
    return amp > 0 ? firstLimbDepth() : Math.max(firstLimbDepth(), 0.25 * length + maxRadius());
  }

  private void limbPair(double[] out, int side, double b, double r, int first) {
    double h = Math.max(0.25, length * 1e-3);
    double slope = (limbX(side, b + h) - limbX(side, b - h)) / (2 * h);
    double norm = StrictMath.hypot(1, slope);
    double na = 1 / norm;
    double nbb = -slope / norm;
    double ca = limbX(side, b);
    // Left to right in the capillary's frame: first the point towards -a.
    put(out, first, ca - r * na, b - r * nbb);
    put(out, first + 1, ca + r * na, b + r * nbb);
  }

  private void put(double[] out, int index, double a, double b) {
    out[2 * index] = worldX(a, b);
    out[2 * index + 1] = worldY(a, b);
  }

  static double smoothstep(double e0, double e1, double x) {
    double t = Math.max(0, Math.min(1, (x - e0) / (e1 - e0)));
    return t * t * (3 - 2 * t);
  }
}
