package io.nvc;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Analyses nailfold capillaroscopy images: finds every capillary and haemorrhage, classifies shapes,
 * measures calibres, sizes capillaries by the EULAR rules and marks the distal row.
 *
 * <p>The cascade: preprocess (resample to the detector's canonical scale when calibrated, letterbox or
 * tile) -&gt; detector -&gt; decode -&gt; non-maximum suppression -&gt; crop every capillary -&gt; one
 * batched keypoint-model call -&gt; measurements -&gt; size (calibrated confident measurements, else the
 * visual-size model, else the detector's giant class, else unknown) -&gt; distal row and density.
 *
 * <p><b>Thread safety:</b> an analyzer is thread-safe; call {@code analyze} from any number of threads
 * on one instance. It owns its model sessions and native resources until {@link #close()}, which waits
 * for running analyses, releases everything and is idempotent; {@code analyze} after close throws
 * {@link IllegalStateException}. Images passed in remain the caller's and are only read during the call.
 *
 * <pre>{@code
 * try (NailfoldAnalyzer analyzer = NailfoldAnalyzer.builder().build()) {
 *   ImageAnalysis result = analyzer.analyze(Path.of("R3-B.png"), Calibration.manual(1.2));
 *   System.out.println(result.summary().densityPerMm());
 * }
 * }</pre>
 */
public interface NailfoldAnalyzer extends AutoCloseable {

  /** A builder with default settings: the highest-priority backend and the default models. */
  static NailfoldAnalyzerBuilder builder() {
    return new NailfoldAnalyzerBuilder();
  }

  /** Names of the inference backends found on the class or module path, highest priority first. */
  static List<String> availableBackends() {
    return Backends.names();
  }

  /**
   * Analyses an image file (JPEG, PNG, TIFF or BMP). The pixel count is checked against the limit from
   * the file header, before any pixel is decoded.
   *
   * @param calibration the image's calibration, or null when unknown
   * @throws NvcException when the file cannot be read or decoded, is too large or too small, or a model
   *     fails
   */
  ImageAnalysis analyze(Path imageFile, @Nullable Calibration calibration) throws NvcException;

  /**
   * Analyses an in-memory image of any type; common 8-bit RGB types are read in place.
   *
   * @param calibration the image's calibration, or null when unknown
   */
  ImageAnalysis analyze(BufferedImage image, @Nullable Calibration calibration) throws NvcException;

  /**
   * Analyses a raw interleaved 8-bit frame, read in place (no copy beyond the model inputs).
   *
   * @param calibration the frame's calibration, or null when unknown
   */
  ImageAnalysis analyze(RawImage frame, @Nullable Calibration calibration) throws NvcException;

  /** Name of the backend in use. */
  String backendName();

  /** The models in use, with their SHA-256. */
  List<ModelInfo> models();

  /** Releases the models and native resources; waits for running analyses; idempotent. */
  @Override
  void close();
}
