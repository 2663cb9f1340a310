package io.nvc.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvc.Calibration;
import io.nvc.CalibrationSource;
import io.nvc.CaptureMetadata;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link CaptureMetadataIO#read} found in one file. Immutable and thread-safe.
 *
 * @param metadata the capture metadata, empty when the file carries none; its calibration (if any) has
 *     source {@link CalibrationSource#METADATA}, as the analyzer records it
 * @param storedCalibrationSource how the stored calibration was originally obtained (the file's
 *     {@code nvc:CalibrationSource}), or null when the file has no calibration
 * @param warnings malformed, foreign or unsafe metadata that was ignored, one line each
 */
public record MetadataRead(
    Optional<CaptureMetadata> metadata,
    @Nullable CalibrationSource storedCalibrationSource,
    List<String> warnings) {

  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Validates and copies the components. */
  public MetadataRead {
    if (metadata == null || warnings == null) {
      throw new IllegalArgumentException("metadata and warnings must not be null (use Optional.empty() and"
          + " List.of()), found " + metadata + " and " + warnings);
    }
    warnings = List.copyOf(warnings);
  }

  /**
   * The metadata as stored in the file: like {@link #metadata()}, but the calibration carries its
   * original source. Use it to write the metadata back unchanged.
   */
  public Optional<CaptureMetadata> asStored() {
    return metadata.map(m -> {
      Calibration c = m.calibration();
      if (c == null || storedCalibrationSource == null) {
        return m;
      }
      Calibration stored = new Calibration(c.micrometresPerPixelX(), c.micrometresPerPixelY(),
          storedCalibrationSource, c.magnification(), c.device(), c.relativeUncertainty());
      return new CaptureMetadata(m.finger(), m.sector(), m.magnification(), stored, m.capturedAt(),
          m.cameraModel(), m.cameraId(), m.software(), m.softwareVersion(), m.patientId(), m.examinationId());
    });
  }

  /**
   * This result as pretty-printed JSON: every field found (absent fields left out), the calibration with
   * its stored source, and {@code warnings}.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    asStored().ifPresent(m -> {
      putText(root, "finger", m.finger() == null ? null : m.finger().name());
      putText(root, "sector", m.sector() == null ? null : m.sector().name());
      if (m.magnification() != null) {
        root.put("magnification", m.magnification());
      }
      Calibration c = m.calibration();
      if (c != null) {
        ObjectNode cal = root.putObject("calibration");
        cal.put("micrometresPerPixelX", c.micrometresPerPixelX());
        cal.put("micrometresPerPixelY", c.micrometresPerPixelY());
        cal.put("source", c.source().name());
        if (c.relativeUncertainty() != null) {
          cal.put("relativeUncertainty", c.relativeUncertainty());
        }
        putText(cal, "device", c.device());
      }
      putText(root, "capturedAt", m.capturedAt() == null ? null
          : m.capturedAt().format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME));
      putText(root, "cameraModel", m.cameraModel());
      putText(root, "cameraId", m.cameraId());
      putText(root, "software", m.software());
      putText(root, "softwareVersion", m.softwareVersion());
      putText(root, "patientId", m.patientId());
      putText(root, "examinationId", m.examinationId());
    });
    root.putArray("warnings").addAll(warnings.stream().map(JSON.getNodeFactory()::textNode).toList());
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("could not write metadata JSON: " + e.getMessage(), e);
    }
  }

  private static void putText(ObjectNode node, String name, @Nullable String value) {
    if (value != null) {
      node.put(name, value);
    }
  }
}
