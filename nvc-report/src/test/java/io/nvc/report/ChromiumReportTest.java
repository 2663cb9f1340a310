package io.nvc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report in headless Chromium: it loads without any console message (the report has no script,
 * so any message is a problem) and renders its sections. Skipped when no {@code chromium} is installed
 * (Debian: {@code apt-get install chromium}).
 */
class ChromiumReportTest {

  @TempDir Path dir;

  static Optional<Path> chromium() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
      for (String d : path.split(File.pathSeparator)) {
        Path p = Path.of(d, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  @Test
  void rendersWithoutConsoleErrors() throws Exception {
    Optional<Path> browser = chromium();
    Assumptions.assumeTrue(browser.isPresent(), "no chromium on the PATH");
    Path html = dir.resolve("report.html");
    HtmlReport.defaults().write(ReportFixtures.report(dir), html);
    Path profile = Files.createDirectories(dir.resolve("profile"));
    Path screenshot = dir.resolve("report.png");
    List<String> common = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
        "--enable-logging=stderr", "--v=0");
    Result dom = run(browser.get(), common, "--dump-dom", html.toUri().toString());
    List<String> console = dom.err().lines().filter(l -> l.contains(":CONSOLE")).toList();
    assertEquals(List.of(), console, "console messages");
    assertTrue(dom.out().contains("id=\"fast-track\"") && dom.out().contains("<svg"), "rendered DOM");
    Result shot = run(browser.get(), common, "--window-size=1280,1800", "--screenshot=" + screenshot,
        html.toUri().toString());
    assertTrue(Files.size(screenshot) > 10_000, "screenshot: " + shot.err());
  }

  record Result(String out, String err) {}

  static Result run(Path browser, List<String> common, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(browser.toString());
    cmd.addAll(common);
    cmd.addAll(List.of(args));
    Path dir = Files.createTempDirectory("chromium");
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 120 s");
    }
    Result r = new Result(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    try (Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
    return r;
  }
}
