package io.nvc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.spi.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code boxes} decoder and its optional class probabilities ({@code outputs.classScores}). */
class DecodersTest {
  private static final List<String> CLASSES = List.of("normal", "tortuous", "ramified", "giant", "haemorrhage");

  private static ModelManifest detector(boolean classScores) {
    Map<String, String> outputs = classScores ? Map.of("boxes", "dets", "classScores", "class_scores")
        : Map.of("boxes", "dets");
    InputSpec in = new InputSpec("images", 1, 64, 32, true, false, 1 / 255.0, List.of(0.0, 0.0, 0.0),
        List.of(1.0, 1.0, 1.0), 114);
    return new ModelManifest("det", "1", ModelRole.DETECTOR, Map.of(), in, DecoderKind.BOXES, outputs, CLASSES,
        null, 2.0, 0.2, 0, List.of(), List.of(), List.of());
  }

  /** Two rows: a tortuous-leaning box kept, one below the score threshold skipped. */
  private static Tensor boxes() {
    return Tensor.of(new float[] {2, 3, 12, 23, 0.8f, 1, 20, 4, 30, 14, 0.01f, 0}, 1, 2, 6);
  }

  private static final Placement WHOLE = new Placement(0, 0, 2, 2, 0);

  @Test
  void boxesCarryTheirClassProbabilitiesWhenTheModelGivesThem() throws NvcException {
    float[] probs = {0.35f, 0.6f, 0.02f, 0.02f, 0.01f, 0.9f, 0.1f, 0, 0, 0};
    List<Detection> d = Decoders.detections(detector(true),
        Map.of("dets", boxes(), "class_scores", Tensor.of(probs, 1, 2, 5)), WHOLE, 0.05, 200, 200);
    assertEquals(1, d.size());
    assertEquals(1, d.get(0).classIndex());
    assertArrayEquals(new float[] {0.35f, 0.6f, 0.02f, 0.02f, 0.01f}, d.get(0).classScores());
    assertEquals(List.of("boxes", "classScores"), detector(true).outputSlots());

    List<Detection> plain = Decoders.detections(detector(false), Map.of("dets", boxes()), WHOLE, 0.05, 200, 200);
    assertNull(plain.get(0).classScores());
    assertEquals(List.of("boxes"), detector(false).outputSlots());
  }

  @Test
  void classProbabilitiesOfTheWrongShapeOrRangeAreRejected() {
    NvcException shape = assertThrows(NvcException.class, () -> Decoders.detections(detector(true),
        Map.of("dets", boxes(), "class_scores", Tensor.of(new float[8], 1, 2, 4)), WHOLE, 0.05, 200, 200));
    assertEquals(ErrorCode.MODEL_INVALID, shape.code());
    assertTrue(shape.getMessage().contains("[1, 2, 5]") && shape.getMessage().contains("[1, 2, 4]"),
        shape.getMessage());
    float[] bad = {1.5f, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    NvcException range = assertThrows(NvcException.class, () -> Decoders.detections(detector(true),
        Map.of("dets", boxes(), "class_scores", Tensor.of(bad, 1, 2, 5)), WHOLE, 0.05, 200, 200));
    assertTrue(range.getMessage().contains("[0, 1]") && range.getMessage().contains("1.5"), range.getMessage());
  }
}
