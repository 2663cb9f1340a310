package io.nvc.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Draws a {@link Scene} from a seed: calibration, orientation, palette, capillaries, haemorrhages and
 * artefacts. Independent random streams keep geometry the same whatever the appearance options.
 * Stateless and thread-safe.
 */
final class ScenePlanner {
  private static final Profile[] DRAWN = {
      Profile.NORMAL, Profile.SCLERODERMA_EARLY, Profile.SCLERODERMA_ACTIVE, Profile.SCLERODERMA_LATE};

  /** Skin, cuticle and nail-plate RGB of four device looks (real-image-stats.md, section 1). */
  private static final double[][][] LOOKS = {
      {{163, 145, 144}, {156, 172, 159}, {163, 195, 192}},
      {{120, 98, 108}, {129, 143, 139}, {116, 128, 141}},
      {{120, 97, 94}, {135, 141, 125}, {135, 149, 149}},
      {{120, 94, 78}, {129, 119, 91}, {131, 127, 101}},
  };

  private ScenePlanner() {
  }

  static Scene plan(long seed, SynthOptions options) {
    Scene sc = new Scene();
    sc.width = options.width();
    sc.height = options.height();
    sc.clean = options.clean();
    Rng top = Rng.stream(seed, 1);
    sc.umPerPx = top.uniform(options.minUmPerPx(), options.maxUmPerPx());
    Profile profile = options.profile() == Profile.MIXED ? DRAWN[top.nextInt(DRAWN.length)] : options.profile();
    sc.profile = profile;
    // Capillary direction: often near apices-up, often diagonal (the real samples point at 126-157 deg),
    // occasionally any direction at all (a rotated camera).
    double pick = top.nextDouble();
    double phi = pick < 0.35 ? top.gaussian(90, 8, 2.5) : pick < 0.9 ? top.uniform(0, 180) : top.uniform(180, 360);
    sc.rowAngleDeg = Scene.round3(phi);
    double rad = sc.rowAngleDeg * (StrictMath.PI / 180.0);
    sc.ux = StrictMath.cos(rad);
    sc.uy = -StrictMath.sin(rad);
    double upp = sc.umPerPx;
    double spanPx = 2000.0 / upp;
    sc.bow = 4.0 * (top.uniform(0, 180) / upp) / (spanPx * spanPx);
    double cuticleShare = top.uniform(0.15, 0.45);
    double[] depths = gridDepths(sc, false);
    Arrays.sort(depths);
    sc.apexOffset = depths[(int) ((1.0 - cuticleShare) * (depths.length - 1))];

    double contrastGain = appearance(sc, Rng.stream(seed, 2), options);
    ProfileParams pp = ProfileParams.of(profile);
    List<Vessel> distal = distalRow(sc, pp, Rng.stream(seed, 3), contrastGain);
    deeperRows(sc, profile, Rng.stream(seed, 4), contrastGain);
    haemorrhages(sc, pp, distal, Rng.stream(seed, 5));
    artefacts(sc, Rng.stream(seed, 6));
    return sc;
  }

  /** Values of s - bow*t^2 (or the relative depth) on a 33x33 grid over the image. */
  private static double[] gridDepths(Scene sc, boolean relative) {
    double[] out = new double[33 * 33];
    int k = 0;
    for (int j = 0; j < 33; j++) {
      for (int i = 0; i < 33; i++) {
        double px = sc.width * i / 32.0;
        double py = sc.height * j / 32.0;
        out[k++] = sc.relativeDepth(px, py) + (relative ? 0 : sc.apexOffset);
      }
    }
    return out;
  }

