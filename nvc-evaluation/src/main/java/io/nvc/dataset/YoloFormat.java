package io.nvc.dataset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * YOLO txt folders: a {@code classes.txt} (one class name a line; line {@code i} is class {@code i})
 * and one {@code <image base name>.txt} per image with lines {@code class cx cy w h}, normalised to
 * the image size. Image sizes come from the image files' headers (ImageIO readers, pixels are not
 * decoded). Crowd annotations and keypoints cannot be expressed and are dropped on writing.
 * Stateless and thread-safe.
 */
public final class YoloFormat {

  /** Name of the class list file. */
  public static final String CLASSES_FILE = "classes.txt";

  private YoloFormat() {}

  /**
   * Reads a YOLO dataset. Every image that ImageIO can read in {@code imageFolder} (not recursive)
   * becomes an image, in file name order, with ids from 1; an image without a label file has no
   * annotations. Categories are the lines of {@code classes.txt} with ids {@code index + 1}.
   *
   * @param labelFolder folder with {@code classes.txt} and the label files
   * @param imageFolder folder with the images
   * @return the dataset
   * @throws IOException when a file cannot be read
   * @throws DatasetFormatException when {@code classes.txt} is missing, a line is malformed or a
   *     label file has no image
   */
  public static CocoDataset read(Path labelFolder, Path imageFolder) throws IOException {
    Path classesFile = labelFolder.resolve(CLASSES_FILE);
    if (!Files.isRegularFile(classesFile)) {
      throw new DatasetFormatException(
          labelFolder + ": expected " + CLASSES_FILE + " with one class name a line, found none");
    }
    List<String> classNames =
        Files.readAllLines(classesFile, StandardCharsets.UTF_8).stream()
            .map(String::trim).filter(s -> !s.isEmpty()).toList();
    List<CocoCategory> categories = new ArrayList<>();
    for (int i = 0; i < classNames.size(); i++) {
      categories.add(CocoCategory.of(i + 1, classNames.get(i)));
    }
    List<Path> imageFiles;
    try (Stream<Path> s = Files.list(imageFolder)) {
      imageFiles = s.filter(Files::isRegularFile)
          .filter(p -> ImageHeaders.SUFFIXES.contains(Names.extension(p.getFileName().toString())))
          .sorted().toList();
    }
    Set<String> imageBases = new HashSet<>();
    List<CocoImage> images = new ArrayList<>();
    List<CocoAnnotation> annotations = new ArrayList<>();
    long annotationId = 1;
    for (Path imageFile : imageFiles) {
      String fileName = imageFile.getFileName().toString();
      String base = Names.baseName(fileName);
      if (!imageBases.add(base)) {
        throw new DatasetFormatException(
            imageFolder + ": expected one image per base name, found several named " + base);
      }
      Optional<ImageHeaders.Size> size = ImageHeaders.size(imageFile);
      if (size.isEmpty()) {
        throw new DatasetFormatException(imageFile + ": expected a readable image, found none");
      }
      long imageId = images.size() + 1L;
      int width = size.get().width();
      int height = size.get().height();
      images.add(CocoImage.of(imageId, fileName, width, height));
      Path labels = labelFolder.resolve(base + ".txt");
      if (!Files.isRegularFile(labels)) {
        continue;
      }
      List<String> lines = Files.readAllLines(labels, StandardCharsets.UTF_8);
      for (int n = 0; n < lines.size(); n++) {
        String line = lines.get(n).trim();
        if (line.isEmpty()) {
          continue;
        }
        String where = labels + ":" + (n + 1);
        String[] t = line.split("\\s+");
        if (t.length != 5) {
          throw new DatasetFormatException(
              where + ": expected 5 values (class cx cy w h), found " + t.length + ": " + line);
        }
        int cls;
        double[] v = new double[4];
        try {
          cls = Integer.parseInt(t[0]);
          for (int k = 0; k < 4; k++) {
            v[k] = Double.parseDouble(t[k + 1]);
          }
        } catch (NumberFormatException e) {
          throw new DatasetFormatException(where + ": expected numbers, found: " + line, e);
        }
        if (cls < 0 || cls >= classNames.size()) {
          throw new DatasetFormatException(
              where + ": expected a class index from 0 to " + (classNames.size() - 1)
                  + " (" + CLASSES_FILE + "), found " + cls);
        }
        double w = v[2] * width;
        double h = v[3] * height;
        Box box;
        try {
          box = new Box(v[0] * width - w / 2, v[1] * height - h / 2, w, h);
        } catch (IllegalArgumentException e) {
          throw new DatasetFormatException(where + ": " + e.getMessage(), e);
        }
        annotations.add(CocoAnnotation.of(annotationId++, imageId, cls + 1, box));
      }
    }
    Set<String> orphans = new TreeSet<>();
    try (Stream<Path> s = Files.list(labelFolder)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".txt") && !n.equals(CLASSES_FILE))
          .filter(n -> !imageBases.contains(Names.baseName(n)))
          .forEach(orphans::add);
    }
    if (!orphans.isEmpty()) {
      throw new DatasetFormatException(
          labelFolder + ": expected an image in " + imageFolder + " for every label file, found "
              + "none for " + orphans);
    }
    return new CocoDataset(images, annotations, categories);
  }

  /**
   * Writes a YOLO dataset: {@code classes.txt} with the categories in id order (class index = rank)
   * and one label file per image (empty when it has no boxes), six decimals.
   *
   * @param dataset the dataset; every annotation's category must be listed
   * @param labelFolder the folder, created if needed
   * @throws IOException when a file cannot be written
   * @throws IllegalArgumentException when two images share a base name or a category is missing
   */
  public static void write(CocoDataset dataset, Path labelFolder) throws IOException {
    Files.createDirectories(labelFolder);
    List<CocoCategory> sorted =
        dataset.categories().stream().sorted(Comparator.comparingInt(CocoCategory::id)).toList();
    Map<Integer, Integer> index = new LinkedHashMap<>();
    StringBuilder classes = new StringBuilder();
    for (CocoCategory c : sorted) {
      if (index.putIfAbsent(c.id(), index.size()) == null) {
        classes.append(c.name()).append('\n');
      }
    }
    Files.writeString(labelFolder.resolve(CLASSES_FILE), classes, StandardCharsets.UTF_8);
    Map<Long, List<CocoAnnotation>> byImage = dataset.annotationsByImage();
    Set<String> bases = new HashSet<>();
    for (CocoImage image : dataset.images()) {
      String base = Names.baseName(image.fileName());
      if (!bases.add(base)) {
        throw new IllegalArgumentException(
            "YOLO needs one label file per base name, found several images named " + base);
      }
      StringBuilder out = new StringBuilder();
      for (CocoAnnotation a : byImage.getOrDefault(image.id(), List.of())) {
        if (a.crowd()) {
          continue;
        }
        Integer cls = index.get(a.categoryId());
        if (cls == null) {
          throw new IllegalArgumentException(
              "annotation " + a.id() + ": expected a listed category, found category_id "
                  + a.categoryId());
        }
        Box b = a.bbox();
        out.append(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f\n", cls,
            (b.x() + b.width() / 2) / image.width(), (b.y() + b.height() / 2) / image.height(),
            b.width() / image.width(), b.height() / image.height()));
      }
      Files.writeString(labelFolder.resolve(base + ".txt"), out, StandardCharsets.UTF_8);
    }
  }
}
