package io.nvc.internal;

import io.nvc.Calibration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Decides how an image is fed to the detector: one letterboxed input, or overlapping tiles.
 *
 * <ul>
 *   <li>Calibrated image and a detector with a canonical scale: the image is resampled so that one model
 *       pixel is {@code canonicalMicrometresPerPixel} (x and y separately, so non-square pixels become
 *       square), then placed centred in one input if it fits, else cut into tiles.
 *   <li>Otherwise the whole image is letterboxed (scaled to fit, centred, padded) when that shrinks it by
 *       at most the manifest's {@code maxDownscale}; larger images are tiled at that downscale.
 * </ul>
 * Tiles overlap by the manifest's {@code tileOverlap} and are spread evenly so that the first and last
 * touch the image's edges. Stateless and thread-safe.
 */
public final class DetectionPlanner {

  private DetectionPlanner() {}

  /** The placements of the detector's inputs for an image of {@code width x height}. */
  public static List<Placement> plan(
      int width, int height, ModelManifest detector, @Nullable Calibration calibration) {
    InputSpec in = detector.input();
    Double canonical = detector.canonicalMicrometresPerPixel();
    double scaleX;
    double scaleY;
    if (calibration != null && canonical != null) {
      scaleX = canonical / calibration.micrometresPerPixelX();
      scaleY = canonical / calibration.micrometresPerPixelY();
    } else {
      double fit = Math.max((double) width / in.width(), (double) height / in.height());
      scaleX = scaleY = Math.min(fit, detector.maxDownscale());
    }
    List<Double> xs = starts(width, in.width() * scaleX, detector.tileOverlap());
    List<Double> ys = starts(height, in.height() * scaleY, detector.tileOverlap());
    List<Placement> out = new ArrayList<>(xs.size() * ys.size());
    for (int j = 0; j < ys.size(); j++) {
      for (int i = 0; i < xs.size(); i++) {
        int interior = 0;
        if (i > 0) {
          interior |= Placement.LEFT;
        }
        if (i < xs.size() - 1) {
          interior |= Placement.RIGHT;
        }
        if (j > 0) {
          interior |= Placement.TOP;
        }
        if (j < ys.size() - 1) {
          interior |= Placement.BOTTOM;
        }
        out.add(new Placement(xs.get(i), ys.get(j), scaleX, scaleY, interior));
      }
    }
    return out;
  }

  /** Tile start positions along one axis of {@code length} pixels for tiles of {@code extent}. */
  private static List<Double> starts(int length, double extent, double overlap) {
    if (length <= extent + 1e-6) {
      return List.of((length - extent) / 2);
    }
    int n = (int) Math.ceil((length - extent * overlap) / (extent * (1 - overlap)) - 1e-9);
    n = Math.max(2, n);
    List<Double> s = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      s.add(i * (length - extent) / (n - 1));
    }
    return s;
  }
}
