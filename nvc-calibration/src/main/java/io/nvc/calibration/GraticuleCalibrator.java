package io.nvc.calibration;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures the scale of a photo of a stage micrometer or graticule: evenly spaced ticks of a known pitch
 * (for example 10 um or 100 um), at any angle. Immutable and thread-safe; one instance may serve any
 * number of threads.
 *
 * <p>Method, in pure Java: the image is projected onto directions from 0 to 180 degrees (a projection
 * profile per direction, less its least-squares cubic trend); the directions whose profiles have the
 * strongest prominent spectral peak are the candidates for the direction across the ticks, tried in
 * order and refined to 0.05 degrees. The tick frequency is the fundamental of that peak's harmonic
 * series. Each tick is then located to sub-pixel precision (half-maximum centroid in its period window)
 * and a robust straight-line fit of tick position against tick number gives the period in pixels;
 * ticks that are hidden, faint or out of line (dust, labels, occlusion) are dropped, and a candidate
 * whose fit fails gives way to the next. The relative
 * uncertainty is the standard error of the fitted period; it does not include the tolerance of the
 * graticule itself or lens distortion. The pixels are assumed square: the scale is measured along the
 * tick direction only.
 */
public final class GraticuleCalibrator {

  /**
   * Smallest spectral prominence (peak power over the median of its neighbourhood) of a tick frequency;
   * noise alone rarely exceeds it, and the tick fit below rejects what slips through.
   */
  private static final double MIN_PROMINENCE = 12;
  /** Fewest ticks the fit needs. */
  private static final int MIN_TICKS = 5;
  /** Directions (strongest local maxima of the coarse search) measured in full. */
  private static final int CANDIDATES = 3;
  /** Number of pixels sampled per direction in the coarse direction search. */
  private static final int COARSE_SAMPLES = 250_000;

  /**
   * Search limits. Immutable and thread-safe.
   *
   * @param minPeriodPx the smallest tick period to consider, in pixels, {@code >= 2.5}
   * @param maxPeriodPx the largest tick period to consider, in pixels, or 0 for a quarter of the image's
   *     longer side (at least four periods must be visible); {@code >= minPeriodPx} when given
   */
  public record Options(double minPeriodPx, double maxPeriodPx) {

    /** Validates the limits. */
    public Options {
      if (!Double.isFinite(minPeriodPx) || minPeriodPx < 2.5) {
        throw new IllegalArgumentException("minPeriodPx must be finite and >= 2.5, found " + minPeriodPx);
      }
      if (!Double.isFinite(maxPeriodPx) || (maxPeriodPx != 0 && maxPeriodPx < minPeriodPx)) {
        throw new IllegalArgumentException(
            "maxPeriodPx must be 0 (automatic) or >= minPeriodPx " + minPeriodPx + ", found " + maxPeriodPx);
      }
    }

    /** Periods from 3 px to a quarter of the image's longer side. */
    public static Options defaults() {
      return new Options(3, 0);
    }
  }

  /**
   * A measured graticule. Immutable and thread-safe.
   *
   * @param calibration the square-pixel calibration, source {@link CalibrationSource#AUTOMATIC}, with
   *     the relative uncertainty below
   * @param periodPx the tick period in pixels
   * @param angleDegrees direction across the ticks, in degrees in {@code [0, 180)}: 0 means the ticks are
   *     vertical lines spaced along x, 90 horizontal lines spaced along y (image y points down)
   * @param ticks the number of ticks used in the fit
   * @param relativeUncertainty the standard error of the period as a fraction of it
   * @param confidence the fraction of period windows along the profile in which a clear tick was found,
   *     in {@code [0, 1]}; windows beyond the ends of the scale count as empty, so a scale that spans
   *     half the image gives about 0.5
   */
  public record Result(Calibration calibration, double periodPx, double angleDegrees, int ticks,
      double relativeUncertainty, double confidence) {

    /** Validates the components. */
    public Result {
      if (calibration == null) {
        throw new IllegalArgumentException("calibration must not be null");
      }
      if (!(periodPx > 0) || !Double.isFinite(periodPx)) {
        throw new IllegalArgumentException("periodPx must be finite and > 0, found " + periodPx);
      }
      if (!(angleDegrees >= 0 && angleDegrees < 180)) {
        throw new IllegalArgumentException("angleDegrees must be in [0, 180), found " + angleDegrees);
      }
      if (ticks < MIN_TICKS) {
        throw new IllegalArgumentException("ticks must be >= " + MIN_TICKS + ", found " + ticks);
      }
      if (!(relativeUncertainty >= 0 && relativeUncertainty < 1)) {
        throw new IllegalArgumentException(
            "relativeUncertainty must be in [0, 1), found " + relativeUncertainty);
      }
      if (!(confidence >= 0 && confidence <= 1)) {
        throw new IllegalArgumentException("confidence must be in [0, 1], found " + confidence);
      }
    }

    /** Micrometres per pixel along the tick direction. */
    public double micrometresPerPixel() {
      return calibration.micrometresPerPixelX();
    }
  }

