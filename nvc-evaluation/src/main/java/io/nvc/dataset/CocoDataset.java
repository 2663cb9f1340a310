package io.nvc.dataset;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A COCO dataset: images, annotations and categories, in file order. The constructor does not
 * check references or duplicate ids, so that broken files can be loaded and reported by {@link
 * DatasetValidator}. Immutable and thread-safe.
 *
 * @param images images
 * @param annotations annotations
 * @param categories categories
 */
public record CocoDataset(
    List<CocoImage> images, List<CocoAnnotation> annotations, List<CocoCategory> categories) {

  /** Copies the lists. */
  public CocoDataset {
    images = List.copyOf(images);
    annotations = List.copyOf(annotations);
    categories = List.copyOf(categories);
  }

  /**
   * Looks up a category by id.
   *
   * @param id category id
   * @return the first category with that id
   */
  public Optional<CocoCategory> category(int id) {
    return categories.stream().filter(c -> c.id() == id).findFirst();
  }

  /**
   * Groups the annotations by image id, keeping file order within each image.
   *
   * @return image id to annotations; images without annotations are absent
   */
  public Map<Long, List<CocoAnnotation>> annotationsByImage() {
    Map<Long, List<CocoAnnotation>> byImage = new LinkedHashMap<>();
    for (CocoAnnotation a : annotations) {
      byImage.computeIfAbsent(a.imageId(), k -> new ArrayList<>()).add(a);
    }
    return byImage;
  }
}