  private static double appearance(Scene sc, Rng rng, SynthOptions options) {
    double upp = sc.umPerPx;
    int a = rng.nextInt(LOOKS.length);
    int b = rng.nextInt(LOOKS.length);
    double mix = rng.uniform(0, 0.35);
    double gain = rng.uniform(0.9, 1.12);
    for (int c = 0; c < 3; c++) {
      double cast = gain * rng.uniform(0.96, 1.04);
      // Skin is measured with the haze of deeper capillaries in it; those are drawn, so lift it a little.
      sc.skin[c] = lerp(LOOKS[a][0][c], LOOKS[b][0][c], mix) * cast * 1.04;
      sc.cuticle[c] = lerp(LOOKS[a][1][c], LOOKS[b][1][c], mix) * cast;
      sc.nail[c] = lerp(LOOKS[a][2][c], LOOKS[b][2][c], mix) * cast;
    }
    sc.rampCentrePx = rng.uniform(-60, 120) / upp;
    sc.rampWidthPx = rng.uniform(350, 800) / upp;
    sc.nailOffsetPx = rng.uniform(350, 900) / upp;
    sc.nailRampPx = rng.uniform(150, 400) / upp;
    sc.illumAmp = rng.uniform(0.03, 0.08);
    sc.illumCellPx = Math.max(sc.width, sc.height) * rng.uniform(0.3, 0.6);
    sc.vignette = rng.uniform(0.03, 0.15);
    sc.texMedAmp = rng.uniform(0.01, 0.03);
    sc.texMedCellPx = Math.max(3, rng.uniform(40, 120) / upp);
    sc.texFineAmp = rng.uniform(0.003, 0.009);
    sc.texFineCellPx = Math.max(2, rng.uniform(6, 14) / upp);
    double contrastGain = rng.uniform(0.1, 0.24);
    sc.absorbRed = rng.uniform(0.3, 0.55);
    sc.absorbBlue = rng.uniform(0.75, 1.0);
    // Defocus: sigma 2.5-4 px at 2.6 um/px (real-image-stats.md, section 3). Higher magnification comes
    // with a higher numerical aperture, so the blur in pixels shrinks about as sqrt(um/px) towards 200x;
    // panoramic views (about 50x) keep their few-pixel vessels visible, so it shrinks there too.
    double scale = upp <= 2.6 ? Math.sqrt(upp / 2.6) : 2.6 / upp;
    sc.blurPx = rng.uniform(2.5, 4.0) * scale;
    sc.blur2Px = sc.blurPx * rng.uniform(1.15, 1.8);
    sc.deepBlurPx = sc.blurPx * rng.uniform(1.2, 1.9);
    sc.defocusCellPx = Math.max(sc.width, sc.height) * rng.uniform(0.4, 0.8);
    sc.noiseLuma = rng.uniform(0.6, 1.6);
    sc.noiseChroma = rng.chance(0.3) ? rng.uniform(0.6, 1.5) : 0.0;
    boolean compressed = rng.chance(0.7);
    int quality = rng.between(options.minJpegQuality(), options.maxJpegQuality());
    if (options.format() == ImageFormat.JPG) {
      sc.jpegQuality = quality;
    } else {
      sc.jpegQuality = !options.clean() && compressed ? quality : 0;
    }
    sc.rednessAmp = rng.uniform(0.02, 0.07);
    sc.rednessCellPx = Math.max(sc.width, sc.height) * rng.uniform(0.15, 0.35);
    sc.appearanceSeed = rng.nextLong();
    return contrastGain;
  }

  // ---------------------------------------------------------------- rows

