package io.nvc.benchmarks;

import io.nvc.Calibration;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import java.awt.image.BufferedImage;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole analyses ({@code analyze(image, calibration)}) with the default models, per image size, backend,
 * model thread count, image rotation and whether the image is calibrated. One analyzer is shared by all
 * benchmark threads, as an application would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Xmx2g"})
public class AnalyzeBenchmark {

  /** Image size, WxH. */
  @Param({"640x480", "1280x1024", "1920x1080"})
  public String size;

  /** Backend name. */
  @Param({"onnx", "djl"})
  public String backend;

  /** Threads each model call may use. */
  @Param({"1"})
  public int modelThreads;

  /**
   * Degrees the image is turned, 0 or 180: at 180 its capillaries point down, so their crops are turned
   * upright (the most confident measured first as the image lies, then every one turned).
   */
  @Param({"0"})
  public int rotation;

  /**
   * Whether the image comes with its calibration (1 um per pixel): calibrated images are resampled to the
   * detector's canonical scale, uncalibrated ones letterboxed or tiled at up to its maxDownscale.
   */
  @Param({"true"})
  public boolean calibrated;

  private NailfoldAnalyzer analyzer;
  private BufferedImage image;
  private final Calibration calibration = Calibration.manual(1.0);

  /** Renders the image and opens the analyzer. */
  @Setup
  public void setup() throws NvcException {
    image = Fixtures.image(size);
    if (rotation == 180) {
      image = Fixtures.turnedHalfway(image);
    } else if (rotation != 0) {
      throw new IllegalArgumentException("rotation: expected 0 or 180, found " + rotation);
    }
    analyzer = NailfoldAnalyzer.builder().backend(backend).threads(modelThreads).build();
  }

  /** One full analysis. */
  @Benchmark
  public ImageAnalysis analyze() throws NvcException {
    return analyzer.analyze(image, calibrated ? calibration : null);
  }

  /** Closes the analyzer. */
  @TearDown
  public void tearDown() {
    analyzer.close();
  }
}
