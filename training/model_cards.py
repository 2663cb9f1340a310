#!/usr/bin/python3
"""Writes models/<name>/MODEL_CARD.md from the training record nvc_train.py wrote (models/training.json),
the evaluation the SDK measured (models/evaluation.json) and, when present, the real-photo recall
(models/real-recall.txt, and without calibration models/real-recall-uncalibrated.txt).

    model_cards.py --models models
"""
import argparse
import json
import os


def fmt(v, digits=3):
    if v is None or v != v or v == -1:
        return "n/a"
    return ("%." + str(digits) + "f") % v


COMMON_HEAD = """# Model card: {name}

**Status: trained with `training/train.sh` on 2 CPU cores, on synthetic images only. Not validated on patient data;
validate on your own images before any clinical use.**

- Role in the cascade: {role}. Files: `{name}.onnx` (ONNX opset 17, backend `onnx`) and `{name}.pt`
  (TorchScript, backend `djl`), SHA-256 in `{name}.manifest.json`.
- Intended use: research and development of nailfold capillaroscopy analysis with the NVC SDK;
  the models run inside the SDK's cascade (`docs/architecture.md`), not on their own.
- Training data: {train_images} synthetic 1280x1024 JPEG images from `nvc synth` (nvc-synth of this
  repository, profile `mixed`, 0.8 to 3.0 um per pixel, seeds 1001 and 1002; see `docs/synthetic.md`){generator};
  40 more (seed 9500) to calibrate the detector's scores. No real photograph was used.
- Reproduce: `training/train.sh` (generates the data, trains with Debian's PyTorch on the CPU or, with
  `PY=` a Python whose PyTorch sees one, on a CUDA GPU, exports,
  writes the manifests, evaluates; {took}, log in `training/work/train.log`).
  Train on your own annotated images with `training/train.sh --data DIR` (COCO; convert VOC or YOLO
  with `nvc dataset convert`), or fine-tune these models on them with `INIT=models training/train.sh --data DIR`.
"""

EVAL = """
## Metrics measured by the SDK

Measured by the SDK's own evaluator on a fresh synthetic test set (60 images, seed 9000, never used in
training, profile `mixed`, 0.8 to 3.0 um per pixel), through the whole cascade with the ONNX backend.
The ground truth holds every capillary the generator drew, the rows behind the distal row included;
those too faint to annotate (below 2 % darkening, 27 % of the rows behind, `docs/synthetic.md`) are
crowds, neither required nor counted against a detection. AP ranks what the analyzer reports down to
confidence 0.05 (a second run of it), each capillary as its two most likely shapes scored confidence x
shape probability (`docs/evaluation.md`); the other figures are what it reports at its default
confidence threshold (0.40), each capillary once:

    java -jar nvc-examples/target/nvc.jar synth --count 60 --seed 9000 --profile mixed --um-per-px 0.8,3.0 --format jpg --out training/work/test
    java -jar nvc-examples/target/nvc.jar evaluate --gt training/work/test/annotations.json --images training/work/test --models models --json models/evaluation.json

"""


def arithmetic(precision):
    """The training arithmetic as the cards state it: bfloat16 named, float32 (older records) not."""
    return " in bfloat16 (autocast: weights, gradients and losses float32)" if precision == "bf16" else ""


