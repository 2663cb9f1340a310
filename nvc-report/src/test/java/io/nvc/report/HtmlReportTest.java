package io.nvc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvc.examination.ExaminationReport;
import io.nvc.examination.FastTrackOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML and PDF reports of a marker examination. */
class HtmlReportTest {

  @TempDir static Path dir;
  static ExaminationReport report;

  @BeforeAll
  static void analyse() throws Exception {
    report = ReportFixtures.report(dir);
  }

  @Test
  void theHtmlHasEverySectionAndIsSelfContained() throws Exception {
    assertEquals(FastTrackOutcome.SCLERODERMA_EARLY_ACTIVE, report.fastTrack().outcome(), report.fastTrack().trace().toString());
    String html = HtmlReport.defaults().render(report);
    Files.createDirectories(Path.of("target/report-test"));
    Files.writeString(Path.of("target/report-test/report.html"), html);
    for (String expected : new String[] {"P-0042", "2026-11-26", "scleroderma pattern, early or active",
        "not a diagnosis", "Rule 2 (giant capillaries and density", "<svg", "Density per finger",
        "Apical diameter", "data:image/jpeg;base64,", "panoramic view: not measured", "uncalibrated",
        "Calibration and provenance", "marker-detector", "Not a diagnosis.", "METADATA"}) {
      assertTrue(html.contains(expected), "missing " + expected);
    }
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("http://") && html.replace("http://www.w3.org/", "").contains("http://"),
        "no external reference");
    assertFalse(html.contains("{{"), "every tag rendered");
    assertTrue(html.length() < 2_000_000, "size " + html.length());
    // Well-formed XHTML: what the PDF renderer needs.
    DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void usersCanPassTheirOwnTemplate() throws Exception {
    HtmlReport custom = HtmlReport.defaults().withThumbnailWidth(0)
        .withTemplate("<p>{{patientId}}: {{fastTrack.label}} ({{fastTrack.outcome}}){{#fingers}} {{finger}}={{density}}{{/fingers}}</p>");
    String html = custom.render(report);
    assertTrue(html.startsWith("<p>P-0042: scleroderma pattern, early or active (SCLERODERMA_EARLY_ACTIVE) L2="), html);
    assertTrue(html.contains(" R3="), html);
    assertThrows(IllegalArgumentException.class, () -> HtmlReport.defaults().withTemplate("{{#open}} never closed"));
    assertThrows(IllegalArgumentException.class, () -> HtmlReport.defaults().withThumbnailWidth(-1));
    Path file = dir.resolve("r.html");
    custom.write(report, file);
    assertEquals(html, Files.readString(file));
    assertTrue(HtmlReport.defaultTemplate().contains("{{#fastTrack}}"));
  }

  @Test
  void thePdfHasTheSameContent() throws Exception {
    byte[] pdf = PdfReport.defaults().render(report);
    assertTrue(new String(pdf, 0, 5, StandardCharsets.US_ASCII).equals("%PDF-"));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      String text = new PDFTextStripper().getText(doc);
      assertTrue(text.contains("P-0042"), text);
      assertTrue(text.contains("scleroderma pattern, early or active"), text);
      assertTrue(text.contains("Not a diagnosis."), text);
      assertTrue(doc.getNumberOfPages() >= 1);
    }
  }
}
