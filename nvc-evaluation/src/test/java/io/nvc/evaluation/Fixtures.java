package io.nvc.evaluation;

import io.nvc.dataset.Box;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoCategory;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoImage;
import java.util.ArrayList;
import java.util.List;

/** Small builders for hand-computed cases. */
final class Fixtures {

  private Fixtures() {}

  /** A mutable builder of a ground-truth dataset and its detections. */
  static final class Case {
    final List<CocoImage> images = new ArrayList<>();
    final List<CocoAnnotation> annotations = new ArrayList<>();
    final List<CocoCategory> categories = new ArrayList<>();
    final List<Detection> detections = new ArrayList<>();
    private long nextAnnotationId = 1;

    Case image(long id) {
      images.add(CocoImage.of(id, id + ".png", 1000, 1000));
      return this;
    }

    Case category(int id, String name) {
      categories.add(CocoCategory.of(id, name));
      return this;
    }

    Case gt(long imageId, int categoryId, double x, double y, double w, double h) {
      annotations.add(
          CocoAnnotation.of(nextAnnotationId++, imageId, categoryId, new Box(x, y, w, h)));
      return this;
    }

    Case gtWithId(long id, long imageId, int categoryId, double x, double y, double w, double h) {
      annotations.add(CocoAnnotation.of(id, imageId, categoryId, new Box(x, y, w, h)));
      return this;
    }

    Case gtRow(long imageId, int categoryId, double x, double y, double w, double h,
        boolean distalRow) {
      annotations.add(
          CocoAnnotation.of(nextAnnotationId++, imageId, categoryId, new Box(x, y, w, h))
              .withExtra(CocoAnnotation.DISTAL_ROW, distalRow));
      return this;
    }

    Case crowd(long imageId, int categoryId, double x, double y, double w, double h) {
      annotations.add(
          CocoAnnotation.of(nextAnnotationId++, imageId, categoryId, new Box(x, y, w, h))
              .withAreaAndCrowd(w * h, true));
      return this;
    }

    Case gtArea(long imageId, int categoryId, double x, double y, double w, double h,
        double area) {
      annotations.add(
          CocoAnnotation.of(nextAnnotationId++, imageId, categoryId, new Box(x, y, w, h))
              .withAreaAndCrowd(area, false));
      return this;
    }

    Case dt(long imageId, int categoryId, double x, double y, double w, double h, double score) {
      detections.add(new Detection(imageId, categoryId, new Box(x, y, w, h), score));
      return this;
    }

    CocoDataset dataset() {
      return new CocoDataset(images, annotations, categories);
    }

    CocoEvalResult coco() {
      return CocoEvaluator.evaluate(dataset(), detections);
    }
  }

  static Case newCase() {
    return new Case();
  }
}
