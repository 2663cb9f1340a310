package io.nvc.testing;

import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import io.nvc.spi.MetadataReader;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A test metadata reader: a file named {@code name@0.5um.png} carries a calibration of 0.5 um/px. */
public final class FileNameMetadataReader implements MetadataReader {

  private static final Pattern SCALE = Pattern.compile("@([0-9.]+)um\\.");

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public Optional<CaptureMetadata> read(Path file) {
    Matcher m = SCALE.matcher(file.getFileName().toString());
    if (!m.find()) {
      return Optional.empty();
    }
    Calibration c = Calibration.of(Double.parseDouble(m.group(1)), CalibrationSource.METADATA);
    return Optional.of(new CaptureMetadata(null, null, null, c, null, null, null, null, null, null, null));
  }
}
