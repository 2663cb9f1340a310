/** JMH benchmarks of the hot path: not implemented yet (issue 11); this module holds no code so far. */
module io.nvc.benchmarks {
  requires io.nvc.api;
  requires static org.jspecify;
}
