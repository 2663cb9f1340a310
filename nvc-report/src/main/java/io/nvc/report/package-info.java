/**
 * Examination reports: {@link io.nvc.report.HtmlReport} renders an
 * {@link io.nvc.examination.ExaminationReport} as one self-contained HTML file (overlay thumbnails and
 * charts embedded) from the default or the caller's Mustache template; {@link io.nvc.report.PdfReport}
 * turns the same report into a PDF.
 */
@NullMarked
package io.nvc.report;

import org.jspecify.annotations.NullMarked;
