/**
 * Calibration and capture metadata: {@link io.nvc.calibration.Calibrations} (micrometres per pixel, two
 * points, field of view), {@link io.nvc.calibration.DeviceProfiles} (a versioned JSON catalogue of
 * capture devices), {@link io.nvc.calibration.GraticuleCalibrator} (a photo of a stage micrometer) and
 * {@link io.nvc.calibration.CaptureMetadataIO} (XMP and EXIF in JPEG, PNG and TIFF files). The XMP
 * namespace and every property are documented in {@code docs/calibration.md}.
 */
package io.nvc.calibration;
