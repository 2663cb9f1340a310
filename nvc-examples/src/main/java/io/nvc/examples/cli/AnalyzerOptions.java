package io.nvc.examples.cli;

import io.nvc.NailfoldAnalyzer;
import io.nvc.NailfoldAnalyzerBuilder;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The options every command that runs the analyzer shares: backend, models and threads. */
final class AnalyzerOptions {

  @Option(names = "--backend", paramLabel = "NAME",
      description = "Inference backend (onnx or djl); default: the highest priority one found.")
  @Nullable String backend;

  @Option(names = "--models", paramLabel = "DIR",
      description = "Folder of model manifests; default: the SDK's models/ folder.")
  @Nullable Path models;

  @Option(names = "--threads", paramLabel = "N", description = "Threads per model call.")
  @Nullable Integer threads;

  /** A builder with these options applied. */
  NailfoldAnalyzerBuilder builder() {
    NailfoldAnalyzerBuilder builder = NailfoldAnalyzer.builder();
    if (backend != null) {
      builder.backend(backend);
    }
    if (models != null) {
      builder.models(models);
    }
    if (threads != null) {
      builder.threads(threads);
    }
    return builder;
  }
}
