package io.nvc.benchmarks;

import io.nvc.synth.NailfoldRenderer;
import io.nvc.synth.Profile;
import io.nvc.synth.SynthOptions;
import io.nvc.synth.SyntheticImage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Rendering one synthetic image with its ground truth (the training data's cost), per size and profile. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class SynthBenchmark {

  /** Image size, WxH. */
  @Param({"1280x1024"})
  public String size;

  /** Generator profile. */
  @Param({"mixed"})
  public String profile;

  private SynthOptions options;
  private long seed;

  /** Prepares the options. */
  @Setup
  public void setup() {
    String[] wh = size.split("x");
    options = SynthOptions.defaults().withSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]))
        .withProfile(Profile.fromName(profile));
  }

  /** One image, a new seed each time. */
  @Benchmark
  public SyntheticImage render() {
    return NailfoldRenderer.render(seed++, options);
  }
}
