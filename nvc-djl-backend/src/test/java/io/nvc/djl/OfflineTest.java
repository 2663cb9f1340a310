package io.nvc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The backend puts DJL offline by itself: a fresh JVM started without {@code ai.djl.offline} and
 * without {@code OPT_OUT_TRACKING} loads the backend, starts the PyTorch engine and reports what DJL
 * saw when it initialised.
 */
class OfflineTest {

  /** Run in the child JVM: start the engine through the backend, then print DJL's view. */
  public static void main(String[] args) {
    String before = System.getProperty("ai.djl.offline") + "," + System.getenv("OPT_OUT_TRACKING");
    String version = new DjlBackend().version();
    System.out.println("before=" + before);
    System.out.println("engine=" + version);
    System.out.println("offline=" + ai.djl.util.Utils.isOfflineMode());
    System.out.println("tracking=" + ai.djl.util.Utils.getEnvOrSystemProperty("OPT_OUT_TRACKING"));
  }

  @Test
  void engineStartsOfflineWithoutHelpFromTheEnvironment() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        OfflineTest.class.getName());
    pb.environment().remove("OPT_OUT_TRACKING");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    List<String> lines = out.lines().toList();
    assertTrue(lines.contains("before=null,null"), "the child starts without the settings: " + out);
    assertTrue(lines.stream().anyMatch(l -> l.startsWith("engine=2.7")), "PyTorch 2.7 started: " + out);
    assertTrue(lines.contains("offline=true"), out);
    assertTrue(lines.contains("tracking=true"), out);
  }
}
