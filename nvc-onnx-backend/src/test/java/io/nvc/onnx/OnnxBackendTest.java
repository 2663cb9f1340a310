package io.nvc.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.ErrorCode;
import io.nvc.NailfoldAnalyzer;
import io.nvc.NvcException;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import io.nvc.spi.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ONNX Runtime backend at the tensor level, on a hand-encoded ONNX model. */
class OnnxBackendTest {

  @TempDir Path dir;

  final OnnxBackend backend = new OnnxBackend();
  final SessionOptions options = new SessionOptions(1, 1, false);

  ModelFile model() throws Exception {
    Path p = Files.write(dir.resolve("affine.onnx"), OnnxModelBytes.affine(3, 4, 5));
    return new ModelFile("affine", ModelFormat.ONNX, p, io.nvc.testsupport.Hashes.sha256(p),
        List.of("y", "neg"));
  }

  static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * 0.25f - 3;
    }
    return v;
  }

  @Test
  void isFoundByServiceLoaderWithTheHighestPriority() {
    assertEquals("onnx", NailfoldAnalyzer.availableBackends().get(0));
    assertTrue(backend.version().startsWith("1.29"), backend.version());
  }

  @Test
  void runsHeapAndDirectInputsAndReturnsEveryOutput() throws Exception {
    try (InferenceSession s = backend.open(model(), options)) {
      assertEquals(List.of("x"), s.inputNames());
      assertEquals(List.of("y", "neg"), s.outputNames());
      float[] x = ramp(2 * 3 * 4 * 5);
      Map<String, Tensor> out = s.run(Map.of("x", Tensor.of(x, 2, 3, 4, 5)));
      assertArrayEquals(new long[] {2, 3, 4, 5}, out.get("y").shape());
      for (int i = 0; i < x.length; i++) {
        assertEquals(2 * x[i] + 1, out.get("y").get(i), 1e-6);
        assertEquals(-x[i], out.get("neg").get(i), 1e-6);
      }
      FloatBuffer direct = ByteBuffer.allocateDirect(x.length * 4).order(ByteOrder.nativeOrder()).asFloatBuffer();
      direct.put(x).flip();
      Map<String, Tensor> again = s.run(Map.of("x", Tensor.of(direct, 2, 3, 4, 5)));
      assertEquals(out.get("y").get(17), again.get("y").get(17));
    }
  }

  @Test
  void wrongInputShapeSaysWhatWasExpected() throws Exception {
    try (InferenceSession s = backend.open(model(), options)) {
      NvcException e = assertThrows(NvcException.class,
          () -> s.run(Map.of("x", Tensor.of(new float[3 * 8 * 8], 1, 3, 8, 8))));
      assertEquals(ErrorCode.MODEL_INVALID, e.code());
      assertEquals("model affine (affine.onnx) expects input 'x' of shape [-1, 3, 4, 5] (-1 = any), found [1, 3, 8, 8]",
          e.getMessage());
      NvcException name = assertThrows(NvcException.class,
          () -> s.run(Map.of("images", Tensor.of(new float[60], 1, 3, 4, 5))));
      assertTrue(name.getMessage().contains("has no input 'images'; inputs: [x]"), name.getMessage());
    }
  }

  @Test
  void truncatedModelIsAClearError() throws Exception {
    byte[] bytes = OnnxModelBytes.affine(3, 4, 5);
    Path p = Files.write(dir.resolve("cut.onnx"), Arrays.copyOf(bytes, bytes.length / 2));
    NvcException e = assertThrows(NvcException.class,
        () -> backend.open(new ModelFile("cut", ModelFormat.ONNX, p, "0".repeat(64), List.of("y")), options));
    assertEquals(ErrorCode.MODEL_INVALID, e.code());
    assertTrue(e.getMessage().contains("cannot load model file " + p) && e.getMessage().contains("expected a valid ONNX model"),
        e.getMessage());
  }

  @Test
  void closeIsIdempotentAndRunAfterCloseIsAnError() throws Exception {
    InferenceSession s = backend.open(model(), options);
    s.close();
    s.close();
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> s.run(Map.of("x", Tensor.of(new float[60], 1, 3, 4, 5))));
    assertTrue(e.getMessage().contains("is closed"));
  }

  @Test
  void eightThreadsShareOneSession() throws Exception {
    try (InferenceSession s = backend.open(model(), options)) {
      ExecutorService pool = Executors.newFixedThreadPool(8);
      try {
        List<Future<Float>> results = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          final int k = i;
          results.add(pool.submit(() -> {
            float[] x = ramp(60);
            x[0] = k;
            return s.run(Map.of("x", Tensor.of(x, 1, 3, 4, 5))).get("y").get(0);
          }));
        }
        for (int i = 0; i < 64; i++) {
          assertEquals(2f * i + 1, results.get(i).get());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void writesNothingUnderTheUsersHome() throws Exception {
    // Surefire points HOME at target/test-home for this module (see the pom).
    Path home = Path.of(System.getenv("HOME"));
    assertTrue(home.endsWith("test-home"), "HOME is " + home);
    try (InferenceSession s = backend.open(model(), options)) {
      s.run(Map.of("x", Tensor.of(new float[60], 1, 3, 4, 5)));
    }
    if (Files.exists(home)) {
      try (Stream<Path> files = Files.walk(home)) {
        assertEquals(List.of(home), files.toList(), "ONNX Runtime wrote under HOME");
      }
    }
  }
}
