#!/usr/bin/env bash
# Trains the SDK's default models from scratch and evaluates them: one command, about 70 minutes on 2 CPU
# cores with Debian's PyTorch, images generated (2026-11-28, a whole run with the images already there:
# 51 minutes, the detector 42 of them and the keypoint model 8, both in bfloat16 on a CPU with AVX-512
# BF16; where a CPU lacks it, nvc_train.py --precision auto falls back to float32, about 1.8 times
# slower: set DET_ITERS=6000 there to stay within 90 minutes, at the cost measured in
# models/README.md). With PY set to a Python whose PyTorch sees a CUDA GPU, the same code trains there
# (nvc_train.py --device auto; the batches are prepared by worker processes, so a GPU run is not
# byte-identical to a CPU run): on one H200 with 16 cores, 15000 detector iterations took 7 minutes.
#
#   training/train.sh                 synthetic data from nvc synth (the default models)
#   training/train.sh --data DIR      your own COCO dataset instead (annotations.json + images; convert
#                                     VOC or YOLO first with: nvc dataset convert --to coco ...)
#
# One run: DET_ITERS detector and KP_ITERS keypoint iterations from scratch (one-cycle schedule, learning
# rate LR), then the detector's scores are calibrated and the visual-size logits get a fitted bias on
# VAL_IMAGES validation images (seed 9500; with --data, no calibration and a bias of -log(class weights)),
# and the models are exported, evaluated on TEST_IMAGES test images (seed 9000) and described in model
# cards.
# Environment: TRAIN_IMAGES (default 1000), VAL_IMAGES (40), TEST_IMAGES (60), DET_ITERS (12000),
# KP_ITERS (6000), LR (2e-3), PRECISION (auto: nvc_train.py --precision, bf16 where the device computes it
# natively, else fp32), INIT (a models folder to fine-tune from instead of starting from scratch),
# DETECTOR_FROM (a models folder whose detector and score calibration to keep: only the keypoint model is
# trained, 8-10 minutes here against 42-49 for the detector; the detector's training is deterministic,
# so with the same data, code and DET_ITERS this gives what a whole run gives), KEYPOINTS_FROM (the same
# for the keypoint model: only the detector is trained), OUT (default models/),
# WORK (default training/work), PY (default /usr/bin/python3, Debian's PyTorch, installed when missing).
# The log goes to WORK/train.log.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=""
if [ "${1:-}" = "--data" ]; then DATA="$2"; fi
TRAIN_IMAGES=${TRAIN_IMAGES:-1000}
VAL_IMAGES=${VAL_IMAGES:-40}
TEST_IMAGES=${TEST_IMAGES:-60}
DET_ITERS=${DET_ITERS:-12000}
KP_ITERS=${KP_ITERS:-6000}
LR=${LR:-2e-3}
PRECISION=${PRECISION:-auto}
INIT=${INIT:-}
DETECTOR_FROM=${DETECTOR_FROM:-}
KEYPOINTS_FROM=${KEYPOINTS_FROM:-}
OUT=${OUT:-models}
WORK=${WORK:-training/work}
PY=${PY:-/usr/bin/python3}
export ORT_DISABLE_TELEMETRY=1 OPT_OUT_TRACKING=true

