/** Calibration sources and capture metadata: not implemented yet (issue 6); this module holds no code so far. */
module io.nvc.calibration {
  requires io.nvc.api;
  requires static org.jspecify;
}
