package io.nvc.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import io.nvc.ErrorCode;
import io.nvc.NvcException;
import io.nvc.examination.ExaminationReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Renders an {@link ExaminationReport} as one self-contained HTML file a physician can read and print:
 * header, Fast Track box with its trace, per-finger table, density chart and apical-calibre histogram
 * (inline SVG), overlay photos per finger and sector (embedded JPEG, click to enlarge, no script),
 * calibration and model provenance, notes and a disclaimer.
 *
 * <p>The template is logic-less Mustache ({@code mustache.java}); {@link #withTemplate(String)} takes
 * your own. The data it receives is documented in {@code docs/reports.md}; the default template is the
 * resource {@code io/nvc/report/report.html.mustache}. Templates meant for {@link PdfReport} must be
 * well-formed XHTML. Immutable and thread-safe; the {@code with} methods return changed copies.
 *
 * <pre>{@code
 * HtmlReport.defaults().write(report, Path.of("report.html"));
 * HtmlReport.defaults().withTemplate(Files.readString(Path.of("clinic.mustache"))).write(report, out);
 * }</pre>
 */
public final class HtmlReport {

  /** Name of the default template resource, next to this class. */
  public static final String DEFAULT_TEMPLATE = "report.html.mustache";

  private final Mustache template;
  private final int thumbnailWidth;
  private final float jpegQuality;

  private HtmlReport(Mustache template, int thumbnailWidth, float jpegQuality) {
    this.template = template;
    this.thumbnailWidth = thumbnailWidth;
    this.jpegQuality = jpegQuality;
  }

  /** The default template, photos at most 640 pixels wide, JPEG quality 0.75. */
  public static HtmlReport defaults() {
    return new HtmlReport(compile(defaultTemplate(), DEFAULT_TEMPLATE), 640, 0.75f);
  }

  /** The default template's text, a starting point for your own. */
  public static String defaultTemplate() {
    try (InputStream in = HtmlReport.class.getResourceAsStream(DEFAULT_TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("the default report template " + DEFAULT_TEMPLATE + " is missing from"
            + " the nvc-report jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the default report template: " + e.getMessage(), e);
    }
  }

  /**
   * A copy that renders with {@code mustacheTemplate} (Mustache text, not a file name).
   *
   * @throws IllegalArgumentException when the template does not compile, with the reason
   */
  public HtmlReport withTemplate(String mustacheTemplate) {
    if (mustacheTemplate == null || mustacheTemplate.isBlank()) {
      throw new IllegalArgumentException("the report template must not be empty");
    }
    return new HtmlReport(compile(mustacheTemplate, "custom template"), thumbnailWidth, jpegQuality);
  }

  /**
   * A copy that embeds photos at most {@code pixels} wide (0 embeds none: smaller files).
   *
   * @throws IllegalArgumentException unless {@code 0 <= pixels <= 4096}
   */
  public HtmlReport withThumbnailWidth(int pixels) {
    if (pixels < 0 || pixels > 4096) {
      throw new IllegalArgumentException("thumbnail width must be in [0, 4096] pixels, found " + pixels);
    }
    return new HtmlReport(template, pixels, jpegQuality);
  }

  /**
   * A copy that encodes photos with JPEG {@code quality}.
   *
   * @throws IllegalArgumentException unless {@code 0.1 <= quality <= 1}
   */
  public HtmlReport withJpegQuality(float quality) {
    if (!(quality >= 0.1f && quality <= 1f)) {
      throw new IllegalArgumentException("JPEG quality must be in [0.1, 1], found " + quality);
    }
    return new HtmlReport(template, thumbnailWidth, quality);
  }

  /** The report as HTML. Photos that cannot be read are shown as missing. */
  public String render(ExaminationReport report) {
    return render(report, false);
  }

  String render(ExaminationReport report, boolean forPdf) {
    Map<String, Object> data = ReportModel.of(report, forPdf, thumbnailWidth, jpegQuality);
    StringWriter out = new StringWriter();
    try {
      template.execute(out, data).flush();
    } catch (MustacheException e) {
      throw new IllegalArgumentException("the report template failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  /**
   * Writes the report to {@code file} (through a temporary file and a move).
   *
   * @throws NvcException {@link ErrorCode#IO} when the file cannot be written
   */
  public void write(ExaminationReport report, Path file) throws NvcException {
    writeAtomically(file, render(report).getBytes(StandardCharsets.UTF_8));
  }

  static void writeAtomically(Path file, byte[] bytes) throws NvcException {
    Path abs = file.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new NvcException(ErrorCode.IO, "cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Mustache compile(String text, String name) {
    try {
      return new DefaultMustacheFactory().compile(new StringReader(text), name);
    } catch (MustacheException e) {
      throw new IllegalArgumentException("the report template does not compile: " + e.getMessage(), e);
    }
  }
}