  private static List<Vessel> distalRow(Scene sc, ProfileParams pp, Rng rng, double contrastGain) {
    double upp = sc.umPerPx;
    double[] tr = tRange(sc);
    double margin = 200 / upp;
    // Avascular gaps are on average 3 times wider; shrink the others so the mean density stays as drawn.
    double meanGap = 1000.0 / rng.uniform(pp.minDensity(), pp.maxDensity()) / upp / (1 + 2 * pp.avascular());
    List<Vessel> row = new ArrayList<>();
    double t = tr[0] - margin + rng.uniform(0, 1) * meanGap;
    double prevT = Double.NaN;
    double prevHalf = 0;
    while (t < tr[1] + margin) {
      Spec spec = distalSpec(pp, rng, upp);
      if (!Double.isNaN(prevT)) {
        t = Math.max(t, prevT + prevHalf + spec.halfWidthPx + 8 / upp);
      }
      double stagger = rng.gaussian(0, pp.staggerUm() / upp, 2.5);
      double jitter = rng.gaussian(0, pp.angleSdDeg(), 2.5);
      Vessel v = place(sc, spec, t, stagger, jitter, rng);
      v.row = 0;
      v.contrast = contrastGain * rng.uniform(0.75, 1.25) * calibreDarkness(spec);
      row.add(v);
      sc.vessels.add(v);
      prevT = t;
      prevHalf = spec.halfWidthPx;
      double gap = meanGap * Math.max(0.35, Math.min(3.0, 1.0 + pp.spacingCv() * rng.gaussian()));
      if (rng.chance(pp.avascular())) {
        gap *= rng.uniform(2, 4);
      }
      t += gap;
    }
    // Density: distal apices in the image per mm of apex line inside the image.
    int n = 0;
    for (Vessel v : row) {
      if (sc.inside(v.apexX, v.apexY)) {
        n++;
      }
    }
    double lengthPx = 0;
    double cx = sc.width / 2.0;
    double cy = sc.height / 2.0;
    double rx = -sc.uy;
    double ry = sc.ux;
    for (double tt = tr[0]; tt < tr[1]; tt += 1.0) {
      double s0 = sc.apexOffset + sc.bow * tt * tt;
      double s1 = sc.apexOffset + sc.bow * (tt + 1) * (tt + 1);
      double x0 = cx + tt * rx + s0 * sc.ux;
      double y0 = cy + tt * ry + s0 * sc.uy;
      double x1 = cx + (tt + 1) * rx + s1 * sc.ux;
      double y1 = cy + (tt + 1) * ry + s1 * sc.uy;
      if (sc.inside((x0 + x1) / 2, (y0 + y1) / 2)) {
        lengthPx += StrictMath.hypot(x1 - x0, y1 - y0);
      }
    }
    double lengthMm = lengthPx * upp / 1000.0;
    sc.densityPerMm = lengthMm > 0.05 ? Scene.round3(n / lengthMm) : 0.0;
    return row;
  }

  private static void deeperRows(Scene sc, Profile profile, Rng rng, double contrastGain) {
    double upp = sc.umPerPx;
    double[] depths = gridDepths(sc, true);
    double mostProximal = Double.POSITIVE_INFINITY;
    for (double d : depths) {
      mostProximal = Math.min(mostProximal, d);
    }
    double[] tr = tRange(sc);
    double margin = 200 / upp;
    double offset = rng.uniform(280, 450) / upp;
    double factor = rng.uniform(0.5, 0.95);
    for (int k = 1; k <= 15 && -offset > mostProximal - 50 / upp; k++) {
      double density = rng.uniform(6, 9) * (profile == Profile.SCLERODERMA_LATE ? 0.55 : 1.0);
      double meanGap = 1000.0 / density / upp;
      double t = tr[0] - margin + rng.uniform(0, 1) * meanGap;
      while (t < tr[1] + margin) {
        Spec spec = deepSpec(rng, upp);
        double stagger = -offset + rng.gaussian(0, 70 / upp, 2.5);
        Vessel v = place(sc, spec, t, stagger, rng.gaussian(0, 8, 2.5), rng);
        v.row = k;
        v.contrast = contrastGain * factor * rng.uniform(0.7, 1.3);
        double[] b = v.bounds();
        if (b[2] > -20 && b[3] > -20 && b[0] < sc.width + 20 && b[1] < sc.height + 20) {
          sc.vessels.add(v);
        }
        t += meanGap * Math.max(0.4, 1.0 + 0.3 * rng.gaussian());
      }
      offset += rng.uniform(120, 260) / upp;
      factor *= rng.uniform(0.8, 0.97);
    }
  }

