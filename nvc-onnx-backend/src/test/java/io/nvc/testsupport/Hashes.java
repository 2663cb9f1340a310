package io.nvc.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** SHA-256 for tests. */
public final class Hashes {

  private Hashes() {}

  /** The SHA-256 of {@code file}, lower-case hex. */
  public static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
