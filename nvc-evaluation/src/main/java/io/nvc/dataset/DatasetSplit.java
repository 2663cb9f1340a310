package io.nvc.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A deterministic train/validation split of a COCO dataset. Images are ranked by a seeded SHA-256
 * hash of their file name (ties by file name) and the first {@code round(trainFraction * n)} go to
 * training, so the split does not depend on file order, is the same on every machine and JVM, and
 * has exactly the requested ratio up to rounding. Immutable and thread-safe.
 *
 * @param train the training part (its images, their annotations, all categories)
 * @param validation the validation part
 */
public record DatasetSplit(CocoDataset train, CocoDataset validation) {

  /** The SDK's default training fraction, 0.85 (an 85/15 split). */
  public static final double DEFAULT_TRAIN_FRACTION = 0.85;

  /** The default seed. */
  public static final long DEFAULT_SEED = 0;

  /**
   * Splits a dataset.
   *
   * @param dataset the dataset
   * @param trainFraction share of images for training, in [0, 1]
   * @param seed seed of the hash; another seed gives another split
   * @return the split
   * @throws IllegalArgumentException when {@code trainFraction} is outside [0, 1]
   */
  public static DatasetSplit of(CocoDataset dataset, double trainFraction, long seed) {
    if (!(trainFraction >= 0 && trainFraction <= 1)) {
      throw new IllegalArgumentException(
          "train fraction must be in [0, 1], found " + trainFraction);
    }
    record Ranked(CocoImage image, long hash) {}
    List<Ranked> ranked = new ArrayList<>();
    for (CocoImage image : dataset.images()) {
      ranked.add(new Ranked(image, hash(image.fileName(), seed)));
    }
    ranked.sort(
        Comparator.comparing((Ranked r) -> r.hash(), Long::compareUnsigned)
            .thenComparing(r -> r.image().fileName()));
    int trainCount = (int) Math.round(trainFraction * ranked.size());
    Set<Long> trainIds = new HashSet<>();
    for (int i = 0; i < trainCount; i++) {
      trainIds.add(ranked.get(i).image().id());
    }
    return new DatasetSplit(part(dataset, trainIds, true), part(dataset, trainIds, false));
  }

  private static CocoDataset part(CocoDataset dataset, Set<Long> trainIds, boolean train) {
    return new CocoDataset(
        dataset.images().stream().filter(i -> trainIds.contains(i.id()) == train).toList(),
        dataset.annotations().stream()
            .filter(a -> trainIds.contains(a.imageId()) == train).toList(),
        dataset.categories());
  }

  static long hash(String fileName, long seed) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
      sha.update(fileName.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(sha.digest()).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
