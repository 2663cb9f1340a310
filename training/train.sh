#!/usr/bin/env bash
# Trains the SDK's default models from scratch and evaluates them: one command, CPU only (a GPU is used
# when PyTorch sees one), about an hour on 2 cores.
#
#   training/train.sh                 synthetic data from nvc synth (the default models)
#   training/train.sh --data DIR      your own COCO dataset instead (annotations.json + images; convert
#                                     VOC or YOLO first with: nvc dataset convert --to coco ...)
#
# Three phases: DET_ITERS/KP_ITERS iterations from scratch (learning rate 2e-3), then DET_ITERS2/KP_ITERS2
# more from those weights (1e-3), then DET_ITERS3/KP_ITERS3 more (5e-4).
# Environment: TRAIN_IMAGES (default 600), TEST_IMAGES (60), DET_ITERS (1000), KP_ITERS (700),
# DET_ITERS2 (1200), KP_ITERS2 (1000), DET_ITERS3 (1500), KP_ITERS3 (1500),
# OUT (default models/), WORK (default training/work).
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=""
if [ "${1:-}" = "--data" ]; then DATA="$2"; fi
TRAIN_IMAGES=${TRAIN_IMAGES:-600}
TEST_IMAGES=${TEST_IMAGES:-60}
DET_ITERS=${DET_ITERS:-1000}
KP_ITERS=${KP_ITERS:-700}
DET_ITERS2=${DET_ITERS2:-1200}
KP_ITERS2=${KP_ITERS2:-1000}
DET_ITERS3=${DET_ITERS3:-1500}
KP_ITERS3=${KP_ITERS3:-1500}
OUT=${OUT:-models}
WORK=${WORK:-training/work}
PY=/usr/bin/python3
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true

if ! $PY -c "import torch, onnx, PIL" >/dev/null 2>&1; then
  echo "== installing Debian's PyTorch"
  apt-get update -qq && apt-get install -y -qq python3-torch python3-torchvision python3-onnx python3-pil
fi
# OpenBLAS instead of the reference BLAS (several times faster on CPUs).
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || apt-get install -y -qq libopenblas0-pthread || true
JAR=nvc-examples/target/nvc.jar
if [ ! -f "$JAR" ]; then
  echo "== building nvc.jar"
  mvn -B -q install -DskipTests
fi

mkdir -p "$WORK"
if [ -z "$DATA" ]; then
  half=$((TRAIN_IMAGES / 2))
  stamp="$WORK/.generated-$TRAIN_IMAGES-$TEST_IMAGES"
fi
if [ -z "$DATA" ] && [ -f "$stamp" ]; then
  echo "== reusing the generated images in $WORK (same seeds and counts give the same files)"
  TRAIN_ARGS="--train $WORK/train-a --train $WORK/train-b"
  TEST="$WORK/test"
elif [ -z "$DATA" ]; then
  echo "== generating $TRAIN_IMAGES training images (two processes) and $TEST_IMAGES test images"
  rm -rf "$WORK/train-a" "$WORK/train-b" "$WORK/test"
  java -jar "$JAR" synth --count "$half" --seed 1001 --profile mixed --um-per-px 0.8,3.0 --format jpg \
      --out "$WORK/train-a" &
  java -jar "$JAR" synth --count "$((TRAIN_IMAGES - half))" --seed 1002 --profile mixed --um-per-px 0.8,3.0 \
      --format jpg --out "$WORK/train-b" &
  wait
  java -jar "$JAR" synth --count "$TEST_IMAGES" --seed 9000 --profile mixed --um-per-px 0.8,3.0 \
      --format jpg --out "$WORK/test"
  touch "$stamp"
  TRAIN_ARGS="--train $WORK/train-a --train $WORK/train-b"
  TEST="$WORK/test"
else
  TRAIN_ARGS="--train $DATA"
  TEST=""
fi

echo "== training, phase 1"
$PY training/nvc_train.py $TRAIN_ARGS --out "$OUT" --det-iters "$DET_ITERS" --kp-iters "$KP_ITERS"
echo "== training, phase 2"
$PY training/nvc_train.py $TRAIN_ARGS --out "$OUT" --det-iters "$DET_ITERS2" --kp-iters "$KP_ITERS2" \
    --lr 1e-3 --seed 11 --init-from "$OUT"
echo "== training, phase 3"
$PY training/nvc_train.py $TRAIN_ARGS --out "$OUT" --det-iters "$DET_ITERS3" --kp-iters "$KP_ITERS3" \
    --lr 5e-4 --seed 23 --init-from "$OUT"

if [ -n "$TEST" ]; then
  echo "== evaluating on $TEST (seed 9000, never used in training)"
  java -jar "$JAR" evaluate --gt "$TEST/annotations.json" --images "$TEST" --models "$OUT" \
      --json "$OUT/evaluation.json" | tee "$OUT/evaluation.txt"
fi

REAL=../shared/real-samples
if [ -n "$TEST" ] && [ -d "$REAL" ]; then
  echo "== recall on the reference photos in $REAL (about 2.6 um per pixel; never used for training)"
  rm -rf "$WORK/real-out"
  photos=()
  for f in "$REAL"/*.png; do case "$f" in *-outlines.png) ;; *) photos+=("$f");; esac; done
  java -jar "$JAR" analyze --um-per-px 2.6 --models "$OUT" --out "$WORK/real-out" "${photos[@]}" >/dev/null
  $PY training/real_recall.py --samples "$REAL" --results "$WORK/real-out" | tee "$OUT/real-recall.txt"
fi
if [ -n "$TEST" ]; then
  $PY training/model_cards.py --models "$OUT" --train-images "$TRAIN_IMAGES" --det-iters "$DET_ITERS" \
      --kp-iters "$KP_ITERS" --det-iters2 "$DET_ITERS2" --kp-iters2 "$KP_ITERS2" \
      --det-iters3 "$DET_ITERS3" --kp-iters3 "$KP_ITERS3"
fi
