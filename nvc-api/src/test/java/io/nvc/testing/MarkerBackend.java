package io.nvc.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test backend whose "models" are small deterministic image-processing programs that read the
 * colour markers drawn by {@link MarkerScene}: the detector finds class-coloured rectangles, the
 * keypoint model finds keypoint-coloured dots, the visual-size model reads a grey square. Model files
 * are JSON that say which program to run and how its input was normalised, so the SDK's preprocessing,
 * decoding and coordinate mapping are exercised for real.
 */
public final class MarkerBackend implements InferenceBackend {

  /** Sessions currently open, across all instances: lets tests check that the SDK closes them. */
  public static final AtomicInteger OPEN_SESSIONS = new AtomicInteger();

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Override
  public String name() {
    return "marker";
  }

  @Override
  public String version() {
    return "1";
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Set<ModelFormat> formats() {
    return Set.of(ModelFormat.ONNX);
  }

  @Override
  public InferenceSession open(ModelFile model, SessionOptions options) throws NvcException {
    JsonNode spec;
    try {
      spec = MAPPER.readTree(model.path().toFile());
    } catch (IOException e) {
      throw new NvcException(ErrorCode.MODEL_INVALID, "model file " + model.path() + " is not a marker model", e);
    }
    OPEN_SESSIONS.incrementAndGet();
    return new MarkerSession(spec);
  }
}
