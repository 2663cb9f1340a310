package io.nvc.dataset;

import java.util.List;
import java.util.Map;

/**
 * One entry of a COCO file's {@code categories}. Fields other than {@code id}, {@code name} and
 * {@code keypoints} (for example {@code supercategory}, {@code skeleton}) are kept in {@link
 * #extra()}. Immutable and thread-safe.
 *
 * @param id category id
 * @param name category name
 * @param keypoints keypoint names, empty when the category has none
 * @param extra other fields as plain Java values
 */
public record CocoCategory(int id, String name, List<String> keypoints, Map<String, Object> extra) {

  /** Validates the components: non-blank name. */
  public CocoCategory {
    if (name.isBlank()) {
      throw new IllegalArgumentException("category " + id + ": name must not be blank");
    }
    keypoints = List.copyOf(keypoints);
    extra = Extras.copy(extra);
  }

  /**
   * A category without keypoints or extra fields.
   *
   * @param id category id
   * @param name name
   * @return the category
   */
  public static CocoCategory of(int id, String name) {
    return new CocoCategory(id, name, List.of(), Map.of());
  }
}
