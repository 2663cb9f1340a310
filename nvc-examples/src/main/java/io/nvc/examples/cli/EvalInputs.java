package io.nvc.examples.cli;

import io.nvc.CapillaryFinding;
import io.nvc.Haemorrhage;
import io.nvc.ImageAnalysis;
import io.nvc.Measurement;
import io.nvc.Morphology;
import io.nvc.SizeSource;
import io.nvc.dataset.Box;
import io.nvc.dataset.CocoAnnotation;
import io.nvc.dataset.CocoDataset;
import io.nvc.dataset.CocoImage;
import io.nvc.dataset.SdkClass;
import io.nvc.evaluation.BoxMatch;
import io.nvc.evaluation.DensitySample;
import io.nvc.evaluation.Detection;
import io.nvc.evaluation.DistalRowCalls;
import io.nvc.evaluation.FixedThresholdEvaluator;
import io.nvc.evaluation.MeasurementPair;
import io.nvc.evaluation.MeasurementSite;
import io.nvc.evaluation.SizeClass;
import io.nvc.evaluation.SizePair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * The inputs of an {@link io.nvc.evaluation.EvaluationReport}, built from the analyzer's results on
 * the images of a ground truth: detections (category ids normal 1, tortuous 2, ramified 3, giant 4,
 * haemorrhage 5; score = confidence), and, on the capillaries matched under the fixed-threshold
 * rules (class-agnostic), size pairs, measurement pairs and one density sample per image that has
 * both a true and a measured density.
 *
 * @param truth the ground truth on the SDK's categories, restricted to the analysed images
 * @param detections the detections, image by image in ground-truth order
 * @param rankedDetections the detections COCO AP ranks, from a second analysis of the images at a
 *     lower confidence floor, else from the first: a capillary with the detector's shape probabilities
 *     gives its two most likely shapes, each scored confidence x probability, as detectors that score
 *     every class report them to COCO; one without gives its shape at its confidence
 * @param sizes true and final size of matched capillaries with a {@code size} label
 * @param measurements true and measured calibres of matched capillaries, in micrometres
 * @param densities true and measured density per image
 * @param distalRowCalls the distal-row flag of each matched capillary whose ground truth says its row
 * @param sizeUndecided matched capillaries with a {@code size} label whose size the cascade left
 *     unknown; they are not in {@code sizes}
 * @param measurementsMissing true calibres of matched capillaries (sites with a value above 0) for
 *     which the cascade gave no measurement in micrometres; they are not in {@code measurements}
 * @param densitiesMissing analysed images with a {@code density_per_mm} but no measured density
 *     (no calibration); they are not in {@code densities}
 */
