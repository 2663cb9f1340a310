#!/usr/bin/python3
"""Makes the backend conformance kit's test models (ONNX opset 17 and TorchScript) and expected outputs.

Run with Debian's PyTorch (apt-get install python3-torch python3-onnx):
    /usr/bin/python3 nvc-api/src/test/python/make_conformance_models.py nvc-api/src/test/resources/io/nvc/conformance

Models (all tiny, deterministic):
  conv        a random-weight conv net, [N,3,24,32] -> [N,4,12,16]; expected outputs from PyTorch
              for a fixed input, to check a backend's arithmetic.
  det-boxes   detector in the SDK's own format, [1,N,6] rows x1,y1,x2,y2,score,class, and the rows'
              class probabilities [1,N,5] as a second output (outputs.classScores).
  det-yolo    detector in Ultralytics YOLOv8 export format, [1,4+C,A] (cx,cy,w,h, class scores).
  det-mmdeploy detector in MMDeploy format, dets [1,N,5] and labels [1,N] (int64).
  kp-coords   keypoints as coordinates [B,6,3].
  kp-heatmaps keypoints as heatmaps [B,6,16,16].
  size-logits visual size logits [B,3].
  kp-heatmaps-size keypoint heatmaps and visual size logits as two outputs of one model.
The detector, keypoint and size models output fixed tensors (plus 0 x their input, so that the input
stays part of the graph): the kit knows what every decoder must make of them. The constants below are
repeated in BackendConformanceKit.java.
"""
import hashlib
import json
import os
import sys

import torch
import torch.nn as nn

torch.manual_seed(20261126)
OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)

# Detector rows in model-input pixels (input 320x256): x1, y1, x2, y2, score, class.
# Classes: 0 normal, 1 tortuous, 2 ramified, 3 giant, 4 haemorrhage.
ROWS = [
    [40, 60, 80, 140, 0.9, 0],
    [120, 50, 170, 150, 0.8, 1],
    [200, 40, 280, 160, 0.7, 3],
    [30, 10, 60, 30, 0.6, 4],
    [42, 62, 82, 142, 0.5, 0],     # suppressed by NMS (IoU 0.9 with row 0)
    [290, 200, 310, 230, 0.1, 2],  # below the 0.40 threshold
]
# Keypoints on 64x64 crops, at heatmap cell centres (stride 4): apex outer/inner, left limb outer/inner,
# right limb inner/outer.
KEYPOINTS = [[30, 10], [30, 18], [10, 38], [18, 38], [38, 38], [54, 38]]
# Class probabilities of the detector rows (det-boxes' second output), largest at the row's class.
CLASS_SCORES = [
    [0.7, 0.25, 0.02, 0.02, 0.01],
    [0.3, 0.6, 0.05, 0.03, 0.02],
    [0.05, 0.05, 0.05, 0.8, 0.05],
    [0.05, 0.05, 0.05, 0.05, 0.8],
    [0.9, 0.05, 0.02, 0.02, 0.01],
    [0.1, 0.1, 0.7, 0.05, 0.05],
]
COORD_CONFIDENCE = 0.95
SIZE_LOGITS = [0.1, 2.0, 0.3]


class Conv(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 4, 3, stride=2, padding=1)

    def forward(self, x):
        return torch.sigmoid(self.c2(torch.relu(self.c1(x))))


class Constant(nn.Module):
    """Outputs fixed tensors; batch-expanded when per_batch, plus 0 x the input's mean."""

    def __init__(self, tensors, per_batch):
        super().__init__()
        self.names = list(tensors)
        for i, t in enumerate(tensors.values()):
            self.register_buffer("k%d" % i, t)
        self.per_batch = per_batch

    def forward(self, x):
        zero = (x.mean() * 0.0)
        outs = []
        for i, _ in enumerate(self.names):
            k = getattr(self, "k%d" % i)
            if self.per_batch:
                k = k.expand([x.shape[0]] + list(k.shape[1:]))
            outs.append(k + zero.to(k.dtype) if k.dtype.is_floating_point else k + zero.to(torch.int64))
        return tuple(outs) if len(outs) > 1 else outs[0]


def fixed_input(shape):
    """The kit's fixed input: x[i] = ((i * 7919) % 1000) / 1000 - 0.5, exact in float32."""
    n = 1
    for d in shape:
        n *= d
    i = torch.arange(n, dtype=torch.int64)
    return (((i * 7919) % 1000).to(torch.float32) / 1000.0 - 0.5).reshape(shape)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export(name, model, example, input_name, output_names, dynamic_batch):
    model.eval()
    onnx_path = os.path.join(OUT, name + ".onnx")
    pt_path = os.path.join(OUT, name + ".pt")
    axes = {input_name: {0: "N"}} if dynamic_batch else None
    if dynamic_batch:
        for o in output_names:
            axes[o] = {0: "N"}
    torch.onnx.export(model, example, onnx_path, input_names=[input_name], output_names=output_names,
                      opset_version=17, dynamic_axes=axes, do_constant_folding=False)
    traced = torch.jit.trace(model, example)
    traced.save(pt_path)
    return {
        "onnx": {"path": name + ".onnx", "sha256": sha256(onnx_path)},
        "torchscript": {"path": name + ".pt", "sha256": sha256(pt_path)},
    }


def manifest(name, role, files, input_name, shape, decoder, outputs, extra):
    m = {
        "format": "nvc.model-manifest/1",
        "name": name,
        "version": "1.0.0",
        "role": role,
        "files": files,
        "input": {"name": input_name, "shape": shape, "layout": "NCHW", "colorOrder": "RGB",
                  "scale": 1.0 / 255.0, "mean": [0, 0, 0], "std": [1, 1, 1], "padValue": 114},
        "decoder": decoder,
        "outputs": outputs,
    }
    m.update(extra)
    with open(os.path.join(OUT, name + ".manifest.json"), "w") as f:
        json.dump(m, f, indent=2)
        f.write("\n")


