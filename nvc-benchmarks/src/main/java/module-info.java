/** JMH benchmarks of the NVC SDK's hot path: end-to-end analysis and each cascade stage alone. */
module io.nvc.benchmarks {
  requires io.nvc.api;
  requires io.nvc.synth;
  requires jmh.core;
  requires static org.jspecify;

}
