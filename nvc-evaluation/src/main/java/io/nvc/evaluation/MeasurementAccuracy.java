package io.nvc.evaluation;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Per-capillary measurement accuracy in micrometres, by site (apical, arterial, venous): count,
 * median and 90th-percentile absolute error, share within 2 and 5 um, and share correct. A
 * measurement is <em>correct</em> when its absolute error is at most {@code max(}{@value
 * #CORRECT_MIN_UM}{@code  um, }{@value #CORRECT_RELATIVE}{@code  * true)}: the 2 um floor keeps thin
 * capillaries from needing sub-pixel agreement, and 10% keeps the tolerance proportional for
 * enlarged and giant capillaries. Immutable and thread-safe.
 *
 * @param bySite statistics by site, every site present
 */
public record MeasurementAccuracy(Map<MeasurementSite, MeasurementStats> bySite) {

  /** Absolute tolerance of a correct measurement, micrometres. */
  public static final double CORRECT_MIN_UM = 2.0;

  /** Relative tolerance of a correct measurement (share of the true value). */
  public static final double CORRECT_RELATIVE = 0.10;

  /** Validates and copies the map: every site present. */
  public MeasurementAccuracy {
    for (MeasurementSite s : MeasurementSite.values()) {
      if (!bySite.containsKey(s)) {
        throw new IllegalArgumentException("expected statistics for every site, found none for "
            + s);
      }
    }
    bySite = Collections.unmodifiableMap(new EnumMap<>(bySite));
  }

  /**
   * Computes the statistics.
   *
   * @param pairs one entry per measured capillary and site
   * @return statistics for every site (count 0 and NaN values for a site without pairs)
   */
  public static MeasurementAccuracy of(List<MeasurementPair> pairs) {
    Map<MeasurementSite, MeasurementStats> bySite = new EnumMap<>(MeasurementSite.class);
    for (MeasurementSite site : MeasurementSite.values()) {
      List<MeasurementPair> p = pairs.stream().filter(x -> x.site() == site).toList();
      double[] err = p.stream().mapToDouble(MeasurementPair::absErrorUm).toArray();
      if (err.length == 0) {
        bySite.put(site,
            new MeasurementStats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        continue;
      }
      double n = err.length;
      bySite.put(site,
          new MeasurementStats(
              err.length,
              Numpy.percentile(err, 50),
              Numpy.percentile(err, 90),
              Arrays.stream(err).filter(e -> e <= 2.0).count() / n,
              Arrays.stream(err).filter(e -> e <= 5.0).count() / n,
              p.stream().filter(MeasurementAccuracy::isCorrect).count() / n));
    }
    return new MeasurementAccuracy(bySite);
  }

  /**
   * Whether a measurement is correct: absolute error at most {@code max(2 um, 10% of true)}.
   *
   * @param pair the measurement
   * @return whether it is correct
   */
  public static boolean isCorrect(MeasurementPair pair) {
    return pair.absErrorUm() <= Math.max(CORRECT_MIN_UM, CORRECT_RELATIVE * pair.trueUm());
  }

  /**
   * Returns one site's statistics.
   *
   * @param site the site
   * @return its statistics
   */
  public MeasurementStats get(MeasurementSite site) {
    return bySite.get(site);
  }
}
