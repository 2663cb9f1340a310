/** The DJL (PyTorch engine) backend: not implemented yet (issue 9); this module holds no code so far. */
module io.nvc.djl {
  requires io.nvc.api;
  requires static org.jspecify;
}
