package io.nvc;

import io.nvc.spi.InferenceBackend;
import io.nvc.spi.MetadataReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Discovers backends and metadata readers with {@link ServiceLoader}. Stateless and thread-safe. */
final class Backends {

  private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

  private Backends() {}

  /** Backends found, highest priority first (ties by name); broken providers are logged and skipped. */
  static List<InferenceBackend> discover(List<String> problems) {
    List<InferenceBackend> found = new ArrayList<>();
    Iterator<InferenceBackend> it = ServiceLoader.load(InferenceBackend.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        InferenceBackend b = it.next();
        LOG.debug("found inference backend {} (priority {})", b.name(), b.priority());
        found.add(b);
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("skipping an inference backend that failed to load: {}", e.toString());
        problems.add(e.toString());
      }
    }
    found.sort(Comparator.comparingInt(InferenceBackend::priority).reversed()
        .thenComparing(InferenceBackend::name));
    return found;
  }

  /** Metadata readers found, highest priority first; broken providers are logged and skipped. */
  static List<MetadataReader> metadataReaders() {
    List<MetadataReader> found = new ArrayList<>();
    Iterator<MetadataReader> it = ServiceLoader.load(MetadataReader.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError | LinkageError e) {
        LOG.warn("skipping a metadata reader that failed to load: {}", e.toString());
      }
    }
    found.sort(Comparator.comparingInt(MetadataReader::priority).reversed());
    return found;
  }

  static List<String> names() {
    return discover(new ArrayList<>()).stream().map(InferenceBackend::name).toList();
  }

  /**
   * The backend named {@code name}, or the highest-priority one when {@code name} is null.
   *
   * @throws NvcException {@link ErrorCode#BACKEND_NOT_FOUND} listing the backends found
   */
  static InferenceBackend choose(@org.jspecify.annotations.Nullable String name) throws NvcException {
    List<String> problems = new ArrayList<>();
    List<InferenceBackend> all = discover(problems);
    for (InferenceBackend b : all) {
      if (name == null || b.name().equalsIgnoreCase(name)) {
        return b;
      }
    }
    String found = all.isEmpty() ? "none" : String.join(", ", all.stream().map(InferenceBackend::name).toList());
    String extra = problems.isEmpty() ? "" : "; providers that failed to load: " + String.join("; ", problems);
    if (name == null) {
      throw new NvcException(ErrorCode.BACKEND_NOT_FOUND,
          "no inference backend found; expected a backend jar such as nvc-onnx-backend on the class or"
              + " module path" + extra);
    }
    throw new NvcException(ErrorCode.BACKEND_NOT_FOUND,
        "no inference backend named '" + name + "'; found: " + found + extra);
  }
}
