package io.nvc;

/**
 * Identity of one model used for an analysis. Immutable and thread-safe.
 *
 * @param name the model's name from its manifest
 * @param role its role in the cascade: {@code detector}, {@code keypoints} or {@code visual-size}
 * @param sha256 SHA-256 of the model file that ran, lower-case hex
 */
public record ModelInfo(String name, String role, String sha256) {

  /** Validates that no component is null or blank. */
  public ModelInfo {
    if (name == null || name.isBlank() || role == null || role.isBlank() || sha256 == null
        || !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "model info needs a name, a role and a 64-digit lower-case hex sha256, found name=" + name
              + " role=" + role + " sha256=" + sha256);
    }
  }
}
