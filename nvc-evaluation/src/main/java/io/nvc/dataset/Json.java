package io.nvc.dataset;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Shared Jackson helpers: a reader that tolerates unknown fields and typed field access. */
final class Json {

  /** Indented output; streams passed in are left open. */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .build();

  private Json() {}

  static JsonNode require(JsonNode node, String field, String where) throws DatasetFormatException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new DatasetFormatException(where + ": expected field \"" + field + "\", found none");
    }
    return value;
  }

  static long requireLong(JsonNode node, String field, String where)
      throws DatasetFormatException {
    return requireNumber(node, field, where).asLong();
  }

  static double requireDouble(JsonNode node, String field, String where)
      throws DatasetFormatException {
    return requireNumber(node, field, where).asDouble();
  }

  private static JsonNode requireNumber(JsonNode node, String field, String where)
      throws DatasetFormatException {
    JsonNode value = require(node, field, where);
    if (!value.isNumber()) {
      throw new DatasetFormatException(
          where + ": expected a number in \"" + field + "\", found " + value);
    }
    return value;
  }

  static String requireText(JsonNode node, String field, String where)
      throws DatasetFormatException {
    JsonNode value = require(node, field, where);
    if (!value.isTextual()) {
      throw new DatasetFormatException(
          where + ": expected text in \"" + field + "\", found " + value);
    }
    return value.asText();
  }

  static Map<String, Object> extras(JsonNode node, Set<String> known) {
    Map<String, Object> extra = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!known.contains(e.getKey()) && !e.getValue().isNull()) {
        extra.put(e.getKey(), MAPPER.convertValue(e.getValue(), Object.class));
      }
    }
    return extra;
  }

  static void putExtras(ObjectNode node, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      if (!node.has(e.getKey())) {
        node.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
      }
    }
  }

  static void putNumber(ObjectNode node, String field, double value) {
    if (isWhole(value)) {
      node.put(field, (long) value);
    } else {
      node.put(field, value);
    }
  }

  static void addNumber(ArrayNode array, double value) {
    if (isWhole(value)) {
      array.add((long) value);
    } else {
      array.add(value);
    }
  }

  private static boolean isWhole(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 && !(value == 0 && 1 / value < 0);
  }
}
