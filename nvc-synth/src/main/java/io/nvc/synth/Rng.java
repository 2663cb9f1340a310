package io.nvc.synth;

/**
 * SplitMix64 generator: fully specified here so that results never depend on the JDK. Transcendental
 * functions go through {@link StrictMath}. Not thread-safe; each render owns its instances.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** An independent stream for {@code seed} and a stream id, so that one stream's draws never shift another's. */
  static Rng stream(long seed, long streamId) {
    return new Rng(mix(seed ^ mix(streamId * 0xD1B54A32D192ED03L + 1)));
  }

  static long mix(long value) {
    long z = value;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A hash of (seed, index), for per-pixel noise without a sequential generator. */
  static long hash(long seed, long index) {
    return mix(seed + index * GOLDEN);
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  double uniform(double min, double max) {
    return min + (max - min) * nextDouble();
  }

  int nextInt(int bound) {
    return (int) ((nextLong() >>> 1) % bound);
  }

  /** A uniform integer in [min, max], both included. */
  int between(int min, int max) {
    return min + nextInt(max - min + 1);
  }

  boolean chance(double probability) {
    return nextDouble() < probability;
  }

  double gaussian() {
    double u1 = 1.0 - nextDouble();
    double u2 = nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
  }

  /** A Gaussian draw clamped to +-{@code limit} standard deviations. */
  double gaussian(double mean, double sd, double limit) {
    double g = Math.max(-limit, Math.min(limit, gaussian()));
    return mean + sd * g;
  }

  int poisson(double mean) {
    double l = StrictMath.exp(-mean);
    int k = 0;
    double p = nextDouble();
    while (p > l && k < 1000) {
      k++;
      p *= nextDouble();
    }
    return k;
  }
}
