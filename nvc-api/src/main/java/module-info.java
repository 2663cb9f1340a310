/**
 * The NVC SDK's public API and backend SPI. Depends on nothing heavy: Jackson for JSON, SLF4J for
 * logging and the JDK's image I/O.
 */
module io.nvc.api {
  requires transitive java.desktop;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.nvc;
  exports io.nvc.spi;
  exports io.nvc.examination;

  uses io.nvc.spi.InferenceBackend;
  uses io.nvc.spi.MetadataReader;
}
