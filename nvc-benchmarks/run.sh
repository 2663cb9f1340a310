#!/usr/bin/env bash
# Runs the JMH benchmarks and prints one table: ms per stage, images per second, the overhead ratio
# (end-to-end / (raw detector + raw keypoints)), allocation per image, 2-thread scaling, DJL vs ONNX,
# and the cost of an image turned 180 degrees (its crops turned upright).
#
#   nvc-benchmarks/run.sh --quick    1280x1024 only, short iterations (a few minutes on 2 cores)
#   nvc-benchmarks/run.sh            every size and backend, JMH JSON kept under nvc-benchmarks/results/
#
# Needs the default models in models/ (or -Dnvc.models / NVC_MODELS) and a build (mvn -B -q install
# -DskipTests), which it runs when benchmarks.jar is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true
JAR=nvc-benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || mvn -B -q install -DskipTests
RESULTS=nvc-benchmarks/results
mkdir -p "$RESULTS"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
if [ "${1:-}" = "--quick" ]; then
  OUT=$(mktemp -d)
  ITER=(-wi 2 -w 1 -i 3 -r 2 -f 1)
  SIZES=1280x1024
else
  OUT="$RESULTS"
  ITER=()
  SIZES=640x480,1280x1024,1920x1080
fi
run() { # name, extra JMH arguments...
  local name=$1; shift
  java -Dai.djl.offline=true -jar "$JAR" "$@" "${ITER[@]}" -prof gc -rf json -rff "$OUT/$stamp-$name.json" \
      > "$OUT/$stamp-$name.log" 2>&1 || { tail -30 "$OUT/$stamp-$name.log"; exit 1; }
}
echo "running stage benchmarks..."
run stages 'StageBenchmark' -p size=1280x1024 -p backend=onnx,djl
echo "running end-to-end benchmarks, 1 thread..."
run e2e-1 'AnalyzeBenchmark' -p size=$SIZES -p backend=onnx,djl -t 1
echo "running end-to-end benchmarks, 1 thread, image turned 180 degrees (crops turned upright)..."
run e2e-turned 'AnalyzeBenchmark' -p size=1280x1024 -p backend=onnx -p rotation=180 -t 1
echo "running end-to-end benchmarks, 2 threads..."
run e2e-2 'AnalyzeBenchmark' -p size=1280x1024 -p backend=onnx -t 2
echo "running the synthetic image renderer..."
run synth 'SynthBenchmark' -t 1
/usr/bin/env python3 nvc-benchmarks/summarize.py "$OUT/$stamp-stages.json" "$OUT/$stamp-e2e-1.json" \
    "$OUT/$stamp-e2e-2.json" "$OUT/$stamp-synth.json" "$OUT/$stamp-e2e-turned.json"
[ "${1:-}" = "--quick" ] || echo "JMH JSON in $RESULTS/$stamp-*.json"
