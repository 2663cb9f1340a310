package io.nvc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The EULAR size rules at their boundaries; giant needs a homogeneously enlarged loop. */
class SizeClassTest {

  @ParameterizedTest(name = "apical={0} arterial={1} venous={2} -> {3}")
  @CsvSource(nullValues = "null", value = {
    "19.99, 10, 12, NORMAL",
    "20, 10, 12, ENLARGED",
    "20.0001, 10, 12, ENLARGED",
    "49.99, 10, 12, ENLARGED",
    "50, 20, 20, GIANT",
    "50.01, 30, 30, GIANT",
    "50, 19.99, 30, ENLARGED",
    "80, 30, 10, ENLARGED",
    "50, null, 25, GIANT",
    "50, null, null, GIANT",
    "0, 0, 0, NORMAL",
    "15, 19.99, 19.99, NORMAL",
    "15, 20, 12, ENLARGED",
    "15, 12, 20, ENLARGED",
    "15, 55, 12, ENLARGED",
    "15, null, null, NORMAL",
    "15, null, 25, ENLARGED",
    "null, 25, 25, UNKNOWN",
    "null, null, null, UNKNOWN",
  })
  void eularRules(Double apical, Double arterial, Double venous, SizeClass expected) {
    assertEquals(expected, SizeClass.fromMicrometres(apical, arterial, venous));
  }

  @ParameterizedTest
  @CsvSource({"-1", "NaN", "Infinity"})
  void rejectsImpossibleDiameters(double bad) {
    var e = assertThrows(IllegalArgumentException.class, () -> SizeClass.fromMicrometres(bad, 10.0, 10.0));
    assertEquals("apical diameter must be finite and >= 0 um, found " + bad, e.getMessage());
  }
}
