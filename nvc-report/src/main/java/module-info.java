/** Examination reports of the NVC SDK (being written for the reports issue; holds no code yet). */
module io.nvc.report {
  requires io.nvc.api;
  requires static org.jspecify;
}
