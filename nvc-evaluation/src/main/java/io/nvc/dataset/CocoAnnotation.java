package io.nvc.dataset;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One entry of a COCO file's {@code annotations}: a ground-truth box with optional keypoints. Fields
 * other than the standard ones (for example {@code segmentation} and the SDK's {@code apical_um},
 * {@code arterial_um}, {@code venous_um}, {@code size}, {@code distal_row}) are kept in {@link
 * #extra()} and written back unchanged. Immutable and thread-safe.
 *
 * @param id annotation id
 * @param imageId id of its image
 * @param categoryId id of its category
 * @param bbox the box
 * @param area the stored {@code area} (pycocotools' area ranges use this, not the box's area)
 * @param crowd {@code iscrowd}
 * @param keypoints keypoints, empty when none
 * @param extra other fields as plain Java values
 */
public record CocoAnnotation(
    long id,
    long imageId,
    int categoryId,
    Box bbox,
    double area,
    boolean crowd,
    List<Keypoint> keypoints,
    Map<String, Object> extra) {

  /** Extra field: true apical calibre in micrometres. */
  public static final String APICAL_UM = "apical_um";

  /** Extra field: true arterial-limb calibre in micrometres. */
  public static final String ARTERIAL_UM = "arterial_um";

  /** Extra field: true venous-limb calibre in micrometres. */
  public static final String VENOUS_UM = "venous_um";

  /** Extra field: size class ({@code normal}, {@code enlarged} or {@code giant}). */
  public static final String SIZE = "size";

  /** Extra field: whether the capillary belongs to the distal row. */
  public static final String DISTAL_ROW = "distal_row";

  /** Validates the components: finite area not negative. */
  public CocoAnnotation {
    if (!(area >= 0) || Double.isInfinite(area)) {
      throw new IllegalArgumentException(
          "annotation " + id + ": area must be finite and >= 0, found " + area);
    }
    keypoints = List.copyOf(keypoints);
    extra = Extras.copy(extra);
  }

  /**
   * A plain, non-crowd box annotation with {@code area = width * height}.
   *
   * @param id annotation id
   * @param imageId image id
   * @param categoryId category id
   * @param bbox the box
   * @return the annotation
   */
  public static CocoAnnotation of(long id, long imageId, int categoryId, Box bbox) {
    return new CocoAnnotation(id, imageId, categoryId, bbox, bbox.area(), false, List.of(), Map.of());
  }

  /** Returns {@code num_keypoints}: the number of keypoints with visibility above 0. */
  public int numKeypoints() {
    return (int) keypoints.stream().filter(k -> k.visibility() > 0).count();
  }

  /**
   * Returns a numeric extra field.
   *
   * @param key field name, e.g. {@link #APICAL_UM}
   * @return its value, empty when absent or not a number
   */
  public OptionalDouble extraNumber(String key) {
    return Extras.number(extra, key);
  }

  /**
   * Returns a text extra field.
   *
   * @param key field name, e.g. {@link #SIZE}
   * @return its value, empty when absent or not text
   */
  public Optional<String> extraString(String key) {
    return Extras.string(extra, key);
  }

  /**
   * Returns a true/false extra field.
   *
   * @param key field name, e.g. {@link #DISTAL_ROW}
   * @return its value, empty when absent or not a boolean
   */
  public Optional<Boolean> extraBoolean(String key) {
    return Extras.bool(extra, key);
  }

  /**
   * Returns a copy with another category.
   *
   * @param newCategoryId the category id
   * @return the new annotation
   */
  public CocoAnnotation withCategory(int newCategoryId) {
    return new CocoAnnotation(id, imageId, newCategoryId, bbox, area, crowd, keypoints, extra);
  }

  /**
   * Returns a copy with another {@code area} and {@code iscrowd}.
   *
   * @param newArea stored area
   * @param newCrowd crowd flag
   * @return the new annotation
   */
  public CocoAnnotation withAreaAndCrowd(double newArea, boolean newCrowd) {
    return new CocoAnnotation(id, imageId, categoryId, bbox, newArea, newCrowd, keypoints, extra);
  }

  /**
   * Returns a copy with one extra field set.
   *
   * @param key field name
   * @param value plain Java value
   * @return the new annotation
   */
  public CocoAnnotation withExtra(String key, Object value) {
    return new CocoAnnotation(
        id, imageId, categoryId, bbox, area, crowd, keypoints, Extras.with(extra, key, value));
  }
}
