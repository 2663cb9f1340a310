package io.nvc.internal;

import io.nvc.ErrorCode;
import io.nvc.NvcException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reading and writing result files. Stateless and thread-safe. */
public final class TextFiles {

  private TextFiles() {}

  /**
   * Writes {@code text} to {@code file} through a temporary sibling and an atomic move, so that a
   * reader never sees half a file.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be written
   */
  public static void writeAtomically(Path file, String text) throws NvcException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, text);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The text of {@code file}.
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be read
   */
  public static String read(Path file) throws NvcException {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