  private final Options options;

  /** A calibrator with {@link Options#defaults()}. */
  public GraticuleCalibrator() {
    this(Options.defaults());
  }

  /** A calibrator with the given search limits. */
  public GraticuleCalibrator(Options options) {
    if (options == null) {
      throw new IllegalArgumentException("options must not be null");
    }
    this.options = options;
  }

  /**
   * Measures the tick period of {@code image} and returns its scale.
   *
   * @param image a photo of evenly spaced ticks (dark on light or light on dark), any type
   * @param pitchMicrometres the distance between neighbouring ticks, finite and {@code > 0}
   * @throws NvcException {@link ErrorCode#IMAGE_UNSUPPORTED} when no evenly spaced ticks are found
   */
  public Result calibrate(BufferedImage image, double pitchMicrometres) throws NvcException {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    if (!Double.isFinite(pitchMicrometres) || pitchMicrometres <= 0) {
      throw new IllegalArgumentException("pitchMicrometres must be finite and > 0, found " + pitchMicrometres);
    }
    int w = image.getWidth();
    int h = image.getHeight();
    double maxPeriod = options.maxPeriodPx() > 0 ? options.maxPeriodPx() : Math.max(w, h) / 4.0;
    if (maxPeriod < options.minPeriodPx()) {
      throw new NvcException(ErrorCode.IMAGE_SIZE, String.format(Locale.ROOT,
          "a graticule image of %dx%d px is too small to hold four ticks at least %.1f px apart", w, h,
          options.minPeriodPx()));
    }
    float[] gray = luminance(image);

    // 1. Coarse direction: every 0.5 degrees on a pixel sample.
    int stride = Math.max(1, (int) Math.ceil(Math.sqrt((double) w * h / COARSE_SAMPLES)));
    double[] scores = new double[360];
    for (int i = 0; i < 360; i++) {
      Spectrum s = Spectrum.of(project(gray, w, h, i * 0.5, stride), 2, options.minPeriodPx(), maxPeriod);
      scores[i] = s == null ? 0 : s.score();
    }
    // 2-4 for the best few directions in order: dust or smudges in a row can look periodic in one
    // direction, but only real ticks survive the tick fit. (Rows of tick ends are periodic in every
    // direction, so the strongest direction that fits wins, not the one with most ticks.)
    NvcException firstFailure = null;
    for (int i : candidates(scores, CANDIDATES)) {
      try {
        return measure(gray, w, h, i * 0.5, maxPeriod, pitchMicrometres);
      } catch (NvcException e) {
        if (firstFailure == null) {
          firstFailure = e;
        }
      }
    }
    throw firstFailure != null ? firstFailure : noTicks("no direction shows a periodic pattern");
  }

