/**
 * Calibration and capture metadata for the NVC SDK: calibrations from micrometres per pixel, two points,
 * a field of view, a device profile catalogue or a photo of a stage micrometer; capture metadata kept in
 * the image file as XMP (JPEG, PNG, TIFF) with standard EXIF where the format allows; and a
 * {@link io.nvc.spi.MetadataReader} so that the analyzer uses a calibration found in a file.
 */
module io.nvc.calibration {
  requires transitive io.nvc.api;
  requires java.xml;
  requires org.apache.commons.imaging;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;
  requires static transitive org.jspecify;

  exports io.nvc.calibration;

  provides io.nvc.spi.MetadataReader with io.nvc.calibration.XmpMetadataReader;
}
