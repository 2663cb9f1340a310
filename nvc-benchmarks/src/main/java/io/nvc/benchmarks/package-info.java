/**
 * JMH benchmarks. {@link io.nvc.benchmarks.AnalyzeBenchmark} times whole analyses;
 * {@link io.nvc.benchmarks.StageBenchmark} times each stage of the cascade alone, including the raw
 * backend runs that bound what the SDK can reach. Run them with {@code nvc-benchmarks/run.sh}.
 */
@NullMarked
package io.nvc.benchmarks;

import org.jspecify.annotations.NullMarked;