  /** Indices of the strongest local maxima (circular) of positive {@code scores}, at most {@code count}. */
  private static int[] candidates(double[] scores, int count) {
    int n = scores.length;
    List<Integer> maxima = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double s = scores[i];
      if (s > 0 && s >= scores[(i + n - 1) % n] && s > scores[(i + 1) % n]) {
        maxima.add(i);
      }
    }
    maxima.sort((a, b) -> Double.compare(scores[b], scores[a]));
    return maxima.stream().limit(count).mapToInt(Integer::intValue).toArray();
  }

  /** Refines the direction near {@code coarseAngle}, finds the tick frequency and fits the ticks. */
  private Result measure(float[] gray, int w, int h, double coarseAngle, double maxPeriod,
      double pitchMicrometres) throws NvcException {
    // 2. Fine direction: strongest peak near the coarse frequency, every 0.05 degrees.
    int fineStride = (long) w * h > 4_000_000L ? 2 : 1;
    Spectrum coarse = Spectrum.of(project(gray, w, h, coarseAngle, fineStride), 4, options.minPeriodPx(),
        maxPeriod);
    if (coarse == null) {
      throw noTicks("the image is too small for the period range");
    }
    int coarseBin = coarse.bestPeak();
    double refined = coarseAngle;
    double refinedPower = -1;
    for (int i = -12; i <= 12; i++) {
      double angle = coarseAngle + i * 0.05;
      Spectrum s = Spectrum.of(project(gray, w, h, angle, fineStride), 4, options.minPeriodPx(), maxPeriod);
      if (s == null) {
        continue;
      }
      double p = s.maxPowerNear(coarseBin * (double) s.size / coarse.size, 0.05);
      if (p > refinedPower) {
        refinedPower = p;
        refined = angle;
      }
    }
    double angle = ((refined % 180) + 180) % 180;

    // 3. Fundamental frequency at the final direction.
    Profile profile = project(gray, w, h, angle, 1);
    Spectrum spectrum = Spectrum.of(profile, 8, options.minPeriodPx(), maxPeriod);
    if (spectrum == null) {
      throw noTicks("the image is too small for the period range");
    }
    int peak = spectrum.bestPeak();
    double prominence = spectrum.prominence(peak);
    if (prominence < MIN_PROMINENCE) {
      throw noTicks(String.format(Locale.ROOT,
          "the strongest periodic signal stands %.1f times above the background, expected at least %.0f",
          prominence, MIN_PROMINENCE));
    }
    double period0 = spectrum.size / spectrum.fundamental(peak);

    // 4. Ticks to sub-pixel precision and a robust line fit.
    Fit fit = fitTicks(profile.values, period0);
    if (fit == null || fit.ticks < MIN_TICKS) {
      throw noTicks("fewer than " + MIN_TICKS + " clear ticks in a row were found");
    }
    if (fit.rmsResidual > 0.15 * fit.period) {
      throw noTicks(String.format(Locale.ROOT,
          "the ticks are not evenly spaced: position residuals of %.2f px at a period of %.2f px, expected"
              + " below %.2f px", fit.rmsResidual, fit.period, 0.15 * fit.period));
    }
    double relative = fit.periodError / fit.period;
    double umPerPx = pitchMicrometres / fit.period;
    Calibration calibration =
        new Calibration(umPerPx, umPerPx, CalibrationSource.AUTOMATIC, null, null, relative);
    return new Result(calibration, fit.period, angle, fit.ticks, relative, fit.confidence);
  }

  private static NvcException noTicks(String why) {
    return new NvcException(ErrorCode.IMAGE_UNSUPPORTED,
        "no evenly spaced graticule ticks found: " + why + "; expected a photo of a stage micrometer with at"
            + " least " + MIN_TICKS + " visible ticks");
  }

  /** Grey levels 0-255 of every pixel, row by row. */
  static float[] luminance(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    float[] gray = new float[w * h];
    int[] row = new int[w];
    for (int y = 0; y < h; y++) {
      image.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w; x++) {
        int rgb = row[x];
        gray[y * w + x] = 0.299f * ((rgb >> 16) & 0xff) + 0.587f * ((rgb >> 8) & 0xff) + 0.114f * (rgb & 0xff);
      }
    }
    return gray;
  }

  /** A projection profile: mean grey level per 1 px bin along a direction (the longest well-covered run). */
  record Profile(double[] values) {}

  /** Projects every {@code stride}-th pixel onto the direction at {@code angleDegrees}, linearly splatted. */
  static Profile project(float[] gray, int w, int h, double angleDegrees, int stride) {
    double a = Math.toRadians(angleDegrees);
    double c = Math.cos(a);
    double s = Math.sin(a);
    double t0 = Math.min(Math.min(0, w * c), Math.min(h * s, w * c + h * s));
    double t1 = Math.max(Math.max(0, w * c), Math.max(h * s, w * c + h * s));
    int n = (int) Math.ceil(t1 - t0) + 2;
    double[] sum = new double[n];
    double[] weight = new double[n];
    for (int y = stride / 2; y < h; y += stride) {
      double ty = (y + 0.5) * s - t0;
      int rowStart = y * w;
      for (int x = stride / 2; x < w; x += stride) {
        double q = (x + 0.5) * c + ty;
        int i = (int) q;
        double f = q - i;
        double v = gray[rowStart + x];
        sum[i] += (1 - f) * v;
        weight[i] += 1 - f;
        sum[i + 1] += f * v;
        weight[i + 1] += f;
      }
    }
    double maxWeight = 0;
    for (double wt : weight) {
      maxWeight = Math.max(maxWeight, wt);
    }
    double limit = 0.3 * maxWeight;
    int bestStart = 0;
    int bestLength = 0;
    int start = -1;
    for (int i = 0; i <= n; i++) {
      boolean ok = i < n && weight[i] >= limit && weight[i] > 0;
      if (ok && start < 0) {
        start = i;
      } else if (!ok && start >= 0) {
        if (i - start > bestLength) {
          bestLength = i - start;
          bestStart = start;
        }
        start = -1;
      }
    }
    double[] values = new double[bestLength];
    for (int i = 0; i < bestLength; i++) {
      values[i] = sum[bestStart + i] / weight[bestStart + i];
    }
    return new Profile(values);
  }

  /** The power spectrum of a mean-free, Hann-windowed, zero-padded profile, within a period band. */
  static final class Spectrum {
    final double[] power;
    final int size;
    final int low;
    final int high;
    /** A floor for local medians, so that a noise-free render does not make every ripple prominent. */
    final double floor;

    private Spectrum(double[] power, int size, int low, int high, double floor) {
      this.power = power;
      this.size = size;
      this.low = low;
      this.high = high;
      this.floor = floor;
    }

    /** Null when the profile is too short for four periods of the smallest period. */
    static Spectrum of(Profile profile, int padding, double minPeriod, double maxPeriod) {
      double[] v = profile.values();
      int m = v.length;
      if (m < 4 * minPeriod || m < 16) {
        return null;
      }
      int size = Integer.highestOneBit(m * padding - 1) << 1;
      double[] trend = cubicTrend(v);
      double[] re = new double[size];
      double[] im = new double[size];
      for (int i = 0; i < m; i++) {
        double hann = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / m);
        re[i] = (v[i] - trend[i]) * hann;
      }
      fft(re, im);
      int low = Math.max(2, (int) Math.ceil(size / Math.min(maxPeriod, m / 4.0)));
      int high = Math.min(size / 2 - 2, (int) Math.floor(size / minPeriod));
      if (high <= low + 4) {
        return null;
      }
      // Normalised by the length so that profiles of different lengths (directions) compare.
      double norm = (double) m * m;
      double[] power = new double[size / 2];
      double max = 0;
      for (int k = 0; k < size / 2; k++) {
        power[k] = (re[k] * re[k] + im[k] * im[k]) / norm;
        if (k >= low && k <= high) {
          max = Math.max(max, power[k]);
        }
      }
      return new Spectrum(power, size, low, high, max * 1e-9);
    }

    /**
     * Local maxima within the band with at least a thousandth of the strongest one's power, strongest
     * first. All of them, not just a few: uneven lighting or a large occluding blob leaves many strong
     * but not prominent ripples.
     */
    int[] peaks() {
      double strongest = 0;
      for (int k = low; k <= high; k++) {
        strongest = Math.max(strongest, power[k]);
      }
      List<Integer> peaks = new ArrayList<>();
      for (int k = Math.max(low, 1); k <= high; k++) {
        if (power[k] >= power[k - 1] && power[k] > power[k + 1] && power[k] >= 1e-3 * strongest) {
          peaks.add(k);
        }
      }
      peaks.sort((x, y) -> Double.compare(power[y], power[x]));
      return peaks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The power at {@code k} over the median power of the surrounding bins (a narrow peak stands out). */
    double prominence(int k) {
      int half = Math.max(16, size / 64);
      int from = Math.max(1, k - half);
      int to = Math.min(power.length - 1, k + half);
      double[] window = Arrays.copyOfRange(power, from, to + 1);
      Arrays.sort(window);
      double median = Math.max(window[window.length / 2], floor);
      return median > 0 ? power[k] / median : 0;
    }

    /**
     * The strongest of the strongest peaks that is prominent, else the most prominent of them: a broad
     * hump (an occluding blob, uneven lighting) is strong but not prominent.
     */
    int bestPeak() {
      int[] peaks = peaks();
      for (int k : peaks) {
        if (prominence(k) >= MIN_PROMINENCE) {
          return k;
        }
      }
      int best = low;
      double score = -1;
      for (int k : peaks) {
        double p = prominence(k);
        if (p > score) {
          score = p;
          best = k;
        }
      }
      return best;
    }

    /**
     * How well this direction shows ticks: the power of the best prominent peak (projecting along the
     * ticks keeps their contrast, any other direction smears it), or 0 when no peak is prominent.
     */
    double score() {
      int k = bestPeak();
      return prominence(k) >= MIN_PROMINENCE ? power[k] : 0;
    }

    /** The largest power within a relative distance {@code tolerance} of bin {@code k}. */
    double maxPowerNear(double k, double tolerance) {
      int from = Math.max(1, (int) Math.floor(k * (1 - tolerance)));
      int to = Math.min(power.length - 1, (int) Math.ceil(k * (1 + tolerance)));
      double max = 0;
      for (int i = from; i <= to; i++) {
        max = Math.max(max, power[i]);
      }
      return max;
    }

    /** The local maximum nearest to fractional bin {@code k}, searching {@code radius} bins each way. */
    int localPeak(double k, int radius) {
      int centre = (int) Math.round(k);
      int best = centre;
      for (int i = Math.max(1, centre - radius); i <= Math.min(power.length - 2, centre + radius); i++) {
        if (power[i] > power[best]) {
          best = i;
        }
      }
      return best;
    }

    /**
     * The fundamental of the harmonic series that {@code peak} belongs to, as a fractional bin: the lowest
     * sub-harmonic {@code peak / m} (m up to 8, inside the band) whose multiples are all strong, prominent
     * peaks; refined by a parabola through the log power.
     */
    double fundamental(int peak) {
      double strong = 0.25 * power[peak];
      int radius = Math.max(2, size / 1024);
      for (int m = 8; m >= 2; m--) {
        double f0 = peak / (double) m;
        if (f0 < low) {
          continue;
        }
        boolean series = true;
        for (int j = 1; j < m && series; j++) {
          int k = localPeak(j * f0, radius);
          series = power[k] >= strong && prominence(k) >= MIN_PROMINENCE;
        }
        if (series) {
          return refine(localPeak(f0, radius));
        }
      }
      return refine(peak);
    }

    private double refine(int k) {
      if (k <= 0 || k >= power.length - 1) {
        return k;
      }
      double a = Math.log(power[k - 1] + 1e-300);
      double b = Math.log(power[k] + 1e-300);
      double c = Math.log(power[k + 1] + 1e-300);
      double d = a - 2 * b + c;
      return d < 0 ? k + 0.5 * (a - c) / d : k;
    }
  }

  /**
   * The least-squares cubic through a profile: uneven lighting and vignetting, which would otherwise
   * put a strong smooth hump at the lowest frequencies.
   */
  static double[] cubicTrend(double[] v) {
    int m = v.length;
    double[][] a = new double[4][5];
    for (int i = 0; i < m; i++) {
      double x = m == 1 ? 0 : 2.0 * i / (m - 1) - 1;
      double[] basis = {1, x, x * x, x * x * x};
      for (int r = 0; r < 4; r++) {
        for (int c = 0; c < 4; c++) {
          a[r][c] += basis[r] * basis[c];
        }
        a[r][4] += basis[r] * v[i];
      }
    }
    // Gauss-Jordan elimination with partial pivoting on the 4x4 normal equations.
    for (int col = 0; col < 4; col++) {
      int pivot = col;
      for (int r = col + 1; r < 4; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      if (Math.abs(a[col][col]) < 1e-12) {
        continue;
      }
      for (int r = 0; r < 4; r++) {
        if (r != col) {
          double f = a[r][col] / a[col][col];
          for (int c = col; c < 5; c++) {
            a[r][c] -= f * a[col][c];
          }
        }
      }
    }
    double[] coef = new double[4];
    for (int r = 0; r < 4; r++) {
      coef[r] = Math.abs(a[r][r]) < 1e-12 ? 0 : a[r][4] / a[r][r];
    }
    double[] trend = new double[m];
    for (int i = 0; i < m; i++) {
      double x = m == 1 ? 0 : 2.0 * i / (m - 1) - 1;
      trend[i] = coef[0] + x * (coef[1] + x * (coef[2] + x * coef[3]));
    }
    return trend;
  }

  /** In-place iterative radix-2 FFT; the length is a power of two. */
  static void fft(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double ang = -2 * Math.PI / len;
      double wr = Math.cos(ang);
      double wi = Math.sin(ang);
      for (int i = 0; i < n; i += len) {
        double cr = 1;
        double ci = 0;
        for (int k = 0; k < len / 2; k++) {
          int a = i + k;
          int b = a + len / 2;
          double xr = re[b] * cr - im[b] * ci;
          double xi = re[b] * ci + im[b] * cr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
          double next = cr * wr - ci * wi;
          ci = cr * wi + ci * wr;
          cr = next;
        }
      }
    }
  }

  /** A line fit of tick positions: period, its standard error, residual RMS, ticks used, confidence. */
  record Fit(double period, double periodError, double rmsResidual, int ticks, double confidence) {}

  /** Locates the ticks of a profile with approximate period {@code period0} and fits a line. */
  static Fit fitTicks(double[] profile, double period0) {
    double[] d = detrend(profile, period0);
    double skew = 0;
    for (double x : d) {
      skew += x * x * x;
    }
    if (skew < 0) {
      for (int i = 0; i < d.length; i++) {
        d[i] = -d[i];
      }
    }
    double omega = 2 * Math.PI / period0;
    double cs = 0;
    double sn = 0;
    for (int i = 0; i < d.length; i++) {
      cs += d[i] * Math.cos(omega * i);
      sn += d[i] * Math.sin(omega * i);
    }
    double phase = Math.atan2(sn, cs);
    double origin = ((phase / omega) % period0 + period0) % period0;
    double period = period0;
    Fit fit = null;
    for (int iteration = 0; iteration < 3; iteration++) {
      List<double[]> ticks = measureTicks(d, origin, period);
      if (ticks.size() < MIN_TICKS) {
        return fit;
      }
      double[] strengths = ticks.stream().mapToDouble(t -> t[2]).sorted().toArray();
      double medianStrength = strengths[strengths.length / 2];
      List<double[]> kept = new ArrayList<>();
      for (double[] t : ticks) {
        if (t[2] >= 0.4 * medianStrength) {
          kept.add(t);
        }
      }
      double[] line = robustLine(kept, period);
      if (line == null) {
        return fit;
      }
      origin = line[0];
      period = line[1];
      fit = new Fit(period, line[2], line[3], (int) line[4], line[4] / ticks.size());
    }
    return fit;
  }

  /** Subtracts a centred moving average one period wide. */
  private static double[] detrend(double[] v, double period) {
    int half = Math.max(1, (int) Math.round(period / 2));
    int n = v.length;
    double[] prefix = new double[n + 1];
    for (int i = 0; i < n; i++) {
      prefix[i + 1] = prefix[i] + v[i];
    }
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      int from = Math.max(0, i - half);
      int to = Math.min(n, i + half + 1);
      d[i] = v[i] - (prefix[to] - prefix[from]) / (to - from);
    }
    return d;
  }

  /** {index, position, strength} of every tick window lying wholly inside the profile. */
  private static List<double[]> measureTicks(double[] d, double origin, double period) {
    List<double[]> ticks = new ArrayList<>();
    int first = (int) Math.ceil((period / 2 - origin) / period);
    for (int k = first; ; k++) {
      double centre = origin + k * period;
      int from = (int) Math.ceil(centre - period / 2);
      int to = (int) Math.floor(centre + period / 2);
      if (to >= d.length) {
        break;
      }
      if (from < 0) {
        continue;
      }
      int top = from;
      double min = d[from];
      for (int i = from; i <= to; i++) {
        if (d[i] > d[top]) {
          top = i;
        }
        min = Math.min(min, d[i]);
      }
      double strength = d[top] - min;
      if (strength <= 0) {
        continue;
      }
      double half = min + 0.5 * strength;
      double mass = 0;
      double moment = 0;
      for (int i = top; i >= from && d[i] > half; i--) {
        mass += d[i] - half;
        moment += (d[i] - half) * i;
      }
      for (int i = top + 1; i <= to && d[i] > half; i++) {
        mass += d[i] - half;
        moment += (d[i] - half) * i;
      }
      ticks.add(new double[] {k, moment / mass, strength});
    }
    return ticks;
  }

  /**
   * Least-squares line position = origin + period * index, repeatedly dropping outliers; returns
   * {origin, period, period standard error, residual RMS, ticks kept} or null with too few ticks.
   */
  private static double[] robustLine(List<double[]> ticks, double period) {
    List<double[]> kept = new ArrayList<>(ticks);
    for (int round = 0; round < 5; round++) {
      if (kept.size() < MIN_TICKS) {
        return null;
      }
      double[] line = leastSquares(kept);
      double[] residuals = new double[kept.size()];
      for (int i = 0; i < kept.size(); i++) {
        double[] t = kept.get(i);
        residuals[i] = Math.abs(t[1] - line[0] - line[1] * t[0]);
      }
      double[] sorted = residuals.clone();
      Arrays.sort(sorted);
      double mad = 1.4826 * sorted[sorted.length / 2];
      double limit = Math.max(4 * mad, 0.05 * period);
      List<double[]> next = new ArrayList<>();
      for (int i = 0; i < kept.size(); i++) {
        if (residuals[i] <= limit) {
          next.add(kept.get(i));
        }
      }
      if (next.size() == kept.size()) {
        return line;
      }
      kept = next;
    }
    return kept.size() < MIN_TICKS ? null : leastSquares(kept);
  }

  private static double[] leastSquares(List<double[]> ticks) {
    int n = ticks.size();
    double mk = 0;
    double mp = 0;
    for (double[] t : ticks) {
      mk += t[0];
      mp += t[1];
    }
    mk /= n;
    mp /= n;
    double sxx = 0;
    double sxy = 0;
    for (double[] t : ticks) {
      sxx += (t[0] - mk) * (t[0] - mk);
      sxy += (t[0] - mk) * (t[1] - mp);
    }
    double slope = sxy / sxx;
    double intercept = mp - slope * mk;
    double ss = 0;
    for (double[] t : ticks) {
      double r = t[1] - intercept - slope * t[0];
      ss += r * r;
    }
    double rms = Math.sqrt(ss / n);
    // Centroids are not better than about 0.02 px even on perfect renders: a floor for the error.
    double sigma = Math.max(Math.sqrt(ss / Math.max(1, n - 2)), 0.02);
    double slopeError = sigma / Math.sqrt(sxx);
    return new double[] {intercept, slope, slopeError, rms, n};
  }
}
