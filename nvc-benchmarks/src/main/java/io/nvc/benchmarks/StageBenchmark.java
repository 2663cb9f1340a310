package io.nvc.benchmarks;

import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.ImageAnalysis;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import io.nvc.internal.Crop;
import io.nvc.internal.Decoders;
import io.nvc.internal.Detection;
import io.nvc.internal.DetectionPlanner;
import io.nvc.internal.DetectorClass;
import io.nvc.internal.DistalRow;
import io.nvc.internal.Frame;
import io.nvc.internal.InputSpec;
import io.nvc.internal.ModelBundle;
import io.nvc.internal.ModelManifest;
import io.nvc.internal.Nms;
import io.nvc.internal.Placement;
import io.nvc.internal.TensorPacker;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import io.nvc.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Each stage of the cascade alone, on the inputs the previous stage made for the same image:
 * preprocessing, the raw detector run (the floor), decoding with NMS, cropping every capillary, the raw
 * batched keypoint run (the floor) and post-processing (keypoint decoding and the distal row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true", "-Xmx2g"})
public class StageBenchmark {

  /** Image size, WxH. */
  @Param({"1280x1024"})
  public String size;

  /** Backend name. */
  @Param({"onnx", "djl"})
  public String backend;

  /** Threads each model call may use. */
  @Param({"1"})
  public int modelThreads;

  /**
   * Capillaries in the keypoint batch: 0 for every one the detector reports (43 at 1280x1024), else the
   * first that many (the models issue sizes the keypoint model for 30).
   */
  @Param({"0"})
  public int keypointBatch;

  private final Calibration calibration = Calibration.manual(1.0);
  private Frame frame;
  private ModelManifest detector;
  private ModelManifest keypoints;
  private InferenceSession detectorSession;
  private InferenceSession keypointSession;
  private List<Placement> tiles;
  private List<Map<String, Tensor>> detectorInputs;
  private List<Map<String, Tensor>> detectorOutputs;
  private List<Crop> crops;
  private Map<String, Tensor> keypointInput;
  private Map<String, Tensor> keypointOutput;
  private List<CapillaryFinding> findings;
  private DetectorClass[] classes;

  /** Runs the cascade once, keeping every stage's input. */
  @Setup
  public void setup() throws NvcException {
    var image = Fixtures.image(size);
    frame = Frame.of(image);
    ModelBundle bundle = Fixtures.models();
    detector = bundle.detector();
    keypoints = bundle.keypoints();
    InferenceBackend b = Fixtures.backend(backend);
    SessionOptions options = new SessionOptions(modelThreads, 1, false);
    detectorSession = open(b, detector, options);
    keypointSession = open(b, keypoints, options);
    classes = detector.classes().stream().map(DetectorClass::fromName).toArray(DetectorClass[]::new);
    tiles = DetectionPlanner.plan(frame.width(), frame.height(), detector, calibration);
    detectorInputs = new ArrayList<>();
    detectorOutputs = new ArrayList<>();
    for (float[] data : preprocess()) {
      Map<String, Tensor> in = Map.of(detector.input().name(), Tensor.of(data, detector.input().shape(1)));
      detectorInputs.add(in);
      detectorOutputs.add(detectorSession.run(in));
    }
    crops = new ArrayList<>();
    for (Detection d : decodeAndSuppress()) {
      if (!classes[d.classIndex()].isHaemorrhage()) {
        crops.add(Crop.around(d.box(), keypoints.input(), keypoints.cropMargin(), 0));
      }
    }
    if (keypointBatch > 0) {
      if (keypointBatch > crops.size()) {
        throw new IllegalStateException("keypointBatch " + keypointBatch + ": expected at most the "
            + crops.size() + " capillaries the detector reports on this " + size + " image");
      }
      crops = crops.subList(0, keypointBatch);
    }
    keypointInput = Map.of(keypoints.input().name(),
        Tensor.of(cropAndResize(), keypoints.input().shape(crops.size())));
    keypointOutput = keypointSession.run(keypointInput);
    try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().backend(b).build()) {
      ImageAnalysis a = analyzer.analyze(image, calibration);
      findings = a.capillaries();
    }
  }

  private static InferenceSession open(InferenceBackend b, ModelManifest m, SessionOptions options)
      throws NvcException {
    for (ModelFormat f : ModelFormat.values()) {
      var entry = m.files().get(f);
      if (entry != null && b.formats().contains(f)) {
        List<String> outputs = m.outputSlots().stream().map(m::output).toList();
        return b.open(new ModelFile(m.name(), f, entry.path(), entry.sha256(), outputs), options);
      }
    }
    throw new IllegalStateException("backend " + b.name() + " opens none of " + m.files().keySet());
  }

  /** Stage 1: every detector input packed from the image. */
  @Benchmark
  public List<float[]> preprocess() {
    InputSpec in = detector.input();
    List<float[]> out = new ArrayList<>(tiles.size());
    for (Placement p : tiles) {
      float[] data = new float[in.valuesPerImage()];
      TensorPacker.pack(frame, p, in, data, 0, false);
      out.add(data);
    }
    return out;
  }

  /** Stage 2: the raw detector runs on prepared inputs. */
  @Benchmark
  public int detectorRaw() throws NvcException {
    int n = 0;
    for (Map<String, Tensor> in : detectorInputs) {
      n += detectorSession.run(in).size();
    }
    return n;
  }

  /** Stage 3: decoding every detector output and suppressing duplicates. */
  @Benchmark
  public List<Detection> decodeAndSuppress() throws NvcException {
    List<Detection> all = new ArrayList<>();
    for (int i = 0; i < tiles.size(); i++) {
      all.addAll(Decoders.detections(detector, detectorOutputs.get(i), tiles.get(i), 0.4, frame.width(),
          frame.height()));
    }
    return Nms.apply(all, 0.5, 0.7, c -> !classes[c].isHaemorrhage());
  }

  /** Stage 4: every capillary cropped and resized into one batch. */
  @Benchmark
  public float[] cropAndResize() {
    InputSpec in = keypoints.input();
    float[] data = new float[crops.size() * in.valuesPerImage()];
    for (int i = 0; i < crops.size(); i++) {
      TensorPacker.pack(frame, crops.get(i), in, data, i * in.valuesPerImage());
    }
    return data;
  }

  /** Stage 5: the raw batched keypoint run on the prepared crops. */
  @Benchmark
  public Map<String, Tensor> keypointRaw() throws NvcException {
    return keypointSession.run(keypointInput);
  }

  /** Stage 6: keypoint decoding and the distal row. */
  @Benchmark
  public DistalRow.Result postprocess() throws NvcException {
    Decoders.keypoints(keypoints, keypointOutput, crops.size());
    return DistalRow.find(findings, frame.width(), frame.height(), calibration);
  }

  /** Closes the sessions. */
  @TearDown
  public void tearDown() {
    detectorSession.close();
    keypointSession.close();
  }
}
