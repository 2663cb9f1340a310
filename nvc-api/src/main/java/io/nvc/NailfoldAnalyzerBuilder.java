package io.nvc;

import io.nvc.internal.ModelBundle;
import io.nvc.spi.InferenceBackend;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Configures and builds a {@link NailfoldAnalyzer}. Each {@link #build()} takes a snapshot of the
 * settings, so a builder may be reused and changed afterwards without affecting analyzers already
 * built. Not thread-safe.
 */
public final class NailfoldAnalyzerBuilder {

  private @Nullable String backendName;
  private @Nullable InferenceBackend backend;
  private @Nullable Path models;
  private double minConfidence = 0.40;
  private double nmsIou = 0.50;
  private double crossClassNmsIou = 0.70;
  private double measurementConfidence = 0.50;
  private double visualSizeConfidence = 0.50;
  private int maxDetections = 300;
  private int threads = Math.min(2, Runtime.getRuntime().availableProcessors());
  private long maxImagePixels = 100_000_000L;
  private boolean allowGpu = true;
  private boolean useFileMetadata = true;

  NailfoldAnalyzerBuilder() {}

  /** Uses the backend named {@code name} (for example {@code onnx} or {@code djl}). */
  public NailfoldAnalyzerBuilder backend(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("backend name must not be blank");
    }
    this.backendName = name;
    this.backend = null;
    return this;
  }

  /** Uses {@code instance} instead of discovering backends. */
  public NailfoldAnalyzerBuilder backend(InferenceBackend instance) {
    if (instance == null) {
      throw new IllegalArgumentException("backend must not be null");
    }
    this.backend = instance;
    this.backendName = null;
    return this;
  }

  /**
   * Uses the models described by the {@code *.manifest.json} files in {@code directory} (and its direct
   * subdirectories). Without this call the default models are used: the directory named by the system
   * property {@code nvc.models}, else the environment variable {@code NVC_MODELS}, else {@code models/}
   * in the working directory or next to the SDK's jar.
   */
  public NailfoldAnalyzerBuilder models(Path directory) {
    if (directory == null) {
      throw new IllegalArgumentException("model directory must not be null");
    }
    this.models = directory;
    return this;
  }

  /** Detections below this confidence are dropped; default 0.40 (the seed paper's operating point). */
  public NailfoldAnalyzerBuilder minConfidence(double value) {
    this.minConfidence = fraction("minConfidence", value);
    return this;
  }

  /** IoU above which a detection is suppressed by a better one of the same class; default 0.50. */
  public NailfoldAnalyzerBuilder nmsIou(double value) {
    this.nmsIou = fraction("nmsIou", value);
    return this;
  }

  /**
   * IoU above which a capillary is suppressed by a better one of another capillary class, so that one
   * loop is not reported as two shapes; default 0.70, 1.0 disables it.
   */
  public NailfoldAnalyzerBuilder crossClassNmsIou(double value) {
    this.crossClassNmsIou = fraction("crossClassNmsIou", value);
    return this;
  }

  /**
   * Measurements whose confidence (the lower of their two keypoints') is below this are not reported
   * and do not decide sizes; default 0.50.
   */
  public NailfoldAnalyzerBuilder measurementConfidence(double value) {
    this.measurementConfidence = fraction("measurementConfidence", value);
    return this;
  }

  /** The visual-size model decides a size only with at least this probability; default 0.50. */
  public NailfoldAnalyzerBuilder visualSizeConfidence(double value) {
    this.visualSizeConfidence = fraction("visualSizeConfidence", value);
    return this;
  }

  /** Most detections kept per image, best first; default 300. */
  public NailfoldAnalyzerBuilder maxDetections(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("maxDetections must be >= 1, found " + value);
    }
    this.maxDetections = value;
    return this;
  }

  /** Threads each model may use per call; default min(2, available processors). */
  public NailfoldAnalyzerBuilder threads(int value) {
    if (value < 1 || value > 256) {
      throw new IllegalArgumentException("threads must be in [1, 256], found " + value);
    }
    this.threads = value;
    return this;
  }

  /**
   * Largest image accepted, in pixels (width * height); default 100,000,000. Files are checked from
   * their header, before decoding.
   */
  public NailfoldAnalyzerBuilder maxImagePixels(long value) {
    if (value < 256) {
      throw new IllegalArgumentException("maxImagePixels must be >= 256, found " + value);
    }
    this.maxImagePixels = value;
    return this;
  }

  /** Whether a backend may use a GPU when one is present; default true. */
  public NailfoldAnalyzerBuilder allowGpu(boolean value) {
    this.allowGpu = value;
    return this;
  }

  /**
   * Whether an image file analysed without a calibration takes the calibration stored in its metadata
   * (by any {@link io.nvc.spi.MetadataReader} found, such as nvc-calibration's XMP reader); default true.
   */
  public NailfoldAnalyzerBuilder useFileMetadata(boolean value) {
    this.useFileMetadata = value;
    return this;
  }

  /**
   * Builds the analyzer: chooses the backend, loads the manifests, verifies each model file's SHA-256
   * and opens the models.
   *
   * @throws NvcException when no backend matches, a model is missing or invalid, or a model fails to
   *     load; nothing stays open after a failure
   */
  public NailfoldAnalyzer build() throws NvcException {
    InferenceBackend chosen = backend != null ? backend : Backends.choose(backendName);
    ModelBundle bundle = ModelBundle.load(models != null ? models : ModelBundle.defaultDirectory());
    Settings settings = new Settings(minConfidence, nmsIou, crossClassNmsIou, measurementConfidence,
        visualSizeConfidence, maxDetections, threads, maxImagePixels, allowGpu);
    return CascadeAnalyzer.open(chosen, bundle, settings,
        useFileMetadata ? Backends.metadataReaders() : java.util.List.of());
  }

  private static double fraction(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], found " + value);
    }
    return value;
  }

  /** An immutable snapshot of the builder's settings. */
  record Settings(
      double minConfidence, double nmsIou, double crossClassNmsIou, double measurementConfidence,
      double visualSizeConfidence, int maxDetections, int threads, long maxImagePixels,
      boolean allowGpu) {}
}
