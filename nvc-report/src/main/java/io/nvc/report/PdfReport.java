package io.nvc.report;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.XRLog;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.examination.ExaminationReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Renders an {@link ExaminationReport} as PDF: the {@link HtmlReport}'s page (charts as bitmaps, since
 * the PDF renderer has no SVG support) laid out by openhtmltopdf on Apache PDFBox, entirely offline.
 * Immutable and thread-safe.
 */
public final class PdfReport {

  static {
    // openhtmltopdf logs every layout step through java.util.logging; the SDK reports failures itself.
    XRLog.setLoggingEnabled(false);
  }

  private final HtmlReport html;

  private PdfReport(HtmlReport html) {
    this.html = html;
  }

  /** The default template and settings. */
  public static PdfReport defaults() {
    return new PdfReport(HtmlReport.defaults());
  }

  /** A PDF report laid out from {@code html}'s template and settings (the template must be XHTML). */
  public static PdfReport of(HtmlReport html) {
    if (html == null) {
      throw new IllegalArgumentException("html must not be null");
    }
    return new PdfReport(html);
  }

  /**
   * The report as PDF bytes.
   *
   * @throws NvcException {@link ErrorCode#IO} when the page cannot be laid out (for example a custom
   *     template that is not well-formed XHTML)
   */
  public byte[] render(ExaminationReport report) throws NvcException {
    String page = html.render(report, true);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfRendererBuilder builder = new PdfRendererBuilder();
      builder.useFastMode();
      builder.withHtmlContent(page, null);
      builder.toStream(out);
      builder.run();
    } catch (IOException | RuntimeException e) {
      throw new NvcException(ErrorCode.IO, "cannot lay out the PDF report: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }

  /**
   * Writes the report as PDF to {@code file}.
   *
   * @throws NvcException {@link ErrorCode#IO} when it cannot be laid out or written
   */
  public void write(ExaminationReport report, Path file) throws NvcException {
    HtmlReport.writeAtomically(file, render(report));
  }
}
