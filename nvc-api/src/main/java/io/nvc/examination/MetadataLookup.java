package io.nvc.examination;

import io.nvc.CaptureMetadata;
import io.nvc.NvcException;
import io.nvc.spi.MetadataReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Reads the capture metadata (finger, sector, calibration, ...) of an image file. */
@FunctionalInterface
public interface MetadataLookup {

  /**
   * The metadata of {@code file}, or empty when it has none.
   *
   * @throws NvcException when the file cannot be read at all
   */
  Optional<CaptureMetadata> read(Path file) throws NvcException;

  /** A lookup that finds nothing: the folder layout alone decides. */
  static MetadataLookup none() {
    return file -> Optional.empty();
  }

  /**
   * The {@link MetadataReader}s found by {@link ServiceLoader} (for example nvc-calibration's XMP
   * reader), highest priority first; the first that finds metadata answers. Readers that fail to load
   * are skipped.
   */
  static MetadataLookup installed() {
    List<MetadataReader> readers = new ArrayList<>();
    Iterator<MetadataReader> it = ServiceLoader.load(MetadataReader.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        readers.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        // a broken provider: skip it, as the analyzer does
      }
    }
    readers.sort(Comparator.comparingInt(MetadataReader::priority).reversed());
    List<MetadataReader> found = List.copyOf(readers);
    return file -> {
      for (MetadataReader r : found) {
        Optional<CaptureMetadata> m = r.read(file);
        if (m.isPresent()) {
          return m;
        }
      }
      return Optional.empty();
    };
  }
}