  private static double[] tRange(Scene sc) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int[] c : new int[][] {{0, 0}, {sc.width, 0}, {0, sc.height}, {sc.width, sc.height}}) {
      double dx = c[0] - sc.width / 2.0;
      double dy = c[1] - sc.height / 2.0;
      double t = -dx * sc.uy + dy * sc.ux;
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    return new double[] {min, max};
  }

  private static double calibreDarkness(Spec spec) {
    return StrictMath.pow((spec.arterialUm + spec.venousUm) / 2 / 12.0, 0.3);
  }

  // ---------------------------------------------------------------- capillary shapes

  /** Shape and calibres of one capillary before it is placed. */
  private static final class Spec {
    MorphologyClass morphology = MorphologyClass.NORMAL;
    double apicalUm;
    double arterialUm;
    double venousUm;
    boolean arterialLeft;
    Loop loop = new Loop();
    boolean ramified;
    boolean bushy;
    double halfWidthPx;
  }

  private static Spec distalSpec(ProfileParams pp, Rng rng, double upp) {
    Spec s = new Spec();
    SizeClass size;
    if (rng.chance(pp.giant())) {
      size = SizeClass.GIANT;
    } else {
      size = rng.chance(pp.enlarged()) ? SizeClass.ENLARGED : SizeClass.NORMAL;
    }
    double shape = rng.nextDouble();
    boolean tortuous = false;
    boolean crossing = false;
    if (size == SizeClass.GIANT) {
      s.morphology = MorphologyClass.GIANT;
      tortuous = rng.chance(0.3);
    } else if (shape < pp.ramified()) {
      s.morphology = MorphologyClass.RAMIFIED;
      s.ramified = true;
      s.bushy = rng.chance(0.4);
    } else if (shape < pp.ramified() + pp.tortuous()) {
      s.morphology = MorphologyClass.TORTUOUS;
      tortuous = true;
    } else {
      crossing = rng.chance(pp.crossing());
    }
    calibres(s, size, rng);
    double gapUm = switch (size) {
      case NORMAL -> rng.uniform(4, 14);
      case ENLARGED -> rng.uniform(4, 20);
      case GIANT -> rng.uniform(8, 40);
    };
    double lengthUm = switch (size) {
      case NORMAL -> rng.uniform(200, 450);
      case ENLARGED -> rng.uniform(180, 400);
      case GIANT -> rng.uniform(140, 320);
    };
    shapeLoop(s, gapUm, lengthUm, rng, upp);
    Loop l = s.loop;
    if (tortuous) {
      double d = 2 * l.half;
      l.amp = (size == SizeClass.GIANT ? rng.uniform(0.1, 0.3) : rng.uniform(0.25, 0.7)) * d;
      l.lambda = rng.uniform(0.3, 0.6) * l.length;
      l.phaseLeft = rng.uniform(0, 2 * StrictMath.PI);
      l.phaseRight = l.phaseLeft + rng.uniform(-1.2, 1.2);
      l.harmonic = rng.uniform(0.1, 0.35);
    }
    if (crossing) {
      l.crossAt = rng.uniform(0.55, 0.75) * l.length;
      l.crossLen = rng.uniform(0.1, 0.2) * l.length;
    }
    s.halfWidthPx = l.half + Math.max(l.rLeft, l.rRight) + l.amp + Math.abs(l.bend) + (s.ramified ? 0.25 * l.length : 0);
    return s;
  }

  private static Spec deepSpec(Rng rng, double upp) {
    Spec s = new Spec();
    calibres(s, SizeClass.NORMAL, rng);
    shapeLoop(s, rng.uniform(4, 14), rng.uniform(70, 220), rng, upp);
    s.loop.apexBoost = rng.uniform(1.4, 2.2);
    if (rng.chance(0.25)) {
      s.morphology = MorphologyClass.TORTUOUS;
      Loop l = s.loop;
      l.amp = rng.uniform(0.25, 0.7) * 2 * l.half;
      l.lambda = rng.uniform(0.3, 0.6) * l.length;
      l.phaseLeft = rng.uniform(0, 2 * StrictMath.PI);
      l.phaseRight = l.phaseLeft + rng.uniform(-1.2, 1.2);
      l.harmonic = rng.uniform(0.1, 0.35);
    }
    return s;
  }

  private static void calibres(Spec s, SizeClass size, Rng rng) {
    double art;
    double ven;
    double apical;
    switch (size) {
      case NORMAL -> {
        art = rng.uniform(7.5, 13.5);
        ven = Math.min(19.5, art + rng.uniform(1, 5.5));
        apical = Math.max(8, Math.min(19.5, rng.uniform(art, ven + 3)));
      }
      case ENLARGED -> {
        apical = rng.uniform(20, 45);
        art = apical * rng.uniform(0.55, 0.85);
        ven = Math.min(49, apical * rng.uniform(0.75, 1.1));
      }
      default -> {
        apical = rng.uniform(50, 95);
        art = apical * rng.uniform(0.6, 0.85);
        ven = apical * rng.uniform(0.8, 1.05);
      }
    }
    if (art > ven) {
      double x = art;
      art = ven;
      ven = x;
    }
    s.apicalUm = Scene.round3(apical);
    s.arterialUm = Scene.round3(art);
    s.venousUm = Scene.round3(ven);
    s.arterialLeft = rng.chance(0.5);
  }

  private static void shapeLoop(Spec s, double gapUm, double lengthUm, Rng rng, double upp) {
    Loop l = s.loop;
    double minGap = 4.0;
    double gap = Math.max(gapUm, s.apicalUm - (s.arterialUm + s.venousUm) / 2 + minGap);
    double centreDistUm = (s.arterialUm + s.venousUm) / 2 + gap;
    l.half = centreDistUm / 2 / upp;
    l.rLeft = (s.arterialLeft ? s.arterialUm : s.venousUm) / 2 / upp;
    l.rRight = (s.arterialLeft ? s.venousUm : s.arterialUm) / 2 / upp;
    l.rApex = s.apicalUm / 2 / upp;
    l.length = lengthUm / upp;
    l.spread = rng.uniform(-0.15, 0.35);
    l.bend = rng.uniform(-0.6, 0.6) * l.half;
    // Real limbs fade over most of their length, not only near the base (docs/synthetic.md, Geometry).
    l.fade = rng.uniform(0.5, 0.85);
    l.apexBoost = rng.uniform(1.2, 1.8);
  }

  /** Places a capillary with its apex top on the row at (t, apex line + stagger) and builds its tubes. */
  private static Vessel place(Scene sc, Spec spec, double t, double stagger, double jitterDeg, Rng rng) {
    double cx = sc.width / 2.0;
    double cy = sc.height / 2.0;
    double rx = -sc.uy;
    double ry = sc.ux;
    double s = sc.apexOffset + sc.bow * t * t + stagger;
    double topX = cx + t * rx + s * sc.ux;
    double topY = cy + t * ry + s * sc.uy;
    // Normal of the bowed row, turned by the capillary's own jitter.
    double nx = -2 * sc.bow * t * rx + sc.ux;
    double ny = -2 * sc.bow * t * ry + sc.uy;
    double norm = StrictMath.hypot(nx, ny);
    nx /= norm;
    ny /= norm;
    double j = jitterDeg * (StrictMath.PI / 180.0);
    double cj = StrictMath.cos(j);
    double sj = StrictMath.sin(j);
    double ax = nx * cj - ny * sj;
    double ay = nx * sj + ny * cj;

    Loop l = spec.loop;
    l.ax = ax;
    l.ay = ay;
    l.baseX = topX - l.half * ax;
    l.baseY = topY - l.half * ay;
    Vessel v = new Vessel();
    v.morphology = spec.morphology;
    v.apicalUm = spec.apicalUm;
    v.arterialUm = spec.arterialUm;
    v.venousUm = spec.venousUm;
    v.size = SizeClass.fromCalibres(spec.apicalUm, spec.arterialUm, spec.venousUm);
    v.meanderPx = spec.loop.amp;
    v.meanderWavelengthPx = spec.loop.lambda;
    v.apexX = topX;
    v.apexY = topY;
    Tube main = new Tube();
    l.build(main);
    v.tubes.add(main);
    l.keypoints(v.keypoints);
    if (spec.ramified) {
      addBuds(v, spec, rng);
    }
    return v;
  }

  private static void addBuds(Vessel v, Spec spec, Rng rng) {
    Loop l = spec.loop;
    int buds = rng.between(1, 3);
    for (int i = 0; i < buds; i++) {
      int side = rng.chance(0.5) ? -1 : 1;
      double attachA;
      double attachB;
      double angle;
      if (spec.bushy && i < 2) {
        attachA = 0;
        attachB = -l.half;
        angle = side * rng.uniform(15, 45);
      } else {
        attachB = rng.chance(0.5) ? rng.uniform(0.05, 0.16) * l.length : rng.uniform(0.6, 0.8) * l.length;
        attachA = l.limbX(side, attachB);
        angle = side * rng.uniform(25, 65);
      }
      double rad = angle * (StrictMath.PI / 180.0);
      double ca = StrictMath.cos(rad);
      double sa = StrictMath.sin(rad);
      // Turn the axis towards +a (right) for positive angles.
      double rx = -l.ay;
      double ry = l.ax;
      double bx = ca * l.ax + sa * rx;
      double by = ca * l.ay + sa * ry;
      Loop bud = new Loop();
      bud.half = l.half * rng.uniform(0.6, 1.0);
      double rb = Math.min(l.rLeft, l.rRight) * rng.uniform(0.8, 1.0);
      bud.rLeft = rb;
      bud.rRight = rb;
      bud.rApex = rb;
      bud.length = l.length * rng.uniform(0.2, 0.45);
      bud.spread = -0.85;
      bud.fade = 0;
      double px = l.worldX(attachA, attachB);
      double py = l.worldY(attachA, attachB);
      bud.ax = bx;
      bud.ay = by;
      bud.baseX = px + bud.length * bx;
      bud.baseY = py + bud.length * by;
      Tube t = new Tube();
      bud.build(t);
      v.tubes.add(t);
    }
  }

  // ---------------------------------------------------------------- haemorrhages and artefacts

  private static void haemorrhages(Scene sc, ProfileParams pp, List<Vessel> distal, Rng rng) {
    double upp = sc.umPerPx;
    List<Vessel> hosts = new ArrayList<>();
    double totalWeight = 0;
    for (Vessel v : distal) {
      if (sc.inside(v.apexX, v.apexY)) {
        hosts.add(v);
        totalWeight += hostWeight(v);
      }
    }
    double rowMm = sc.densityPerMm > 0 ? hosts.size() / sc.densityPerMm : 0;
    int count = rng.poisson(pp.haemorrhages() * rowMm);
    if (hosts.isEmpty()) {
      return;
    }
    for (int i = 0; i < count; i++) {
      double pick = rng.uniform(0, totalWeight);
      Vessel host = hosts.get(hosts.size() - 1);
      for (Vessel v : hosts) {
        pick -= hostWeight(v);
        if (pick < 0) {
          host = v;
          break;
        }
      }
      // Axis of the host from its apex keypoints.
      double ax = host.keypoints[0] - host.keypoints[2];
      double ay = host.keypoints[1] - host.keypoints[3];
      double n = StrictMath.hypot(ax, ay);
      ax /= n;
      ay /= n;
      double rx = -ay;
      double ry = ax;
      double rApex = host.apicalUm / 2 / upp;
      boolean confluent = rng.chance(pp.confluent());
      double amp = rng.uniform(0.4, 0.75);
      List<Blob> blobs = new ArrayList<>();
      if (confluent) {
        double widthPx = rng.uniform(80, 250) / upp;
        int nb = rng.between(4, 9);
        for (int k = 0; k < nb; k++) {
          double rb = rng.uniform(10, 28) / upp;
          double along = rApex + rng.uniform(5, 30) / upp + rb;
          double lateral = rng.uniform(-0.5, 0.5) * widthPx;
          blobs.add(new Blob(host.apexX + along * ax + lateral * rx, host.apexY + along * ay + lateral * ry,
              rb, amp * rng.uniform(0.7, 1.0), rng.uniform(0.6, 1.2)));
        }
      } else {
        double scale = host.size == SizeClass.GIANT ? 1.5 : 1.0;
        double rb0 = rng.uniform(10, 30) * scale / upp;
        double along = rApex + rng.uniform(5, 40) / upp + rb0;
        double lateral = rng.uniform(-1, 1) * rApex;
        double bx = host.apexX + along * ax + lateral * rx;
        double by = host.apexY + along * ay + lateral * ry;
        int nb = rng.between(1, 3);
        for (int k = 0; k < nb; k++) {
          double rb = k == 0 ? rb0 : rb0 * rng.uniform(0.5, 0.9);
          double ox = k == 0 ? 0 : rng.uniform(-0.8, 0.8) * rb0;
          double oy = k == 0 ? 0 : rng.uniform(-0.8, 0.8) * rb0;
          blobs.add(new Blob(bx + ox, by + oy, rb, amp * rng.uniform(0.8, 1.0), rng.uniform(0.6, 1.2)));
        }
      }
      sc.haemorrhages.add(new Scene.Haemorrhage(List.copyOf(blobs), confluent));
    }
  }

  private static double hostWeight(Vessel v) {
    return switch (v.size) {
      case GIANT -> 4;
      case ENLARGED -> 2;
      case NORMAL -> 1;
    };
  }

  private static void artefacts(Scene sc, Rng rng) {
    double upp = sc.umPerPx;
    double cuticleFrom = 120 / upp;
    double level = rng.nextDouble();
    int clusters = level < 0.25 ? 0 : level < 0.7 ? rng.between(1, 3) : rng.between(2, 5);
    for (int c = 0; c < clusters; c++) {
      double[] centre = cuticlePoint(sc, rng, cuticleFrom);
      if (centre == null) {
        break;
      }
      int spots = level < 0.7 ? rng.between(2, 8) : rng.between(8, 25);
      double spread = rng.uniform(40, 150) / upp;
      for (int k = 0; k < spots; k++) {
        double x = centre[0] + rng.gaussian(0, spread, 3);
        double y = centre[1] + rng.gaussian(0, spread, 3);
        double r = Math.max(0.8, 6.0 * StrictMath.exp(0.8 * rng.gaussian(0, 1, 3)) / upp);
        double amp = rng.uniform(0.6, 1.6);
        if (rng.chance(0.1)) {
          // A streak: a thinner, fainter chain of overlapping spots.
          double dir = rng.uniform(0, 2 * StrictMath.PI);
          double dx = StrictMath.cos(dir);
          double dy = StrictMath.sin(dir);
          int n = rng.between(6, 20);
          double rs = Math.max(0.8, r * rng.uniform(0.5, 0.8));
          double as = amp * rng.uniform(0.4, 0.8);
          for (int i = 0; i < n; i++) {
            sc.glare.add(new Blob(x + dx * i * rs * 0.5, y + dy * i * rs * 0.5, rs * rng.uniform(0.8, 1.0), as, 2));
          }
        } else {
          sc.glare.add(new Blob(x, y, r, amp, 2));
        }
      }
    }
    if (rng.chance(0.35)) {
      int n = rng.between(1, 2);
      for (int i = 0; i < n; i++) {
        double[] p = cuticlePoint(sc, rng, cuticleFrom);
        if (p != null) {
          sc.bubbles.add(new Blob(p[0], p[1], rng.uniform(20, 60) / upp, rng.uniform(0.03, 0.07), 1));
        }
      }
    }
    if (rng.chance(0.3)) {
      int n = rng.between(2, 7);
      for (int i = 0; i < n; i++) {
        double[] p = cuticlePoint(sc, rng, cuticleFrom);
        if (p != null) {
          sc.dust.add(new Blob(p[0], p[1], rng.uniform(20, 60) / upp, rng.uniform(0.15, 0.35), 1));
        }
      }
    }
    if (rng.chance(0.5)) {
      int n = rng.between(1, 5);
      for (int i = 0; i < n; i++) {
        sc.dust.add(new Blob(rng.uniform(0, sc.width), rng.uniform(0, sc.height),
            Math.max(1.0, rng.uniform(2, 12) / upp), rng.uniform(0.2, 0.5), 0.7));
      }
    }
  }

  private static double @org.jspecify.annotations.Nullable [] cuticlePoint(Scene sc, Rng rng, double from) {
    for (int i = 0; i < 60; i++) {
      double x = rng.uniform(0, sc.width);
      double y = rng.uniform(0, sc.height);
      if (sc.relativeDepth(x, y) > from) {
        return new double[] {x, y};
      }
    }
    return null;
  }

  private static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }
}
