package io.nvc.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a dataset and lists every problem instead of stopping at the first: duplicate ids and file
 * names, references to unknown images or categories, class names the mapping does not know, boxes
 * outside their image (by more than {@value #TOLERANCE_PX} px) or empty, keypoint counts, and, with
 * an image folder, missing, unreadable or differently sized image files. Stateless and
 * thread-safe.
 */
public final class DatasetValidator {

  /** Boxes may protrude this far (pixels) before they count as outside, absorbing rounding. */
  public static final double TOLERANCE_PX = 0.01;

  private DatasetValidator() {}

  /**
   * Validates a dataset's content, without looking at image files.
   *
   * @param dataset the dataset
   * @param mapping resolves category names onto SDK classes
   * @return the problems, empty when none
   */
  public static List<ValidationIssue> validate(CocoDataset dataset, ClassMapping mapping) {
    return check(dataset, mapping, null);
  }

  /**
   * Validates a dataset's content and its image files (present, readable, of the listed size).
   *
   * @param dataset the dataset
   * @param mapping resolves category names onto SDK classes
   * @param imageFolder folder the images' file names are relative to
   * @return the problems, empty when none
   */
  public static List<ValidationIssue> validate(
      CocoDataset dataset, ClassMapping mapping, Path imageFolder) {
    return check(dataset, mapping, imageFolder);
  }

  private static List<ValidationIssue> check(
      CocoDataset dataset, ClassMapping mapping, @Nullable Path imageFolder) {
    List<ValidationIssue> issues = new ArrayList<>();
    Map<Long, CocoImage> images = new HashMap<>();
    Set<String> fileNames = new HashSet<>();
    for (CocoImage image : dataset.images()) {
      String subject = "image " + image.id() + " (" + image.fileName() + ")";
      if (images.putIfAbsent(image.id(), image) != null) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.DUPLICATE_ID, subject,
            "expected a unique image id, found " + image.id() + " more than once"));
      }
      if (!fileNames.add(image.fileName())) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.DUPLICATE_FILE_NAME, subject,
            "expected a unique file_name, found " + image.fileName() + " more than once"));
      }
      if (imageFolder != null) {
        checkFile(image, imageFolder, subject, issues);
      }
    }
    Map<Integer, CocoCategory> categories = new HashMap<>();
    for (CocoCategory c : dataset.categories()) {
      String subject = "category " + c.id() + " (" + c.name() + ")";
      if (categories.putIfAbsent(c.id(), c) != null) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.DUPLICATE_ID, subject,
            "expected a unique category id, found " + c.id() + " more than once"));
      }
      if (mapping.resolve(c.name()).isEmpty()) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.UNKNOWN_CLASS, subject,
            "expected a class name the mapping knows " + mapping.knownNames() + ", found \""
                + c.name() + "\" (add an alias such as " + c.name() + "=ramified)"));
      }
    }
    Set<Long> annotationIds = new HashSet<>();
    for (CocoAnnotation a : dataset.annotations()) {
      String subject = "annotation " + a.id();
      if (!annotationIds.add(a.id())) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.DUPLICATE_ID, subject,
            "expected a unique annotation id, found " + a.id() + " more than once"));
      }
      CocoCategory category = categories.get(a.categoryId());
      if (category == null) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.UNKNOWN_CATEGORY, subject,
            "expected a category_id listed in categories " + categories.keySet() + ", found "
                + a.categoryId()));
      } else if (!category.keypoints().isEmpty() && !a.keypoints().isEmpty()
          && category.keypoints().size() != a.keypoints().size()) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.KEYPOINT_COUNT, subject,
            "expected " + category.keypoints().size() + " keypoints " + category.keypoints()
                + ", found " + a.keypoints().size()));
      }
      Box b = a.bbox();
      if (b.width() <= 0 || b.height() <= 0) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.EMPTY_BOX, subject,
            "expected a box with positive width and height, found " + describe(b)));
      }
      CocoImage image = images.get(a.imageId());
      if (image == null) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.UNKNOWN_IMAGE, subject,
            "expected an image_id listed in images, found " + a.imageId()));
      } else if (b.x() < -TOLERANCE_PX || b.y() < -TOLERANCE_PX
          || b.right() > image.width() + TOLERANCE_PX
          || b.bottom() > image.height() + TOLERANCE_PX) {
        issues.add(new ValidationIssue(ValidationIssue.Kind.BOX_OUTSIDE_IMAGE, subject,
            "expected a box inside image " + image.id() + " (" + image.fileName() + ", [0, "
                + image.width() + "] x [0, " + image.height() + "]), found " + describe(b)));
      }
    }
    return issues;
  }

  private static void checkFile(
      CocoImage image, Path folder, String subject, List<ValidationIssue> issues) {
    Path file = folder.resolve(image.fileName());
    if (!Files.isRegularFile(file)) {
      issues.add(new ValidationIssue(ValidationIssue.Kind.MISSING_IMAGE_FILE, subject,
          "expected the file " + file + ", found none"));
      return;
    }
    Optional<ImageHeaders.Size> size;
    try {
      size = ImageHeaders.size(file);
    } catch (IOException e) {
      size = Optional.empty();
    }
    if (size.isEmpty()) {
      issues.add(new ValidationIssue(ValidationIssue.Kind.UNREADABLE_IMAGE_FILE, subject,
          "expected an image ImageIO can read, found " + file + " unreadable"));
    } else if (size.get().width() != image.width() || size.get().height() != image.height()) {
      issues.add(new ValidationIssue(ValidationIssue.Kind.IMAGE_SIZE_MISMATCH, subject,
          "expected " + image.width() + "x" + image.height() + " as listed, found "
              + size.get().width() + "x" + size.get().height() + " in " + file));
    }
  }

  private static String describe(Box b) {
    return "[x=" + Names.number(b.x()) + ", y=" + Names.number(b.y()) + ", w="
        + Names.number(b.width()) + ", h=" + Names.number(b.height()) + "]";
  }
}