if ! $PY -c "import torch, onnx, PIL" >/dev/null 2>&1; then
  if [ "$PY" != /usr/bin/python3 ]; then
    echo "PY=$PY: expected a Python with torch, onnx and PIL; found one without them" >&2
    exit 1
  fi
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
exec > >(tee -a "$WORK/train.log") 2>&1
echo "== $(date -u +%FT%TZ) train.sh ${*:-}"
if [ -z "$DATA" ]; then
  half=$((TRAIN_IMAGES / 2))
  # The images depend on the generator's code, so the stamp names a digest of its classes and nvc synth's.
  generator=$($PY -c "import hashlib, sys, zipfile
z = zipfile.ZipFile(sys.argv[1]); h = hashlib.sha256()
for n in sorted(z.namelist()):
    if n.startswith('io/nvc/synth/') or n.startswith('io/nvc/examples/cli/SynthCommand'): h.update(z.read(n))
print(h.hexdigest()[:16])" "$JAR")
  stamp="$WORK/.generated-$TRAIN_IMAGES-$VAL_IMAGES-$TEST_IMAGES-$generator"
fi
if [ -z "$DATA" ] && [ -f "$stamp" ]; then
  echo "== reusing the generated images in $WORK (same generator, seeds and counts give the same files)"
elif [ -z "$DATA" ]; then
  echo "== generating $TRAIN_IMAGES training images (two processes), $VAL_IMAGES validation and $TEST_IMAGES test images"
  rm -rf "$WORK/train-a" "$WORK/train-b" "$WORK/val" "$WORK/test" "$WORK"/.generated-*
  java -jar "$JAR" synth --count "$half" --seed 1001 --profile mixed --um-per-px 0.8,3.0 --format jpg \
      --out "$WORK/train-a" & a=$!
  java -jar "$JAR" synth --count "$((TRAIN_IMAGES - half))" --seed 1002 --profile mixed --um-per-px 0.8,3.0 \
      --format jpg --out "$WORK/train-b" & b=$!
  wait $a $b  # by process id: a bare wait would also wait for the log's tee
  java -jar "$JAR" synth --count "$VAL_IMAGES" --seed 9500 --profile mixed --um-per-px 0.8,3.0 \
      --format jpg --out "$WORK/val" & a=$!
  java -jar "$JAR" synth --count "$TEST_IMAGES" --seed 9000 --profile mixed --um-per-px 0.8,3.0 \
      --format jpg --out "$WORK/test" & b=$!
  wait $a $b
  touch "$stamp"
fi
if [ -z "$DATA" ]; then
  TRAIN_ARGS="--train $WORK/train-a --train $WORK/train-b --val $WORK/val --generator $generator"
  TEST="$WORK/test"
else
  TRAIN_ARGS="--train $DATA"
  TEST=""
fi

echo "== training"
$PY training/nvc_train.py $TRAIN_ARGS --out "$OUT" --det-iters "$DET_ITERS" --kp-iters "$KP_ITERS" \
    --lr "$LR" --precision "$PRECISION" ${INIT:+--init-from "$INIT"} ${DETECTOR_FROM:+--detector-from "$DETECTOR_FROM"} \
    ${KEYPOINTS_FROM:+--keypoints-from "$KEYPOINTS_FROM"}

if [ -n "$TEST" ]; then
  echo "== evaluating on $TEST (seed 9000, never used in training)"
  java -jar "$JAR" evaluate --gt "$TEST/annotations.json" --images "$TEST" --models "$OUT" \
      --json "$OUT/evaluation.json" | tee "$OUT/evaluation.txt"
  echo "== evaluating without calibration (sizes from the visual-size model)"
  java -jar "$JAR" evaluate --gt "$TEST/annotations.json" --images "$TEST" --models "$OUT" --uncalibrated \
      --json "$OUT/evaluation-uncalibrated.json" | tee "$OUT/evaluation-uncalibrated.txt"
fi

REAL=../shared/real-samples
if [ -n "$TEST" ] && [ -d "$REAL" ]; then
  echo "== recall on the reference photos in $REAL (about 2.6 um per pixel; never used for training)"
  photos=()
  for f in "$REAL"/*.png; do case "$f" in *-outlines.png) ;; *) photos+=("$f");; esac; done
  real_recall() { # results folder, recall file, analyze options...
    local results=$1 file=$2; shift 2
    rm -rf "$results"
    java -jar "$JAR" analyze "$@" --models "$OUT" --out "$results" "${photos[@]}" >/dev/null
    $PY training/real_recall.py --samples "$REAL" --results "$results" | tee "$OUT/$file"
  }
  real_recall "$WORK/real-out" real-recall.txt --um-per-px 2.6
  echo "== the same photos without calibration (the detector sees them at a guessed scale)"
  real_recall "$WORK/real-out-uncalibrated" real-recall-uncalibrated.txt
fi
if [ -n "$TEST" ]; then
  $PY training/model_cards.py --models "$OUT"
fi
