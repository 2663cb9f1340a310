/**
 * Examination reports of the NVC SDK: a self-contained HTML report from a customisable, logic-less
 * Mustache template (mustache.java), and a PDF of it (openhtmltopdf on PDFBox). The report's data
 * (examination model, aggregation, Fast Track, JSON) lives in nvc-api's {@code io.nvc.examination}.
 */
module io.nvc.report {
  requires transitive io.nvc.api;
  requires com.github.mustachejava;
  requires com.fasterxml.jackson.databind;
  requires openhtmltopdf.core;
  requires openhtmltopdf.pdfbox;
  requires static transitive org.jspecify;

  exports io.nvc.report;
}
