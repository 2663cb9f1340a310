package io.nvc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's Java example is QuickStart.java line for line, so it compiles as written. */
class ReadmeSnippetTest {

  @Test
  void readmeShowsQuickStartExactly() throws Exception {
    String readme = Files.readString(Path.of("../README.md"));
    String marker = "```java\n";
    int start = readme.indexOf(marker);
    assertTrue(start >= 0, "README has a java block");
    int end = readme.indexOf("```", start + marker.length());
    String snippet = readme.substring(start + marker.length(), end);
    String source = Files.readString(Path.of("src/main/java/io/nvc/examples/QuickStart.java"));
    assertEquals(source, snippet);
  }
}
