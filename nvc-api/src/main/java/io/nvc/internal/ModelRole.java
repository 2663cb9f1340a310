package io.nvc.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The role of a model in the cascade, as its manifest names it. */
public enum ModelRole {
  /** Finds and classifies capillaries and haemorrhages in a whole image. */
  DETECTOR("detector"),
  /** Places the measurement keypoints on one capillary crop. */
  KEYPOINTS("keypoints"),
  /** Classifies a capillary crop as normal, enlarged or giant from its appearance. */
  VISUAL_SIZE("visual-size");

  private final String id;

  ModelRole(String id) {
    this.id = id;
  }

  /** The manifest's name for the role. */
  public String id() {
    return id;
  }

  /** Parses a manifest role name. */
  public static ModelRole fromId(String id) {
    for (ModelRole r : values()) {
      if (r.id.equals(id.toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "unknown model role '" + id + "', expected one of "
            + Arrays.stream(values()).map(ModelRole::id).collect(Collectors.joining(", ")));
  }
}