CLASSES = ["normal", "tortuous", "ramified", "giant", "haemorrhage"]
DETECTOR_EXTRA = {"classes": CLASSES, "maxDownscale": 4.0}
KP_EXTRA = {
    "keypoints": ["apex_outer", "apex_inner", "left_limb_outer", "left_limb_inner", "right_limb_inner",
                  "right_limb_outer"],
    "measurements": {"apical": ["apex_outer", "apex_inner"],
                     "limbs": [["left_limb_outer", "left_limb_inner"],
                               ["right_limb_inner", "right_limb_outer"]]},
    "cropMargin": 0.15,
}

# 1. conv: arithmetic check with PyTorch's own outputs.
conv = Conv()
x = fixed_input([2, 3, 24, 32])
files = export("conv", conv, x, "x", ["y"], True)
with torch.no_grad():
    y = conv(x)
with open(os.path.join(OUT, "conv.expected.json"), "w") as f:
    json.dump({"files": files, "input": "x", "inputShape": [2, 3, 24, 32], "output": "y",
               "outputShape": list(y.shape), "values": [float(v) for v in y.flatten()]}, f)
    f.write("\n")

det_in = torch.zeros(1, 3, 256, 320)
# 2. boxes
rows = torch.tensor([ROWS], dtype=torch.float32)
scores = torch.tensor([CLASS_SCORES], dtype=torch.float32)
files = export("det-boxes", Constant({"dets": rows, "class_scores": scores}, False), det_in, "images",
               ["dets", "class_scores"], False)
manifest("det-boxes", "detector", files, "images", [1, 3, 256, 320], "boxes",
         {"boxes": "dets", "classScores": "class_scores"}, DETECTOR_EXTRA)
# 3. yolo: [1, 4 + C, A], class scores 0.05 except the row's class.
yolo = torch.full((1, 4 + len(CLASSES), len(ROWS)), 0.05)
for a, r in enumerate(ROWS):
    yolo[0, 0, a] = (r[0] + r[2]) / 2
    yolo[0, 1, a] = (r[1] + r[3]) / 2
    yolo[0, 2, a] = r[2] - r[0]
    yolo[0, 3, a] = r[3] - r[1]
    yolo[0, 4 + int(r[5]), a] = r[4]
files = export("det-yolo", Constant({"output0": yolo}, False), det_in, "images", ["output0"], False)
manifest("det-yolo", "detector", files, "images", [1, 3, 256, 320], "yolo", {"predictions": "output0"},
         DETECTOR_EXTRA)
# 4. mmdeploy
dets = torch.tensor([[r[:5] for r in ROWS]], dtype=torch.float32)
labels = torch.tensor([[int(r[5]) for r in ROWS]], dtype=torch.int64)
files = export("det-mmdeploy", Constant({"dets": dets, "labels": labels}, False), det_in, "input",
               ["dets", "labels"], False)
manifest("det-mmdeploy", "detector", files, "input", [1, 3, 256, 320], "mmdeploy",
         {"dets": "dets", "labels": "labels"}, DETECTOR_EXTRA)

crop_in = torch.zeros(2, 3, 64, 64)
# 5. keypoint coordinates
coords = torch.tensor([[[x, y, COORD_CONFIDENCE] for x, y in KEYPOINTS]], dtype=torch.float32)
files = export("kp-coords", Constant({"keypoints": coords}, True), crop_in, "crops", ["keypoints"], True)
manifest("kp-coords", "keypoints", files, "crops", [-1, 3, 64, 64], "coordinates",
         {"keypoints": "keypoints"}, KP_EXTRA)
# 6. keypoint heatmaps: a Gaussian (sigma 1 cell) at each keypoint's cell centre.
hm = torch.zeros(1, len(KEYPOINTS), 16, 16)
gy, gx = torch.meshgrid(torch.arange(16.0), torch.arange(16.0), indexing="ij")
for k, (x, y) in enumerate(KEYPOINTS):
    cx, cy = x / 4.0 - 0.5, y / 4.0 - 0.5
    hm[0, k] = torch.exp(-((gx - cx) ** 2 + (gy - cy) ** 2) / 2.0)
files = export("kp-heatmaps", Constant({"heatmaps": hm}, True), crop_in, "crops", ["heatmaps"], True)
manifest("kp-heatmaps", "keypoints", files, "crops", [-1, 3, 64, 64], "heatmaps",
         {"heatmaps": "heatmaps"}, KP_EXTRA)
# 7. visual size logits
logits = torch.tensor([SIZE_LOGITS], dtype=torch.float32)
files = export("size-logits", Constant({"logits": logits}, True), crop_in, "crops", ["logits"], True)
manifest("size-logits", "visual-size", files, "crops", [-1, 3, 64, 64], "logits", {"logits": "logits"},
         {"classes": ["normal", "enlarged", "giant"], "cropMargin": 0.15})
# 8. keypoint heatmaps and visual size logits from one model (outputs.logits on a keypoint manifest)
files = export("kp-heatmaps-size", Constant({"heatmaps": hm, "logits": logits}, True), crop_in, "crops",
               ["heatmaps", "logits"], True)
manifest("kp-heatmaps-size", "keypoints", files, "crops", [-1, 3, 64, 64], "heatmaps",
         {"heatmaps": "heatmaps", "logits": "logits"}, dict(KP_EXTRA, classes=["normal", "enlarged", "giant"]))
print("wrote", sorted(os.listdir(OUT)))
