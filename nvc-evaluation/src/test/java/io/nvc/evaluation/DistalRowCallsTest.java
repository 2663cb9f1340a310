package io.nvc.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The distal-row flag counted as a binary call, distal row the positive class. */
class DistalRowCallsTest {

  @Test
  void countsEachKindOfCall() {
    DistalRowCalls.Call tp = new DistalRowCalls.Call(true, true);
    DistalRowCalls.Call fp = new DistalRowCalls.Call(false, true);
    DistalRowCalls.Call fn = new DistalRowCalls.Call(true, false);
    DistalRowCalls.Call tn = new DistalRowCalls.Call(false, false);
    DistalRowCalls calls = DistalRowCalls.of(List.of(tp, tp, tp, fp, fn, tn, tn));
    assertEquals(new DistalRowCalls(3, 1, 1, 2), calls);
    assertEquals(7, calls.calls());
    assertEquals(0.75, calls.precision(), 1e-12);
    assertEquals(0.75, calls.recall(), 1e-12);
  }

  @Test
  void withoutCallsPrecisionAndRecallAreUndefined() {
    DistalRowCalls none = DistalRowCalls.of(List.of());
    assertEquals(0, none.calls());
    assertTrue(Double.isNaN(none.precision()));
    assertTrue(Double.isNaN(none.recall()));
    assertThrows(IllegalArgumentException.class, () -> new DistalRowCalls(1, -1, 0, 0));
  }
}
