package io.nvc;

import io.nvc.internal.Crop;
import io.nvc.internal.Decoders;
import io.nvc.internal.Detection;
import io.nvc.internal.DetectionPlanner;
import io.nvc.internal.DetectorClass;
import io.nvc.internal.DistalRow;
import io.nvc.internal.Frame;
import io.nvc.internal.ImageFiles;
import io.nvc.internal.InputSpec;
import io.nvc.internal.ModelBundle;
import io.nvc.internal.ModelManifest;
import io.nvc.internal.Nms;
import io.nvc.internal.Placement;
import io.nvc.internal.Sha256;
import io.nvc.internal.TensorPacker;
import io.nvc.spi.InferenceBackend;
import io.nvc.spi.InferenceSession;
import io.nvc.spi.MetadataReader;
import io.nvc.spi.ModelFile;
import io.nvc.spi.ModelFormat;
import io.nvc.spi.SessionOptions;
import io.nvc.spi.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * The analysis cascade, in one place: {@link #analyze(Frame, Calibration, String)} reads top to bottom
 * as the pipeline runs. Thread-safe; see {@link NailfoldAnalyzer}.
 */
final class CascadeAnalyzer implements NailfoldAnalyzer {

  private final InferenceBackend backend;
  private final NailfoldAnalyzerBuilder.Settings settings;
  private final Model detector;
  private final @Nullable Model keypoints;
  private final @Nullable Model visualSize;
  private final DetectorClass[] classes;
  private final List<ModelInfo> modelInfos;
  private final List<MetadataReader> metadataReaders;
  private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
  private volatile boolean closed;

  /** A manifest with its open session and the SHA-256 of the file that runs. */
  private record Model(ModelManifest manifest, InferenceSession session, String sha256) {}

  private CascadeAnalyzer(
      InferenceBackend backend, NailfoldAnalyzerBuilder.Settings settings, Model detector,
      @Nullable Model keypoints, @Nullable Model visualSize, List<MetadataReader> metadataReaders) {
    this.backend = backend;
    this.metadataReaders = List.copyOf(metadataReaders);
    this.settings = settings;
    this.detector = detector;
    this.keypoints = keypoints;
    this.visualSize = visualSize;
    this.classes = detector.manifest().classes().stream().map(DetectorClass::fromName)
        .toArray(DetectorClass[]::new);
    List<ModelInfo> infos = new ArrayList<>();
    for (Model m : new Model[] {detector, keypoints, visualSize}) {
      if (m != null) {
        infos.add(new ModelInfo(m.manifest().name(), m.manifest().role().id(), m.sha256()));
      }
    }
    this.modelInfos = List.copyOf(infos);
  }

  /** Opens every model of {@code bundle} on {@code backend}; closes what it opened on failure. */
  static CascadeAnalyzer open(
      InferenceBackend backend, ModelBundle bundle, NailfoldAnalyzerBuilder.Settings settings,
      List<MetadataReader> metadataReaders) throws NvcException {
    SessionOptions options = new SessionOptions(settings.threads(), 1, settings.allowGpu());
    List<Model> opened = new ArrayList<>();
    try {
      Model det = openModel(backend, bundle.detector(), options, opened);
      Model kp = bundle.keypoints() == null ? null
          : openModel(backend, bundle.keypoints(), options, opened);
      Model vs = bundle.visualSize() == null ? null
          : openModel(backend, bundle.visualSize(), options, opened);
      return new CascadeAnalyzer(backend, settings, det, kp, vs, metadataReaders);
    } catch (NvcException | RuntimeException e) {
      for (Model m : opened) {
        m.session().close();
      }
      throw e;
    }
  }

  private static Model openModel(
      InferenceBackend backend, ModelManifest manifest, SessionOptions options, List<Model> opened)
      throws NvcException {
    ModelFormat format = null;
    for (ModelFormat f : ModelFormat.values()) {
      if (manifest.files().containsKey(f) && backend.formats().contains(f)) {
        format = f;
        break;
      }
    }
    if (format == null) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model " + manifest.name() + " has files for " + manifest.files().keySet() + " but backend "
              + backend.name() + " opens only " + backend.formats());
    }
    ModelManifest.ModelFileEntry entry = manifest.files().get(format);
    Path path = entry.path();
    if (!Files.isRegularFile(path)) {
      throw new NvcException(ErrorCode.MODEL_MISSING,
          "model file " + path + " of " + manifest.name() + " (" + manifest.role().id()
              + ") does not exist");
    }
    String actual;
    try {
      actual = Sha256.of(path);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot read model file " + path + ": " + e.getMessage(), e);
    }
    if (!actual.equals(entry.sha256())) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model file " + path + " has SHA-256 " + actual + " but its manifest expects "
              + entry.sha256() + ": the file is corrupt or belongs to another manifest");
    }
    List<String> outputOrder = manifest.outputSlots().stream().map(manifest::output).toList();
    InferenceSession session =
        backend.open(new ModelFile(manifest.name(), format, path, actual, outputOrder), options);
    Model model = new Model(manifest, session, actual);
    opened.add(model);
    if (!session.inputNames().isEmpty() && !session.inputNames().contains(manifest.input().name())) {
      throw new NvcException(ErrorCode.MODEL_INVALID,
          "model file " + path + " has no input '" + manifest.input().name() + "' named by its manifest;"
              + " inputs: " + session.inputNames());
    }
    for (String out : manifest.outputs().values()) {
      if (!session.outputNames().contains(out)) {
        throw new NvcException(ErrorCode.MODEL_INVALID,
            "model file " + path + " has no output '" + out + "' named by its manifest; outputs: "
                + session.outputNames());
      }
    }
    return model;
  }

  @Override
  public ImageAnalysis analyze(Path imageFile, @Nullable Calibration calibration) throws NvcException {
    if (imageFile == null) {
      throw new IllegalArgumentException("image file must not be null");
    }
    checkOpen();
    BufferedImage image = ImageFiles.read(imageFile, settings.maxImagePixels());
    Calibration used = calibration != null ? calibration : metadataCalibration(imageFile);
    Path name = imageFile.getFileName();
    return analyze(Frame.of(image), used, name == null ? imageFile.toString() : name.toString());
  }

  /** The first calibration found in the file's metadata by the metadata readers, or null. */
  private @Nullable Calibration metadataCalibration(Path imageFile) throws NvcException {
    for (MetadataReader reader : metadataReaders) {
      Calibration c = reader.read(imageFile).map(CaptureMetadata::calibration).orElse(null);
      if (c != null) {
        return c;
      }
    }
    return null;
  }

  @Override
  public ImageAnalysis analyze(BufferedImage image, @Nullable Calibration calibration) throws NvcException {
    if (image == null) {
      throw new IllegalArgumentException("image must not be null");
    }
    ImageFiles.checkSize("image", image.getWidth(), image.getHeight(), settings.maxImagePixels());
    return analyze(Frame.of(image), calibration, null);
  }

  @Override
  public ImageAnalysis analyze(RawImage frame, @Nullable Calibration calibration) throws NvcException {
    if (frame == null) {
      throw new IllegalArgumentException("frame must not be null");
    }
    ImageFiles.checkSize("frame", frame.width(), frame.height(), settings.maxImagePixels());
    return analyze(Frame.of(frame), calibration, null);
  }

  private ImageAnalysis analyze(Frame frame, @Nullable Calibration calibration, @Nullable String file)
      throws NvcException {
    ImageFiles.checkSize(file != null ? file : "image", frame.width(), frame.height(),
        settings.maxImagePixels());
    lifecycle.readLock().lock();
    try {
      checkOpen();
      List<String> notes = new ArrayList<>();
      // 1-4. Preprocess (canonical scale, letterbox or tiles), detect, decode, suppress.
      List<Detection> detections = detect(frame, calibration);
      List<Detection> capillaryDetections = new ArrayList<>();
      List<Haemorrhage> haemorrhages = new ArrayList<>();
      for (Detection d : detections) {
        if (classes[d.classIndex()].isHaemorrhage()) {
          haemorrhages.add(new Haemorrhage(d.box(), d.score()));
        } else {
          capillaryDetections.add(d);
        }
      }
      // 5-7. Crop every capillary, batched keypoint calls, measurements; the crops turned upright when
      // the most confident capillaries point more than 45 degrees away from image-up.
      Measurements measured = measure(frame, capillaryDetections, calibration, notes);
      // 8. Size: measurements, else visual model, else detector's giant class, else unknown; a giant
      // from measurements or appearance needs the detector's giant class too.
      List<CapillaryFinding> findings =
          size(frame, capillaryDetections, measured.each(), measured.quarterTurns(), calibration, notes);
      // 9. Distal row and density.
      DistalRow.Result row = DistalRow.find(findings, frame.width(), frame.height(), calibration);
      List<CapillaryFinding> marked = new ArrayList<>(findings.size());
      for (int i = 0; i < findings.size(); i++) {
        marked.add(findings.get(i).withDistalRow(row.distal()[i]));
      }
      if (calibration == null) {
        notes.add("no calibration: calibres stay in pixels and no density per mm is given");
      }
      return new ImageAnalysis(new ImageInfo(frame.width(), frame.height(), file), calibration, marked,
          haemorrhages, summary(marked, haemorrhages, row), provenance(calibration), notes);
    } finally {
      lifecycle.readLock().unlock();
    }
  }

  private List<Detection> detect(Frame frame, @Nullable Calibration calibration) throws NvcException {
    ModelManifest m = detector.manifest();
    InputSpec in = m.input();
    List<Detection> all = new ArrayList<>();
    for (Placement p : DetectionPlanner.plan(frame.width(), frame.height(), m, calibration)) {
      float[] data = new float[in.valuesPerImage()];
      TensorPacker.pack(frame, p, in, data, 0, false);
      Map<String, Tensor> out = detector.session().run(Map.of(in.name(), Tensor.of(data, in.shape(1))));
      all.addAll(Decoders.detections(m, out, p, settings.minConfidence(),
          frame.width(), frame.height()));
    }
    List<Detection> kept = Nms.apply(all, settings.nmsIou(), settings.crossClassNmsIou(),
        c -> !classes[c].isHaemorrhage());
    return kept.size() > settings.maxDetections() ? kept.subList(0, settings.maxDetections()) : kept;
  }

  /**
   * Calibre measurements of one capillary (null entries were not confident enough), and the visual-size
   * probabilities when the keypoint model gives them (else null).
   */
  private record Measured(
      @Nullable Measurement apical, @Nullable Measurement arterial, @Nullable Measurement venous,
      float @Nullable [] sizeProbabilities) {}

  /** Capillaries, the most confident first, whose measurements decide whether crops are turned. */
  private static final int ORIENTATION_PROBE = 16;

  /** Every capillary's measurements, and the quarter turns of the crops they were read from. */
  private record Measurements(Measured[] each, int quarterTurns) {}

  /** What one keypoint-model run gives for a crop. */
  private record CropOutput(float[][] keypoints, float @Nullable [] sizeProbabilities) {}

  /**
   * Measures every capillary. The most confident {@value #ORIENTATION_PROBE} are measured first, on crops
   * as the image lies, and tell which way the loops point; where that is more than 45 degrees away from
   * image-up (the way the keypoint model knows them best) every capillary is measured on crops turned
   * upright, else the rest are measured as the image lies.
   */
  private Measurements measure(
      Frame frame, List<Detection> capillaries, @Nullable Calibration calibration, List<String> notes)
      throws NvcException {
    Model model = keypoints;
    if (model == null) {
      notes.add("no keypoint model in the model bundle: no calibre measurements");
      Measured[] none = new Measured[capillaries.size()];
      java.util.Arrays.fill(none, new Measured(null, null, null, null));
      return new Measurements(none, 0);
    }
    if (capillaries.isEmpty()) {
      return new Measurements(new Measured[0], 0);
    }
    int n = capillaries.size();
    int probed = Math.min(ORIENTATION_PROBE, n);
    Measured[] probe = measure(model, frame, capillaries.subList(0, probed), calibration, 0);
    List<DistalRow.Loop> loops = new ArrayList<>(probed);
    for (int i = 0; i < probed; i++) {
      loops.add(new DistalRow.Loop(capillaries.get(i).box(), probe[i].apical(), probe[i].arterial(),
          probe[i].venous()));
    }
    int turns = DistalRow.uprightTurns(DistalRow.direction(loops));
    if (turns != 0) {
      return new Measurements(measure(model, frame, capillaries, calibration, turns), turns);
    }
    Measured[] all = java.util.Arrays.copyOf(probe, n);
    if (n > probed) {
      Measured[] rest = measure(model, frame, capillaries.subList(probed, n), calibration, 0);
      System.arraycopy(rest, 0, all, probed, rest.length);
    }
    return new Measurements(all, 0);
  }

  /** One keypoint run over crops of every capillary, turned {@code turns} quarter turns. */
  private Measured[] measure(
      Model model, Frame frame, List<Detection> capillaries, @Nullable Calibration calibration, int turns)
      throws NvcException {
    ModelManifest m = model.manifest();
    List<Crop> crops = crops(capillaries, m.input(), m.cropMargin(), turns);
    CropOutput[] outputs = runCrops(model, frame, crops, (out, n) -> {
      float[][][] points = Decoders.keypoints(m, out, n);
      float[][] sizes = m.givesSizeLogits() ? Decoders.sizeProbabilities(m, out, n) : null;
      CropOutput[] each = new CropOutput[n];
      for (int j = 0; j < n; j++) {
        each[j] = new CropOutput(points[j], sizes == null ? null : sizes[j]);
      }
      return each;
    });
    List<String> names = m.keypoints();
    double minConf = settings.measurementConfidence();
    Measured[] result = new Measured[capillaries.size()];
    for (int i = 0; i < capillaries.size(); i++) {
      Crop p = crops.get(i);
      float[][] k = outputs[i].keypoints();
      Measurement apical = pair(k, names, m.apicalPair(), p, calibration);
      Measurement limbA = pair(k, names, m.limbPairs().get(0), p, calibration);
      Measurement limbB = pair(k, names, m.limbPairs().get(1), p, calibration);
      double widthA = limbA.micrometres() != null ? limbA.micrometres() : limbA.pixels();
      double widthB = limbB.micrometres() != null ? limbB.micrometres() : limbB.pixels();
      Measurement arterial = widthA <= widthB ? limbA : limbB;
      Measurement venous = widthA <= widthB ? limbB : limbA;
      Box box = capillaries.get(i).box();
      result[i] = new Measured(
          usable(apical, minConf, frame, box) ? apical : null,
          usable(arterial, minConf, frame, box) ? arterial : null,
          usable(venous, minConf, frame, box) ? venous : null,
          outputs[i].sizeProbabilities());
    }
    return result;
  }

  /**
   * Whether a measurement is reported: confident enough; both its points on pixels the camera saw (a crop
   * reaching past the image edge repeats the edge pixels, which no calibre may be read from); and no
   * longer than the shorter side of the capillary's box, which is at least the loop's width whatever its
   * angle, and no calibre exceeds the loop it belongs to.
   */
  private static boolean usable(Measurement m, double minConfidence, Frame frame, Box box) {
    return m.confidence() >= minConfidence && inside(m.start(), frame) && inside(m.end(), frame)
        && m.pixels() <= Math.min(box.width(), box.height());
  }

  private static boolean inside(Point p, Frame frame) {
    return p.x() >= 0 && p.y() >= 0 && p.x() <= frame.width() && p.y() <= frame.height();
  }

  /**
   * Whether a box touches the image border (within half a pixel): the capillary is cut by the frame, and
   * its crop repeats the edge pixels, which smears the vessel into a wide band that looks enlarged.
   */
  private static boolean atBorder(Box b, Frame frame) {
    return b.x() <= 0.5 || b.y() <= 0.5 || b.x() + b.width() >= frame.width() - 0.5
        || b.y() + b.height() >= frame.height() - 0.5;
  }

  private static Measurement pair(
      float[][] k, List<String> names, List<String> pair, Crop p, @Nullable Calibration calibration) {
    float[] a = k[names.indexOf(pair.get(0))];
    float[] b = k[names.indexOf(pair.get(1))];
    return Measurement.between(p.toImage(a[0], a[1]), p.toImage(b[0], b[1]), Math.min(a[2], b[2]),
        calibration);
  }

  private List<CapillaryFinding> size(
      Frame frame, List<Detection> capillaries, Measured[] measured, int quarterTurns,
      @Nullable Calibration calibration, List<String> notes) throws NvcException {
    int n = capillaries.size();
    SizeClass[] sizes = new SizeClass[n];
    SizeSource[] sources = new SizeSource[n];
    List<Integer> undecided = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Measured me = measured[i];
      SizeClass s = calibration == null || me.apical() == null ? SizeClass.UNKNOWN
          : SizeClass.fromMicrometres(me.apical().micrometres(),
              me.arterial() == null ? null : me.arterial().micrometres(),
              me.venous() == null ? null : me.venous().micrometres());
      sizes[i] = s;
      sources[i] = s == SizeClass.UNKNOWN ? SizeSource.NONE : SizeSource.MEASUREMENT;
      if (s == SizeClass.UNKNOWN && !atBorder(capillaries.get(i).box(), frame)) {
        undecided.add(i);
      }
    }
    Model model = visualSize;
    boolean fromKeypoints = keypoints != null && keypoints.manifest().givesSizeLogits();
    if ((model != null || fromKeypoints) && !undecided.isEmpty()) {
      float[][] probs;
      if (fromKeypoints) {
        probs = undecided.stream().map(i -> measured[i].sizeProbabilities()).toArray(float[][]::new);
      } else {
        ModelManifest m = model.manifest();
        List<Detection> subset = undecided.stream().map(capillaries::get).toList();
        probs = runCrops(model, frame, crops(subset, m.input(), m.cropMargin(), quarterTurns),
            (out, count) -> Decoders.sizeProbabilities(m, out, count));
      }
      SizeClass[] order = {SizeClass.NORMAL, SizeClass.ENLARGED, SizeClass.GIANT};
      for (int j = 0; j < undecided.size(); j++) {
        int best = 0;
        for (int c = 1; c < 3; c++) {
          if (probs[j][c] > probs[j][best]) {
            best = c;
          }
        }
        if (probs[j][best] >= settings.visualSizeConfidence()) {
          int i = undecided.get(j);
          sizes[i] = order[best];
          sources[i] = SizeSource.VISUAL_MODEL;
        }
      }
    } else if (!undecided.isEmpty()) {
      notes.add("no visual-size model in the model bundle: capillaries without calibrated measurements"
          + " are sized only by the detector's giant class");
    }
    List<CapillaryFinding> findings = new ArrayList<>(n);
    int unconfirmed = 0;
    for (int i = 0; i < n; i++) {
      Detection d = capillaries.get(i);
      Morphology morphology = classes[d.classIndex()].morphology();
      if (sources[i] == SizeSource.NONE && morphology == Morphology.GIANT) {
        sizes[i] = SizeClass.GIANT;
        sources[i] = SizeSource.DETECTOR_CLASS;
      } else if (sizes[i] == SizeClass.GIANT && morphology != Morphology.GIANT) {
        // A giant takes two independent witnesses: size (measured or visual) and the detector's class.
        sizes[i] = SizeClass.ENLARGED;
        unconfirmed++;
      }
      Measured me = measured[i];
      findings.add(new CapillaryFinding(d.box(), morphology, d.score(), me.apical(), me.arterial(),
          me.venous(), sizes[i], sources[i], false, morphologyScores(d)));
    }
    if (unconfirmed > 0) {
      notes.add(unconfirmed + " capillar" + (unconfirmed == 1 ? "y" : "ies")
          + " measured or seen as giant but not of the detector's giant class reported as enlarged:"
          + " a giant needs both");
    }
    return findings;
  }

  /** The detection's class probabilities of the capillary shapes; empty when the detector gives none. */
  private Map<Morphology, Double> morphologyScores(Detection d) {
    float[] p = d.classScores();
    if (p == null) {
      return Map.of();
    }
    Map<Morphology, Double> out = new EnumMap<>(Morphology.class);
    for (int c = 0; c < p.length; c++) {
      Morphology m = classes[c].morphology();
      if (m != null) {
        out.merge(m, (double) p[c], (a, b) -> Math.min(1, a + b));
      }
    }
    return out;
  }

  /** The crop of every box, turned {@code quarterTurns} (see {@link Crop#around}). */
  private static List<Crop> crops(List<Detection> boxes, InputSpec in, double margin, int quarterTurns) {
    return boxes.stream().map(d -> Crop.around(d.box(), in, margin, quarterTurns)).toList();
  }

  /** Decodes the output of a batch of {@code n} crops. */
  @FunctionalInterface
  private interface CropDecoder<T> {
    T decode(Map<String, Tensor> outputs, int n) throws NvcException;
  }

  /**
   * Runs {@code model} on crops, batched: all crops in one call when the batch is dynamic, else in calls
   * of the model's fixed batch size (the last padded with repeats of its final crop).
   */
  private <T> T[] runCrops(
      Model model, Frame frame, List<Crop> crops, CropDecoder<T[]> decoder)
      throws NvcException {
    InputSpec in = model.manifest().input();
    int batch = in.batch() == -1 ? crops.size() : in.batch();
    T[] result = null;
    for (int start = 0; start < crops.size(); start += batch) {
      int count = Math.min(batch, crops.size() - start);
      float[] data = new float[batch * in.valuesPerImage()];
      for (int j = 0; j < batch; j++) {
        Crop p = crops.get(start + Math.min(j, count - 1));
        TensorPacker.pack(frame, p, in, data, j * in.valuesPerImage());
      }
      Map<String, Tensor> out = model.session().run(Map.of(in.name(), Tensor.of(data, in.shape(batch))));
      T[] part = decoder.decode(out, batch);
      if (result == null) {
        result = java.util.Arrays.copyOf(part, crops.size());
      }
      System.arraycopy(part, 0, result, start, count);
    }
    return result;
  }

  private static AnalysisSummary summary(
      List<CapillaryFinding> capillaries, List<Haemorrhage> haemorrhages, DistalRow.Result row) {
    Map<Morphology, Integer> byMorphology = new EnumMap<>(Morphology.class);
    Map<SizeClass, Integer> bySize = new EnumMap<>(SizeClass.class);
    for (Morphology m : Morphology.values()) {
      byMorphology.put(m, 0);
    }
    for (SizeClass s : SizeClass.values()) {
      bySize.put(s, 0);
    }
    int distal = 0;
    for (CapillaryFinding c : capillaries) {
      byMorphology.merge(c.morphology(), 1, Integer::sum);
      bySize.merge(c.size(), 1, Integer::sum);
      if (c.distalRow()) {
        distal++;
      }
    }
    return new AnalysisSummary(capillaries.size(), distal, row.densityPerMm(), haemorrhages.size(),
        byMorphology, bySize);
  }

  private Provenance provenance(@Nullable Calibration calibration) {
    return new Provenance(SdkVersion.get(), backend.name(), backend.version(), modelInfos,
        calibration == null ? "NONE" : calibration.source().name());
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the analyzer is closed");
    }
  }

  @Override
  public String backendName() {
    return backend.name();
  }

  @Override
  public List<ModelInfo> models() {
    return modelInfos;
  }

  @Override
  public void close() {
    lifecycle.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Model m : new Model[] {detector, keypoints, visualSize}) {
        if (m != null) {
          m.session().close();
        }
      }
    } finally {
      lifecycle.writeLock().unlock();
    }
  }
}
