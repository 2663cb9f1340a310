package io.nvc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The SDK's version, from the build. */
final class SdkVersion {

  private static final String VERSION = load();

  private SdkVersion() {}

  static String get() {
    return VERSION;
  }

  private static String load() {
    Properties p = new Properties();
    try (InputStream in = SdkVersion.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      return "unknown";
    }
    return p.getProperty("sdk.version", "unknown");
  }
}