record EvalInputs(
    CocoDataset truth,
    List<Detection> detections,
    List<Detection> rankedDetections,
    List<SizePair> sizes,
    List<MeasurementPair> measurements,
    List<DensitySample> densities,
    List<DistalRowCalls.Call> distalRowCalls,
    int sizeUndecided,
    int measurementsMissing,
    int densitiesMissing) {

  /** Copies the lists. */
  EvalInputs {
    detections = List.copyOf(detections);
    rankedDetections = List.copyOf(rankedDetections);
    sizes = List.copyOf(sizes);
    measurements = List.copyOf(measurements);
    densities = List.copyOf(densities);
    distalRowCalls = List.copyOf(distalRowCalls);
  }

  /**
   * Inputs for detections alone, as from a COCO results file: no sizes, calibres or densities.
   *
   * @param truth the ground truth
   * @param detections the detections in results-file order
   * @return the inputs
   */
  static EvalInputs detectionsOnly(CocoDataset truth, List<Detection> detections) {
    return new EvalInputs(
        truth, detections, detections, List.of(), List.of(), List.of(), List.of(), 0, 0, 0);
  }

  /**
   * Builds the inputs from analyses.
   *
   * @param truth ground truth on the SDK's categories (see {@link
   *     io.nvc.dataset.ClassMapping#apply})
   * @param analyses the analysis of each analysed image, by image id; other images are left out
   * @param rankedAnalyses the same images analysed at a lower confidence floor, for AP; or {@code
   *     analyses} itself
   * @return the inputs
   */
  static EvalInputs of(
      CocoDataset truth, Map<Long, ImageAnalysis> analyses, Map<Long, ImageAnalysis> rankedAnalyses) {
    List<CocoImage> images = new ArrayList<>();
    List<Detection> detections = new ArrayList<>();
    List<Detection> ranked = new ArrayList<>();
    Map<Integer, CapillaryFinding> findings = new HashMap<>();
    List<DensitySample> densities = new ArrayList<>();
    int densitiesMissing = 0;
    for (CocoImage image : truth.images()) {
      ImageAnalysis a = analyses.get(image.id());
      if (a == null) {
        continue;
      }
      images.add(image);
      addDetections(image, a, detections, findings);
      addRanked(image, rankedAnalyses.get(image.id()), ranked);
      Double measured = a.summary().densityPerMm();
      if (image.densityPerMm().isPresent()) {
        if (measured == null) {
          densitiesMissing++;
        } else {
          densities.add(
              new DensitySample(image.id(), image.densityPerMm().getAsDouble(), measured));
        }
      }
    }
    CocoDataset analysed = new CocoDataset(images,
        truth.annotations().stream().filter(x -> analyses.containsKey(x.imageId())).toList(),
        truth.categories());
    List<BoxMatch> matches = FixedThresholdEvaluator.match(analysed, detections,
        FixedThresholdEvaluator.capillaryCategories(analysed), FixedThresholdEvaluator.CONFIDENCE,
        FixedThresholdEvaluator.IOU);
    List<SizePair> sizes = new ArrayList<>();
    List<MeasurementPair> measurements = new ArrayList<>();
    List<DistalRowCalls.Call> rowCalls = new ArrayList<>();
    int undecided = 0;
    int measurementsMissing = 0;
    for (BoxMatch m : matches) {
      CapillaryFinding f = findings.get(m.detectionIndex());
      if (f == null) {
        continue; // a haemorrhage: the capillary categories never match it
      }
      m.truth().extraBoolean(CocoAnnotation.DISTAL_ROW)
          .ifPresent(distal -> rowCalls.add(new DistalRowCalls.Call(distal, f.distalRow())));
      Optional<SizeClass> trueSize =
          m.truth().extraString(CocoAnnotation.SIZE).flatMap(SizeClass::parse);
      Optional<SizeClass> predicted = size(f.size());
      if (trueSize.isPresent() && predicted.isPresent()) {
        sizes.add(new SizePair(trueSize.get(), predicted.get(), sourceName(f.sizeSource())));
      } else if (trueSize.isPresent()) {
        undecided++;
      }
      for (MeasurementSite site : MeasurementSite.values()) {
        OptionalDouble trueUm = m.truth().extraNumber(site.field());
        if (trueUm.isEmpty() || !(trueUm.getAsDouble() > 0)) {
          continue;
        }
        Measurement measured = measurement(f, site);
        Double measuredUm = measured == null ? null : measured.micrometres();
        if (measuredUm == null) {
          measurementsMissing++;
        } else {
          measurements.add(new MeasurementPair(site, trueUm.getAsDouble(), measuredUm));
        }
      }
    }
    return new EvalInputs(analysed, detections, ranked, sizes, measurements, densities, rowCalls,
        undecided, measurementsMissing, densitiesMissing);
  }

  /** Appends an analysis's capillaries (each also to {@code findings}, by index) and haemorrhages. */
  private static void addDetections(CocoImage image, ImageAnalysis a, List<Detection> detections,
      Map<Integer, CapillaryFinding> findings) {
    for (CapillaryFinding c : a.capillaries()) {
      findings.put(detections.size(), c);
      detections.add(new Detection(image.id(), category(c.morphology()).categoryId(), box(c.box()),
          c.confidence()));
    }
    addHaemorrhages(image, a, detections);
  }

  /** Appends an analysis's detections for AP: up to two shapes per capillary (see rankedDetections). */
  private static void addRanked(CocoImage image, ImageAnalysis a, List<Detection> ranked) {
    for (CapillaryFinding c : a.capillaries()) {
      Map<Morphology, Double> shapes =
          c.morphologyScores().isEmpty() ? Map.of(c.morphology(), 1.0) : c.morphologyScores();
      shapes.entrySet().stream()
          .sorted(Map.Entry.<Morphology, Double>comparingByValue().reversed())
          .limit(2)
          .forEach(e -> ranked.add(new Detection(image.id(), category(e.getKey()).categoryId(),
              box(c.box()), c.confidence() * e.getValue())));
    }
    addHaemorrhages(image, a, ranked);
  }

  private static void addHaemorrhages(CocoImage image, ImageAnalysis a, List<Detection> detections) {
    for (Haemorrhage h : a.haemorrhages()) {
      detections.add(new Detection(image.id(), SdkClass.HAEMORRHAGE.categoryId(), box(h.box()),
          h.confidence()));
    }
  }

  private static SdkClass category(Morphology morphology) {
    return switch (morphology) {
      case NORMAL -> SdkClass.NORMAL;
      case TORTUOUS -> SdkClass.TORTUOUS;
      case RAMIFIED -> SdkClass.RAMIFIED;
      case GIANT -> SdkClass.GIANT;
    };
  }

  /** The analyzer's size source in words: measurement, visual model, detector class. */
  private static String sourceName(SizeSource source) {
    return source.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static Optional<SizeClass> size(io.nvc.SizeClass size) {
    return switch (size) {
      case NORMAL -> Optional.of(SizeClass.NORMAL);
      case ENLARGED -> Optional.of(SizeClass.ENLARGED);
      case GIANT -> Optional.of(SizeClass.GIANT);
      case UNKNOWN -> Optional.empty();
    };
  }

  private static @Nullable Measurement measurement(CapillaryFinding f, MeasurementSite site) {
    return switch (site) {
      case APICAL -> f.apical();
      case ARTERIAL -> f.arterial();
      case VENOUS -> f.venous();
    };
  }

  private static Box box(io.nvc.Box b) {
    return new Box(b.x(), b.y(), b.width(), b.height());
  }
}