def read_optional(path):
    """The stripped text of path, or None where it does not exist."""
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", default="models")
    args = ap.parse_args()
    with open(os.path.join(args.models, "training.json")) as f:
        tr = json.load(f)
    with open(os.path.join(args.models, "evaluation.json")) as f:
        ev = json.load(f)
    recall = read_optional(os.path.join(args.models, "real-recall.txt"))
    unc_recall = read_optional(os.path.join(args.models, "real-recall-uncalibrated.txt"))
    with open(os.path.join(args.models, "nvc-detector", "nvc-detector.manifest.json")) as f:
        max_downscale = json.load(f)["maxDownscale"]
    s = ev["stats"]
    ft = ev["fixedThreshold"]
    m = ev["measurement"]
    det_metrics = EVAL + "| metric (COCO convention, pycocotools-exact) | value |\n| --- | --- |\n"
    for k in ["AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100"]:
        det_metrics += "| %s | %s |\n" % (k, fmt(s.get(k)))
    for name, c in ev["perCategory"].items():
        det_metrics += "| AP %s (%d ground truth) | %s |\n" % (name, c.get("groundTruth", 0), fmt(c.get("AP")))
    cap = ft["capillary"]
    det_metrics += "| capillary precision at confidence >= 0.40, IoU >= 0.50 | %s |\n" % fmt(cap.get("precision"))
    det_metrics += "| capillary recall at confidence >= 0.40, IoU >= 0.50 | %s |\n" % fmt(cap.get("recall"))
    rows = ft.get("capillaryByRow")
    if rows:
        for key, label in (("distalRow", "the distal row"), ("rowsBehind", "the rows behind it")):
            r = rows[key]
            det_metrics += "| - recall of %s (%d of %d) | %s |\n" % (label, r["found"], r["groundTruth"],
                                                                  fmt(r.get("recall")))
    det_metrics += "| density mean absolute error (capillaries/mm, %d images) | %s |\n" % (
        ev["density"]["images"], fmt(ev["density"].get("meanAbsErrorPerMm"), 2))
    calls = ev.get("distalRowCalls")
    if calls:
        n = sum(calls[k] for k in ("truePositives", "falsePositives", "falseNegatives", "trueNegatives"))
        det_metrics += ("| distal-row flag of the matched capillaries (%d; the SDK's geometric rule on these"
                        " detections): precision / recall | %s / %s |\n" % (
                            n, fmt(calls.get("precision")), fmt(calls.get("recall"))))
    det_metrics += "\nTargets of the models issue: AP >= 0.60, AP50 >= 0.90, capillary precision >= 0.90 and"
    det_metrics += " recall >= 0.95.\n"
    if recall:
        det_metrics += ("\n## Real photographs\n\nRecall of the expert-outlined distal-row capillaries on the four"
                        " reference photos (2.6 um/px; a capillary is found when a detection's box overlaps"
                        " its outline's box with IoU >= 0.3; `training/real_recall.py`):\n\n```\n%s\n```\n" % recall)
        if unc_recall:
            det_metrics += ("\nThe same photos analysed without calibration (`nvc analyze` without `--um-per-px`:"
                            " the detector sees them at a guessed scale, `real-recall-uncalibrated.txt`):\n\n"
                            "```\n%s\n```\n" % unc_recall)
    kp_metrics = EVAL + "| calibre | count | median abs error (um) | p90 abs error (um) | within 2 um | within 5 um |\n"
    kp_metrics += "| --- | --- | --- | --- | --- | --- |\n"
    for site in ["apical", "arterial", "venous"]:
        x = m.get(site, {})
        kp_metrics += "| %s | %s | %s | %s | %s | %s |\n" % (site, x.get("count"), fmt(x.get("medianAbsErrorUm"), 2),
                                                      fmt(x.get("p90AbsErrorUm"), 2), fmt(x.get("within2Um")),
                                                      fmt(x.get("within5Um")))
    kp_metrics += "\nCalibres are measured on capillaries matched to ground truth (IoU >= 0.5). Targets:"
    kp_metrics += " apical median <= 1.5 um and p90 <= 4 um, limb medians <= 1.5 um.\n"
    sc = ev["sizeClasses"]
    vs_metrics = "\nSize class of matched capillaries, whatever decided it (measurements when calibrated):"
    vs_metrics += " accuracy %s over %d capillaries" % (fmt(sc.get("accuracy")), sc.get("pairs", 0))
    by_source = sc.get("bySource", {})
    if by_source:
        vs_metrics += "; by what decided it: " + ", ".join(
            "%s %s over %d" % (k, fmt(v.get("accuracy")), v.get("pairs", 0)) for k, v in by_source.items())
    vs_metrics += " (target for sizes from measurements >= 0.95).\n"
    unc_path = os.path.join(args.models, "evaluation-uncalibrated.json")
    if os.path.exists(unc_path):
        with open(unc_path) as f:
            unc = json.load(f)["sizeClasses"]
        vs_metrics += ("\nThe same images analysed as photos of unknown scale (`--uncalibrated`: no calibration,"
                       " so every size comes from this model's visual-size output or the detector's giant class; full tables in"
                       " `evaluation-uncalibrated.txt`):\n\n    java -jar nvc-examples/target/nvc.jar evaluate"
                       " --gt training/work/test/annotations.json --images training/work/test --models models"
                       " --uncalibrated\n\n| size | precision | recall |\n| --- | --- | --- |\n")
        for size in ["normal", "enlarged", "giant"]:
            c = unc.get("perClass", {}).get(size, {})
            vs_metrics += "| %s | %s | %s |\n" % (size, fmt(c.get("precision")), fmt(c.get("recall")))
        vs_metrics += ("\nVisual size accuracy: **%s** over %d matched capillaries (target >= 0.85).\n"
                       % (fmt(unc.get("accuracy")), unc.get("pairs", 0)))
    cards = {
        "nvc-detector": ("detector: finds capillaries (normal, tortuous, ramified, giant) and haemorrhages",
                         "- Method: CenterNet-style network of plain 3x3 convolutions (strides 4 to 32, fused"
                         " back to stride 4 in 32 channels), one objectness heatmap for all classes, class logits, box size"
                         " and offset heads, decoded in the graph (3x3 max-pool peaks of the objectness, top"
                         " 100, the class of the largest logit at the peak) to `[1, 100, 6]` boxes, with each peak's class"
                         " probabilities (softmax of the logits) as a second output `[1, 100, 5]`, which the analyzer"
                         " reports as each capillary's shape probabilities. Input 640x512 RGB; images are"
                         " resampled to 3.0 um per pixel when calibrated, otherwise letterboxed whole, or tiled"
                         " where that would shrink them more than %g times (the manifest's maxDownscale);"
                         " trained at the canonical scale and letterboxed whole, on 320x256 windows, %d"
                         " iterations of %d windows%s, AdamW, one-cycle"
                         " schedule (peak learning rate %g), focal, cross-entropy (class weights %s: the fourth root of the"
                         " most frequent class's count over the class's count) and L1 losses. Scores are Platt-calibrated"
                         " in the graph on 40 validation images (p = sigmoid(%.3f * logit + %.3f)), so a"
                         " score estimates the probability that the detection is a true object (IoU >= 0.5);"
                         " the analyzer keeps those >= 0.40.\n" % (
                             max_downscale, tr["detectorIterations"], tr["detectorBatch"],
                             arithmetic(tr.get("detectorPrecision")),
                             tr["learningRate"],
                             ", ".join("%s %.2f" % kv for kv in tr["detectorClassWeights"].items()),
                             tr["scoreCalibration"]["slope"], tr["scoreCalibration"]["bias"]), det_metrics),
        "nvc-keypoints": ("keypoints and visual size: places the six calibre keypoints on each capillary"
                          " crop and tells normal / enlarged / giant from appearance, for capillaries that"
                          " measurements cannot size (uncalibrated images)",
                          "- Method: convolutional network on 128x128 crops (box + 15 %% margin, square): an"
                          " encoder to stride 16, a feature-pyramid decoder to stride 4 and a sub-pixel head"
                          " (pixel shuffle) that gives six heatmaps at stride 2, decoded with sub-pixel"
                          " refinement in the SDK, and a second head (global"
                          " pooling of the deepest features, linear layer) with the visual-size logits, both"
                          " outputs of one file (`outputs.logits` in the manifest), so one run serves both"
                          " roles; %d iterations of %d crops (distal-row capillaries)%s, focal loss on Gaussian"
                          " targets plus cross-entropy with class weights 1, 2, 4 (normal, enlarged, giant);"
                          " the exported logits get a per-class bias fitted on the validation images (least"
                          " cross-entropy over all their labelled capillaries, every row: %s), which undoes"
                          " the weights and sets the class priors of all the capillaries the SDK sizes, so"
                          " that the softmax estimates the size probabilities and the largest is the most"
                          " likely size.\n" % (
                              tr["keypointIterations"], tr["keypointBatch"], arithmetic(tr.get("keypointPrecision")),
                              ", ".join("%s %+.2f" % kv for kv in tr.get("sizeBias", {}).items()) or "none recorded"),
                          kp_metrics + vs_metrics),
    }
    minutes = round(tr["seconds"] / 60)
    took = "training took %d minutes here" % minutes
    if tr.get("detectorFrom"):
        took = ("the keypoint model's training took %d minutes here; the detector and its score calibration"
                " were kept from an earlier run (`DETECTOR_FROM=%s`)" % (minutes, tr["detectorFrom"]))
    elif tr.get("keypointsFrom"):
        took = ("the detector's training took %d minutes here; the keypoint model was kept from an earlier"
                " run (`KEYPOINTS_FROM=%s`)" % (minutes, tr["keypointsFrom"]))
    generator = ""
    if tr.get("generator"):
        generator = ("; generator digest `%s` (`training/train.sh` names its images by it: the first 16 hex"
                     " digits of a SHA-256 over nvc-synth's classes and `nvc synth`'s)" % tr["generator"])
    for name, (role, method, metrics) in cards.items():
        text = COMMON_HEAD.format(name=name, role=role, train_images=tr["trainImages"], generator=generator,
                                  took=took) + method + metrics
        text += ("\n## Limitations\n\n- Trained only on synthetic images: real photographs differ (see"
                 " `docs/synthetic.md`, known gaps).\n- Not validated on patient data; validate on your own"
                 " images before any clinical use.\n")
        with open(os.path.join(args.models, name, "MODEL_CARD.md"), "w") as f:
            f.write(text)
        print("wrote", os.path.join(args.models, name, "MODEL_CARD.md"))


if __name__ == "__main__":
    main()
