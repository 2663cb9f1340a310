package io.nvc.examination;

import static io.nvc.examination.Fixtures.analysis;
import static io.nvc.examination.Fixtures.capillary;
import static io.nvc.examination.Fixtures.normals;
import static io.nvc.examination.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nvc.Calibration;
import io.nvc.CapillaryFinding;
import io.nvc.ErrorCode;
import io.nvc.Finger;
import io.nvc.Morphology;
import io.nvc.NvcException;
import io.nvc.Sector;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examination report JSON: stable field names, round trip, version check. */
class ExaminationJsonTest {

  @TempDir Path dir;

  static ExaminationReport report() {
    List<ImageResult> r = new ArrayList<>();
    for (Finger f : Examinations.STANDARD_FINGERS) {
      List<CapillaryFinding> caps = new ArrayList<>(normals(4));
      caps.add(capillary(Morphology.RAMIFIED, 22.0, true));
      r.add(result(f, Sector.A, analysis(f + "A", Calibration.manual(1.2), 2.5, 1, caps)));
      r.add(result(f, Sector.PANORAMIC, null));
    }
    r.add(new ImageResult(new ExaminationImage(Path.of("R5/B.png"), Finger.R5, Sector.B,
        Calibration.manual(0.9)), null, "IO: cannot read"));
    Examination exam = new Examination("P-7", "E-1", LocalDate.of(2026, 11, 26),
        r.stream().map(ImageResult::image).toList());
    return Examinations.summarise(exam, r, Instant.parse("2026-11-26T16:00:00Z"));
  }

  @Test
  void writesTheDocumentedFieldsAndReadsThemBack() throws Exception {
    ExaminationReport rep = report();
    assertEquals(FastTrackOutcome.SCLERODERMA_LATE, rep.fastTrack().outcome());
    String json = ExaminationJson.toJson(rep);
    JsonNode root = new ObjectMapper().readTree(json);
    assertEquals("nvc.examination-report/1", root.get("schema").asText());
    assertEquals("SCLERODERMA_LATE", root.at("/fastTrack/outcome").asText());
    assertEquals(3, root.at("/fastTrack/rule").asInt());
    assertEquals(2.5, root.at("/fastTrack/densityPerMm").asDouble(), 1e-9);
    assertEquals(8, root.at("/fastTrack/abnormalShapes").asInt());
    assertEquals(2.5, root.at("/patient/densityPerMm").asDouble(), 1e-9);
    assertEquals("P-7", root.at("/patient/id").asText());
    JsonNode finger = root.at("/fingers/0");
    for (String field : List.of("finger", "densityPerMm", "capillaries", "giant", "enlarged", "haemorrhages")) {
      assertTrue(finger.has(field), field + " in " + finger);
    }
    assertEquals("L2", finger.get("finger").asText());
    assertEquals(5, finger.get("capillaries").asInt());
    assertEquals("nvc.image-analysis/1", root.at("/images/0/analysis/schema").asText());
    assertTrue(root.at("/images/1/analysis").isNull());
    assertEquals("PANORAMIC", root.at("/images/1/status").asText());
    assertTrue(!json.contains("NaN"));
    assertTrue(json.contains("\"morphologyScores\""), "shape probabilities written where given");

    ExaminationReport back = ExaminationJson.fromJson(json);
    assertEquals(rep, back);
    Path file = dir.resolve("report.json");
    ExaminationJson.write(rep, file);
    assertEquals(rep, ExaminationJson.read(file));
  }

  @Test
  void refusesNewerSchemasAndOtherDocuments() {
    String json = ExaminationJson.toJson(report());
    NvcException newer = assertThrows(NvcException.class,
        () -> ExaminationJson.fromJson(json.replace("nvc.examination-report/1", "nvc.examination-report/2")));
    assertEquals(ErrorCode.UNSUPPORTED_VERSION, newer.code());
    NvcException other = assertThrows(NvcException.class,
        () -> ExaminationJson.fromJson("{\"schema\": \"nvc.image-analysis/1\"}"));
    assertEquals(ErrorCode.RESULT_INVALID, other.code());
    NvcException broken = assertThrows(NvcException.class,
        () -> ExaminationJson.fromJson(json.replace("\"outcome\" : \"SCLERODERMA_LATE\"", "\"outcome\" : \"X\"")));
    assertEquals(ErrorCode.RESULT_INVALID, broken.code());
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    String json = ExaminationJson.toJson(report()).replaceFirst("\\{", "{\"futureField\": 1,");
    assertEquals(report().fastTrack(), ExaminationJson.fromJson(json).fastTrack());
  }
}
