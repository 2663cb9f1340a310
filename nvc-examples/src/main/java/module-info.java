/** The {@code nvc} command-line tool and usage examples of the NVC SDK. */
module io.nvc.examples {
  requires transitive io.nvc.api;
  requires io.nvc.evaluation;
  requires io.nvc.calibration;
  requires io.nvc.synth;
  requires io.nvc.report;
  requires org.bytedeco.javacv;
  requires org.bytedeco.ffmpeg;
  requires org.bytedeco.opencv;
  requires info.picocli;
  requires static org.jspecify;

  exports io.nvc.examples;

  opens io.nvc.examples.cli to info.picocli;
}
