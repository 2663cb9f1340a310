package io.nvc.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nvc.Box;
import io.nvc.Measurement;
import io.nvc.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The distal direction and the quarter turns that bring it upright (rows as a whole: GeometryTest). */
class DistalRowTest {

  @Test
  void uprightTurnsBringTheDirectionWithin45DegreesOfUp() {
    assertEquals(0, DistalRow.uprightTurns(new double[] {0, -1}));
    assertEquals(0, DistalRow.uprightTurns(new double[] {0.6, -0.8}), "37 degrees right of up");
    assertEquals(1, DistalRow.uprightTurns(new double[] {0.8, -0.6}), "53 degrees right of up");
    assertEquals(1, DistalRow.uprightTurns(new double[] {1, 0}));
    assertEquals(2, DistalRow.uprightTurns(new double[] {0.1, 1}));
    assertEquals(3, DistalRow.uprightTurns(new double[] {-1, 0.2}));
  }

  @Test
  void directionFromApexAndLimbsOrTheBoxCentre() {
    // Two loops pointing right: one with limbs, one with only its apex (base: its box centre).
    Box box = new Box(100, 100, 80, 40);
    Measurement apex = Measurement.between(new Point(178, 118), new Point(178, 122), 1, null);
    Measurement limb1 = Measurement.between(new Point(110, 102), new Point(110, 108), 1, null);
    Measurement limb2 = Measurement.between(new Point(110, 132), new Point(110, 138), 1, null);
    double[] d = DistalRow.direction(List.of(new DistalRow.Loop(box, apex, limb1, limb2),
        new DistalRow.Loop(box, apex, null, null)));
    assertArrayEquals(new double[] {1, 0}, d, 1e-9);
    assertEquals(1, DistalRow.uprightTurns(d));
    assertArrayEquals(new double[] {0, -1}, DistalRow.direction(List.of(new DistalRow.Loop(box, apex, null, null))),
        "one loop is too few: image-up");
  }
}
