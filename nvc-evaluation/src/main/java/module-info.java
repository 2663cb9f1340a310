/**
 * COCO-exact detection evaluation, measurement accuracy metrics and dataset format tools of the
 * NVC SDK. Independent of the other SDK modules.
 */
module io.nvc.evaluation {
  requires com.fasterxml.jackson.databind;
  requires java.xml;
  requires java.desktop;
  requires static transitive org.jspecify;

  exports io.nvc.dataset;
  exports io.nvc.evaluation;
}
