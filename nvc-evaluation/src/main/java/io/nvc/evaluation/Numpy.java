package io.nvc.evaluation;

import java.util.Arrays;

/**
 * The few NumPy operations the reference implementations use, with NumPy's exact floating-point
 * behaviour where it can change printed digits.
 */
final class Numpy {

  /** {@code np.spacing(1)}: the gap between 1.0 and the next double. */
  static final double SPACING_1 = Math.ulp(1.0);

  private static final int PAIRWISE_BLOCK = 128;
  private static final int REDUCE_BUFFER = 8192;

  private Numpy() {}

  /** {@code np.linspace(start, stop, num)} with NumPy's arithmetic ({@code i * step + start}). */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    double step = (stop - start) / (num - 1);
    for (int i = 0; i < num; i++) {
      y[i] = i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }

  /**
   * {@code np.sum} of a contiguous float64 array: pairwise summation (NumPy's {@code
   * pairwise_sum}) within buffers of 8192 elements, buffers added in order.
   */
  static double sum(double[] a, int n) {
    double total = 0;
    for (int start = 0; start < n; start += REDUCE_BUFFER) {
      total += pairwise(a, start, Math.min(REDUCE_BUFFER, n - start));
    }
    return total;
  }

  /** {@code np.mean} of the first {@code n} elements. */
  static double mean(double[] a, int n) {
    return sum(a, n) / n;
  }

  private static double pairwise(double[] a, int off, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else if (n <= PAIRWISE_BLOCK) {
      double[] r = new double[8];
      for (int j = 0; j < 8; j++) {
        r[j] = a[off + j];
      }
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        for (int j = 0; j < 8; j++) {
          r[j] += a[off + i + j];
        }
      }
      double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise(a, off, n2) + pairwise(a, off + n2, n - n2);
    }
  }

  /** {@code np.searchsorted(a[0:n], v, side='left')}: the first index with {@code a[i] >= v}. */
  static int searchsortedLeft(double[] a, int n, double v) {
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (a[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@code np.interp(x, xp, fp)} for ascending {@code xp} (repeats allowed), NumPy's algorithm:
   * the segment is the last {@code j} with {@code xp[j] <= x}.
   */
  static double interp(double x, double[] xp, double[] fp) {
    int n = xp.length;
    if (x > xp[n - 1]) {
      return fp[n - 1];
    }
    if (x < xp[0]) {
      return fp[0];
    }
    int lo = 0;
    int hi = n;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (x >= xp[mid]) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    int j = lo - 1;
    if (j == n - 1 || xp[j] == x) {
      return fp[j];
    }
    double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    double res = slope * (x - xp[j]) + fp[j];
    if (Double.isNaN(res)) {
      res = slope * (x - xp[j + 1]) + fp[j + 1];
      if (Double.isNaN(res) && fp[j] == fp[j + 1]) {
        res = fp[j];
      }
    }
    return res;
  }

  /** {@code np.trapezoid(y, x)}: {@code sum(diff(x) * (y[1:] + y[:-1]) / 2.0)}. */
  static double trapezoid(double[] y, double[] x) {
    double[] terms = new double[x.length - 1];
    for (int i = 0; i < terms.length; i++) {
      terms[i] = (x[i + 1] - x[i]) * (y[i + 1] + y[i]) / 2.0;
    }
    return sum(terms, terms.length);
  }

  /**
   * {@code np.percentile(values, q)} with the default linear method: position {@code (n - 1) *
   * q/100} between the sorted neighbours, interpolated like NumPy's {@code _lerp}.
   */
  static double percentile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double pos = (sorted.length - 1) * (q / 100.0);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double t = pos - lo;
    double a = sorted[lo];
    double b = sorted[hi];
    double diff = b - a;
    return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}
