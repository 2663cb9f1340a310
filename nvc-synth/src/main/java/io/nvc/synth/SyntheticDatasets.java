package io.nvc.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes synthetic datasets and examinations: images plus one COCO {@code annotations.json}. Output is
 * byte-identical for the same arguments whatever the number of threads used. Stateless and
 * thread-safe; two calls must not write to the same directory at once.
 */
public final class SyntheticDatasets {
  /** COCO category id of haemorrhages (capillaries use {@link MorphologyClass#cocoCategoryId()}). */
  public static final int HAEMORRHAGE_CATEGORY_ID = 5;
  /** Fingers of an examination, in the order written. */
  public static final List<String> FINGERS = List.of("L2", "L3", "L4", "L5", "R2", "R3", "R4", "R5");
  /** Views of each finger: four sectors and a low-magnification panoramic. */
  public static final List<String> VIEWS = List.of("A", "B", "C", "D", "panoramic");
  /** Calibration range of panoramic views, micrometres per pixel (about 50x). */
  public static final double PANORAMIC_MIN_UM_PER_PX = 4.0;
  /** Upper end of {@link #PANORAMIC_MIN_UM_PER_PX}'s range. */
  public static final double PANORAMIC_MAX_UM_PER_PX = 6.0;

  private SyntheticDatasets() {
  }

  /**
   * Seed of image {@code index} of a dataset written with {@code seed}; {@code NailfoldRenderer.render}
   * with it and the same options gives that image again.
   */
  public static long imageSeed(long seed, int index) {
    return Rng.mix(seed ^ Rng.mix(index + 0x5EEDL));
  }

  /**
   * Writes {@code count} images to {@code out/images/NNNNNN.png} (or {@code .jpg}) and
   * {@code out/annotations.json}.
   *
   * @return the annotation file
   * @throws IllegalArgumentException when {@code count} is not positive
   * @throws IOException when a file cannot be written
   */
  public static Path writeDataset(Path out, int count, long seed, SynthOptions options) throws IOException {
    if (count < 1) {
      throw new IllegalArgumentException("count: expected at least 1, found " + count);
    }
    Files.createDirectories(out.resolve("images"));
    List<Job> jobs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = String.format(Locale.ROOT, "images/%06d.%s", i, options.format().extension());
      jobs.add(new Job(name, imageSeed(seed, i), options, "", ""));
    }
    return run(out, jobs, "nvc-synth dataset, profile " + options.profile().cliName(), seed);
  }

  /**
   * Writes a whole examination: {@code out/<finger>/<view>.png} for fingers {@link #FINGERS} and views
   * {@link #VIEWS} (sectors at the default 200x-like calibration, panoramic views at 4 to 6 um/px),
   * plus {@code out/annotations.json} with every image's calibration.
   *
   * @return the annotation file
   * @throws IOException when a file cannot be written
   */
  public static Path writeExamination(Path out, Profile profile, long seed) throws IOException {
    return writeExamination(out, profile, seed, SynthOptions.defaults());
  }

  /**
   * Writes a whole examination like {@link #writeExamination(Path, Profile, long)}, with sector images
   * drawn with {@code sectorOptions} (its profile replaced by {@code profile}) and panoramic views of
   * the same size and format at 4 to 6 um/px.
   *
   * @return the annotation file
   * @throws IOException when a file cannot be written
   */
  public static Path writeExamination(Path out, Profile profile, long seed, SynthOptions sectorOptions)
      throws IOException {
    SynthOptions sector = sectorOptions.withProfile(profile);
    SynthOptions panoramic = sector.withUmPerPx(PANORAMIC_MIN_UM_PER_PX, PANORAMIC_MAX_UM_PER_PX);
    List<Job> jobs = new ArrayList<>();
    int index = 0;
    for (String finger : FINGERS) {
      Files.createDirectories(out.resolve(finger));
      for (String view : VIEWS) {
        SynthOptions o = view.equals("panoramic") ? panoramic : sector;
        String name = finger + "/" + view + "." + o.format().extension();
        jobs.add(new Job(name, imageSeed(seed, index++), o, finger, view));
      }
    }
    return run(out, jobs, "nvc-synth examination, profile " + profile.cliName(), seed);
  }

  private record Job(String fileName, long seed, SynthOptions options, String finger, String view) {
  }

  private static Path run(Path out, List<Job> jobs, String description, long seed) throws IOException {
    int threads = Math.max(1, Math.min(8, Math.min(jobs.size(), Runtime.getRuntime().availableProcessors())));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<CocoJson.Entry> entries = new ArrayList<>(jobs.size());
    try {
      List<Future<CocoJson.Entry>> futures = new ArrayList<>(jobs.size());
      for (Job job : jobs) {
        futures.add(pool.submit(() -> renderAndWrite(out, job)));
      }
      for (Future<CocoJson.Entry> f : futures) {
        entries.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing " + out, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException("rendering failed: " + cause, cause);
    } finally {
      pool.shutdownNow();
    }
    Path file = out.resolve("annotations.json");
    CocoJson.write(file, description, seed, entries);
    return file;
  }

  private static CocoJson.Entry renderAndWrite(Path out, Job job) {
    NailfoldRenderer.Encoded r = NailfoldRenderer.renderEncoded(job.seed(), job.options());
    byte[] data;
    if (job.options().format() == ImageFormat.JPG) {
      // JPG images are always compressed while rendering: write exactly those bytes.
      data = Objects.requireNonNull(r.jpeg(), "JPEG bytes of a JPG image");
    } else {
      data = ImageCodec.png(r.image().image());
    }
    try {
      Files.write(out.resolve(job.fileName()), data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CocoJson.Entry(job.fileName(), job.seed(), r.image().truth(), job.finger(), job.view());
  }
}
