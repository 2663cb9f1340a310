package io.nvc.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * The 12 summary numbers of pycocotools' {@code COCOeval.summarize()} for bounding boxes, in its
 * order; -1 where pycocotools prints -1 (no ground truth in that range). Immutable and
 * thread-safe.
 *
 * @param ap AP at IoU 0.50:0.95, all areas, 100 detections
 * @param ap50 AP at IoU 0.50
 * @param ap75 AP at IoU 0.75
 * @param apSmall AP for areas below 32^2
 * @param apMedium AP for areas from 32^2 to 96^2
 * @param apLarge AP for areas above 96^2
 * @param ar1 AR with 1 detection per image
 * @param ar10 AR with 10 detections per image
 * @param ar100 AR with 100 detections per image
 * @param arSmall AR for small areas
 * @param arMedium AR for medium areas
 * @param arLarge AR for large areas
 */
public record CocoStats(
    double ap,
    double ap50,
    double ap75,
    double apSmall,
    double apMedium,
    double apLarge,
    double ar1,
    double ar10,
    double ar100,
    double arSmall,
    double arMedium,
    double arLarge) {

  /** The JSON names of the 12 numbers, in order ({@code stats.AP} ... {@code stats.ARl}). */
  public static final List<String> NAMES =
      List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm",
          "ARl");

  private static final String[] LINES = {
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ",
    " Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = ",
    " Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = ",
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = ",
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = ",
    " Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = ",
    " Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = ",
  };

  static CocoStats of(double[] s) {
    return new CocoStats(s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], s[11]);
  }

  /** Returns the 12 numbers in pycocotools' order ({@code COCOeval.stats}). */
  public List<Double> values() {
    return List.of(ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall,
        arMedium, arLarge);
  }

  /**
   * Returns the 12 lines pycocotools' {@code summarize()} prints, with its 3-decimal format.
   *
   * @return the lines joined with {@code \n}
   */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    List<Double> v = values();
    for (int i = 0; i < LINES.length; i++) {
      sb.append(LINES[i]).append(String.format(Locale.ROOT, "%.3f", v.get(i)));
      if (i < LINES.length - 1) {
        sb.append('\n');
      }
    }
    return sb.toString();
  }
}
