package io.nvc.dataset;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** Helpers for the extra (non-standard) JSON fields kept on COCO records. */
final class Extras {

  private Extras() {}

  static Map<String, Object> copy(Map<String, Object> extra) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(extra));
  }

  static OptionalDouble number(Map<String, Object> extra, String key) {
    Object value = extra.get(key);
    return value instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
  }

  static Optional<String> string(Map<String, Object> extra, String key) {
    Object value = extra.get(key);
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  static Optional<Boolean> bool(Map<String, Object> extra, String key) {
    Object value = extra.get(key);
    return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
  }

  static Map<String, Object> with(Map<String, Object> extra, String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(extra);
    copy.put(key, value);
    return Collections.unmodifiableMap(copy);
  }
}
