package io.nvc.examination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Statistics of one calibre (apical, arterial or venous) in micrometres over a set of capillaries.
 * Immutable and thread-safe.
 *
 * @param count number of measurements in micrometres (uncalibrated images and unmeasured capillaries
 *     give none)
 * @param mean mean in um, null when {@code count} is 0
 * @param median median in um (mean of the two middle values for an even count), null when {@code count}
 *     is 0
 * @param max largest value in um, null when {@code count} is 0
 */
public record CalibreStats(int count, @Nullable Double mean, @Nullable Double median, @Nullable Double max) {

  /** No measurement. */
  public static final CalibreStats EMPTY = new CalibreStats(0, null, null, null);

  /** Validates: every statistic present exactly when {@code count > 0}, finite, and mean, median <= max. */
  public CalibreStats {
    if (count < 0) {
      throw new IllegalArgumentException("count must be >= 0, found " + count);
    }
    boolean present = count > 0;
    if ((mean != null) != present || (median != null) != present || (max != null) != present) {
      throw new IllegalArgumentException("mean, median and max are given exactly when count > 0, found count="
          + count + " mean=" + mean + " median=" + median + " max=" + max);
    }
    if (present) {
      for (double v : new double[] {mean, median, max}) {
        if (!Double.isFinite(v) || v < 0) {
          throw new IllegalArgumentException("calibre statistics must be finite and >= 0, found " + v);
        }
      }
      if (mean > max + 1e-9 || median > max + 1e-9) {
        throw new IllegalArgumentException("mean and median cannot exceed max, found mean=" + mean
            + " median=" + median + " max=" + max);
      }
    }
  }

  /** The statistics of {@code micrometres}. */
  public static CalibreStats of(Collection<Double> micrometres) {
    if (micrometres.isEmpty()) {
      return EMPTY;
    }
    List<Double> sorted = new ArrayList<>(micrometres);
    sorted.sort(null);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new CalibreStats(n, sum / n, median, sorted.get(n - 1));
  }
}
