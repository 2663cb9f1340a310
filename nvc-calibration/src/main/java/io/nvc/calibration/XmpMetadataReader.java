package io.nvc.calibration;

import io.nvc.CaptureMetadata;
import io.nvc.NvcException;
import io.nvc.spi.MetadataReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MetadataReader} of this module: reads the SDK's XMP (and standard EXIF) metadata with
 * {@link CaptureMetadataIO#read(Path)}, logging each warning (files in formats that cannot carry
 * metadata, such as BMP, are skipped silently). Registered with {@link java.util.ServiceLoader}
 * at priority {@value #PRIORITY}. Stateless and thread-safe.
 */
public final class XmpMetadataReader implements MetadataReader {

  /** The priority of this reader (higher runs first). */
  public static final int PRIORITY = 100;

  private static final Logger LOG = LoggerFactory.getLogger(XmpMetadataReader.class);

  /** Creates the reader (for {@link java.util.ServiceLoader}). */
  public XmpMetadataReader() {}

  @Override
  public int priority() {
    return PRIORITY;
  }

  @Override
  public Optional<CaptureMetadata> read(Path file) throws NvcException {
    if (Files.isRegularFile(file) && !CaptureMetadataIO.canHoldMetadata(file)) {
      return Optional.empty(); // BMP and the like: nothing to read, nothing to warn about
    }
    MetadataRead read = CaptureMetadataIO.read(file);
    for (String warning : read.warnings()) {
      LOG.warn("{}: {}", file, warning);
    }
    return read.metadata();
  }
}
