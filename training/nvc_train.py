#!/usr/bin/python3
"""Trains the NVC SDK's default models on synthetic images and exports them (ONNX opset 17 + TorchScript).

Usage (train.sh calls this): nvc_train.py --train DIR --out MODELS_DIR [--det-iters N] [--kp-iters N]

Training runs on a CUDA GPU when PyTorch sees one (--device), with the batches prepared by --workers
processes; on the CPU they are prepared in the training process, in the one order that makes a run
reproducible byte for byte.

DIR holds an nvc synth dataset (annotations.json + images/). The preprocessing here mirrors the SDK's
(io.nvc.internal.DetectionPlanner, TensorPacker and the cascade's crops) so that the exported models see
at run time what they saw in training:
  detector  input 640x512 RGB, value/255, pad 114; images resampled to 3.0 um/px when calibrated
            (canonicalMicrometresPerPixel), or letterboxed whole; trained on both scales.
            CenterNet-style heads at stride 4 (one objectness heatmap, class logits, size, offset),
            decoded in the graph to [1, 100, 6] rows x1, y1, x2, y2, score, class (the SDK's "boxes"
            decoder): objectness peaks, each with the class of its largest logit; a second output
            [1, 100, 5] gives each peak's class probabilities (outputs.classScores).
  keypoints input 128x128 crops: the box grown by 15 % per side, made square, centred, edge pixels
            repeated; 6 heatmaps at stride 2 ("heatmaps" decoder); a second head gives visual-size
            logits normal/enlarged/giant, a second output of the same file (outputs.logits), so one
            run serves as keypoint and visual-size model.
"""
import argparse
import hashlib
import inspect
import itertools
import json
import math
import os
import random
import shutil
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from PIL import Image

CANONICAL = 3.0
DET_W, DET_H, STRIDE = 640, 512, 4
TRAIN_W, TRAIN_H = 320, 256  # the fully convolutional detector trains on windows of its input
CROP, KP_STRIDE = 128, 2
MARGIN = 0.15
CLASSES = ["normal", "tortuous", "ramified", "giant", "haemorrhage"]
SIZES = ["normal", "enlarged", "giant"]
# Cross-entropy weights of the visual-size classes in training, so that the rare enlarged and giant loops
# are learnt; the exported logits get a bias that undoes them (fit_size_bias, KeypointsAndSize).
SIZE_WEIGHTS = [1.0, 2.0, 4.0]
KEYPOINTS = ["apex_outer", "apex_inner", "left_limb_outer", "left_limb_inner", "right_limb_inner",
             "right_limb_outer"]
PAD = 114.0
# Uncalibrated images larger than the input are tiled at this downscale (the manifest's maxDownscale):
# chosen on the validation images among 1.25-2.5 (models/README.md, "Uncalibrated images").
MAX_DOWNSCALE = 1.6


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, flush=True)


# ---------------------------------------------------------------- data

class Dataset:
    """COCO datasets (nvc synth layout) held in memory as 8-bit RGB arrays."""

    def __init__(self, roots):
        self.images = []
        for root in roots:
            with open(os.path.join(root, "annotations.json")) as f:
                coco = json.load(f)
            anns = {}
            for a in coco["annotations"]:
                anns.setdefault(a["image_id"], []).append(a)
            for im in coco["images"]:
                pixels = np.asarray(Image.open(os.path.join(root, im["file_name"])).convert("RGB"))
                um = im.get("micrometres_per_pixel")
                self.images.append({"pixels": pixels, "um": float(um) if um else CANONICAL / 2,
                                    "anns": anns.get(im["id"], [])})
            log("loaded %d images from %s" % (len(coco["images"]), root))


def resample(img, x0, y0, scale, out_w, out_h, pad):
    """Like the SDK's TensorPacker: output pixel (u, v) covers image [x0 + u*s, x0 + (u+1)*s).

    Only the image window the output covers is resized (antialiased). Returns the [3, out_h, out_w]
    tensor and (ox, oy) such that model coordinate = (image coordinate + ox) / scale. Outside the image
    the output is pad, or with pad None the repeated edge (crops).
    """
    h, w = img.shape[:2]
    sx0, sy0 = max(0, int(math.floor(x0))), max(0, int(math.floor(y0)))
    sx1 = min(w, int(math.ceil(x0 + out_w * scale)))
    sy1 = min(h, int(math.ceil(y0 + out_h * scale)))
    out = torch.full((1, 3, out_h, out_w), pad if pad is not None else 0.0)
    dx0 = int(round((sx0 - x0) / scale))
    dy0 = int(round((sy0 - y0) / scale))
    cw = ch = 0
    if sx1 > sx0 and sy1 > sy0:
        t = torch.from_numpy(np.ascontiguousarray(img[sy0:sy1, sx0:sx1])).permute(2, 0, 1).float().unsqueeze(0)
        new_w = max(1, int(round((sx1 - sx0) / scale)))
        new_h = max(1, int(round((sy1 - sy0) / scale)))
        r = F.interpolate(t, size=(new_h, new_w), mode="bilinear", align_corners=False, antialias=True)
        if dx0 < 0:
            r, new_w, dx0 = r[:, :, :, -dx0:], new_w + dx0, 0
        if dy0 < 0:
            r, new_h, dy0 = r[:, :, -dy0:, :], new_h + dy0, 0
        cw = min(new_w, out_w - dx0)
        ch = min(new_h, out_h - dy0)
        if cw > 0 and ch > 0:
            out[:, :, dy0:dy0 + ch, dx0:dx0 + cw] = r[:, :, :ch, :cw]
    if pad is None:
        out = edge_fill(out, dx0, dy0, cw, ch)
    return out[0], dx0 * scale - sx0, dy0 * scale - sy0


def edge_fill(out, dx0, dy0, cw, ch):
    if cw <= 0 or ch <= 0:
        return out
    _, _, h, w = out.shape
    out[:, :, :, :dx0] = out[:, :, :, dx0:dx0 + 1]
    out[:, :, :, dx0 + cw:] = out[:, :, :, dx0 + cw - 1:dx0 + cw]
    out[:, :, :dy0, :] = out[:, :, dy0:dy0 + 1, :]
    out[:, :, dy0 + ch:, :] = out[:, :, dy0 + ch - 1:dy0 + ch, :]
    return out


def jitter(x, rng):
    """Photometric augmentation on a [3,H,W] 0-255 tensor."""
    gain = torch.tensor([rng.uniform(0.85, 1.15) for _ in range(3)]).view(3, 1, 1)
    x = x * gain * rng.uniform(0.8, 1.2) + rng.uniform(-20, 20)
    mean = x.mean()
    x = (x - mean) * rng.uniform(0.7, 1.3) + mean
    if rng.random() < 0.3:
        k = rng.choice([3, 5])
        x = F.avg_pool2d(x.unsqueeze(0), k, 1, k // 2, count_include_pad=False)[0]
    if rng.random() < 0.5:
        x = x + torch.randn_like(x) * rng.uniform(0, 6)
    return x.clamp(0, 255)


def detector_sample(item, rng):
    """A TRAIN_W x TRAIN_H window of the detector's input: the image at the canonical scale or letterboxed
    whole (each half of the time, scale jittered), the window centred on a capillary most of the time.
    Only the window is resampled (the input outside it is never built)."""
    img = item["pixels"]
    h, w = img.shape[:2]
    if rng.random() < 0.5:
        model_um = CANONICAL * rng.uniform(0.9, 1.1)
    else:
        model_um = item["um"] * max(w / DET_W, h / DET_H) * rng.uniform(0.85, 1.15)
    scale = model_um / item["um"]
    ext_w, ext_h = DET_W * scale, DET_H * scale
    x0 = (w - ext_w) / 2 if ext_w >= w else rng.uniform(0, w - ext_w)
    y0 = (h - ext_h) / 2 if ext_h >= h else rng.uniform(0, h - ext_h)

    inside = []
    for a in item["anns"]:
        bx, by, bw, bh = a["bbox"]
        x1, y1, x2, y2 = (bx - x0) / scale, (by - y0) / scale, (bx + bw - x0) / scale, (by + bh - y0) / scale
        cx1, cy1, cx2, cy2 = max(x1, 0), max(y1, 0), min(x2, DET_W), min(y2, DET_H)
        if cx2 - cx1 >= 2 and cy2 - cy1 >= 2 and (cx2 - cx1) * (cy2 - cy1) >= 0.4 * (x2 - x1) * (y2 - y1):
            inside.append((cx1, cy1, cx2, cy2))
    if inside and rng.random() < 0.8:
        b = rng.choice(inside)
        cx, cy = (b[0] + b[2]) / 2, (b[1] + b[3]) / 2
        wx = int(min(max(0, cx - rng.uniform(0.2, 0.8) * TRAIN_W), DET_W - TRAIN_W))
        wy = int(min(max(0, cy - rng.uniform(0.2, 0.8) * TRAIN_H), DET_H - TRAIN_H))
    else:
        wx, wy = rng.randint(0, DET_W - TRAIN_W), rng.randint(0, DET_H - TRAIN_H)
    # The window of the input; outside the image the pad value, as in the SDK's letterbox.
    x, ox, oy = resample(img, x0 + wx * scale, y0 + wy * scale, scale, TRAIN_W, TRAIN_H, PAD)
    boxes = []
    for a in item["anns"]:
        bx, by, bw, bh = a["bbox"]
        x1, y1 = (bx + ox) / scale, (by + oy) / scale
        x2, y2 = (bx + bw + ox) / scale, (by + bh + oy) / scale
        a1, b1, a2, b2 = max(x1, 0), max(y1, 0), min(x2, TRAIN_W), min(y2, TRAIN_H)
        if a2 - a1 >= 2 and b2 - b1 >= 2 and (a2 - a1) * (b2 - b1) >= 0.4 * (x2 - x1) * (y2 - y1):
            boxes.append([a1, b1, a2, b2, a["category_id"] - 1])
    if rng.random() < 0.5:
        x = x.flip(2)
        boxes = [[TRAIN_W - b[2], b[1], TRAIN_W - b[0], b[3], b[4]] for b in boxes]
    if rng.random() < 0.5:
        x = x.flip(1)
        boxes = [[b[0], TRAIN_H - b[3], b[2], TRAIN_H - b[1], b[4]] for b in boxes]
    return jitter(x, rng), boxes


def detector_targets(boxes):
    """CenterNet targets at stride 4: one objectness heatmap for objects of every class (a Gaussian per
    box), the class of the box that owns each cell (-1 where no box's Gaussian reaches 0.5), and box size
    and centre offset at each centre cell (mask)."""
    hw, hh = TRAIN_W // STRIDE, TRAIN_H // STRIDE
    heat = torch.zeros(1, hh, hw)
    cls = torch.full((hh, hw), -1, dtype=torch.long)
    size = torch.zeros(2, hh, hw)
    off = torch.zeros(2, hh, hw)
    mask = torch.zeros(hh, hw)
    ys, xs = torch.meshgrid(torch.arange(hh).float(), torch.arange(hw).float(), indexing="ij")
    for x1, y1, x2, y2, c in sorted(boxes, key=lambda b: -(b[2] - b[0]) * (b[3] - b[1])):
        cx, cy = (x1 + x2) / 2 / STRIDE, (y1 + y2) / 2 / STRIDE
        j, i = min(hw - 1, int(cx)), min(hh - 1, int(cy))
        sx = max(0.7, (x2 - x1) / STRIDE / 6)
        sy = max(0.7, (y2 - y1) / STRIDE / 6)
        g = torch.exp(-((xs - j) ** 2 / (2 * sx * sx) + (ys - i) ** 2 / (2 * sy * sy)))
        cls[(g >= 0.5) & (g >= heat[0])] = c
        heat[0] = torch.maximum(heat[0], g)
        size[:, i, j] = torch.tensor([(x2 - x1) / 16.0, (y2 - y1) / 16.0])
        off[:, i, j] = torch.tensor([cx - j, cy - i])
        mask[i, j] = 1
    return heat, cls, size, off, mask


# ---------------------------------------------------------------- models

def conv(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout),
                         nn.ReLU(inplace=True))


class Detector(nn.Module):
    """CenterNet-style: objectness heatmap logits (one channel for every class, so that the shape of a loop
    splits no peak between classes), class logits, box size (/16) and centre offset, all at stride 4."""

    def __init__(self):
        super().__init__()
        self.s2 = nn.Sequential(conv(3, 16, 2), conv(16, 16))
        self.s4 = nn.Sequential(conv(16, 32, 2), conv(32, 32))
        self.s8 = nn.Sequential(conv(32, 64, 2), conv(64, 64))
        self.s16 = nn.Sequential(conv(64, 128, 2), conv(128, 128), conv(128, 128))
        self.s32 = nn.Sequential(conv(128, 160, 2), conv(160, 160))
        # The stride-4 fusion is 32 channels wide: at 48 its two convolutions were 37 % of the
        # multiply-adds and the detector ran 16.5 ms on 2 cores against 13.5 (models/README.md).
        c = 32
        self.l8 = nn.Conv2d(64, c, 1)
        self.l16 = nn.Conv2d(128, c, 1)
        self.l32 = nn.Conv2d(160, c, 1)
        self.l4 = nn.Conv2d(32, c, 1)
        self.fuse = nn.Sequential(conv(c, c), conv(c, c))
        self.heat = nn.Conv2d(c, 1, 1)
        self.cls = nn.Conv2d(c, len(CLASSES), 1)
        self.size = nn.Conv2d(c, 2, 1)
        self.off = nn.Conv2d(c, 2, 1)
        nn.init.constant_(self.heat.bias, -2.19)

    def features(self, x):
        f4 = self.s4(self.s2(x))
        f8 = self.s8(f4)
        f16 = self.s16(f8)
        f32 = self.s32(f16)
        p = self.l16(f16) + F.interpolate(self.l32(f32), scale_factor=2, mode="nearest")
        p = self.l8(f8) + F.interpolate(p, scale_factor=2, mode="nearest")
        p = self.l4(f4) + F.interpolate(p, scale_factor=2, mode="nearest")
        return self.fuse(p)

    def forward(self, x):
        f = self.features(x / 255.0)
        return self.heat(f), self.cls(f), self.size(f), self.off(f)


class DecodedDetector(nn.Module):
    """Input 0-1 RGB (the SDK's scale 1/255); outputs [1, K, 6] boxes decoded in the graph and [1, K, C] the
    class probabilities at each box's peak (softmax of the class logits; the box's class is the largest).

    Scores are Platt-calibrated (sigmoid(slope * logit + bias), fitted by fit_score_calibration), so that
    a detection's score estimates the probability that it is a true object (IoU >= 0.5).
    """

    def __init__(self, det, calibration=(1.0, 0.0), k=100):
        super().__init__()
        self.det = det
        self.k = k
        self.slope, self.bias = calibration

    def forward(self, x):
        heat, cls_logits, size, off = self.det(x * 255.0)
        heat = torch.sigmoid(heat * self.slope + self.bias)
        keep = (F.max_pool2d(heat, 3, 1, 1) == heat).float()
        heat = heat * keep
        n, _, h, w = heat.shape
        scores, pix = torch.topk(heat.reshape(1, -1), self.k)
        cls = torch.gather(torch.argmax(cls_logits, dim=1).reshape(1, -1), 1, pix)
        classes = cls_logits.shape[1]
        peak_logits = torch.gather(cls_logits.reshape(1, classes, -1), 2, pix.unsqueeze(1).expand(1, classes, self.k))
        class_scores = torch.softmax(peak_logits, dim=1).permute(0, 2, 1)  # at the k peaks only: cheap
        ys = torch.div(pix, w, rounding_mode="floor")
        xs = pix - ys * w
        sz = size.reshape(1, 2, -1)
        of = off.reshape(1, 2, -1)
        bw = torch.gather(sz[:, 0], 1, pix) * 16.0
        bh = torch.gather(sz[:, 1], 1, pix) * 16.0
        cx = (xs.float() + torch.gather(of[:, 0], 1, pix)) * STRIDE
        cy = (ys.float() + torch.gather(of[:, 1], 1, pix)) * STRIDE
        boxes = torch.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2, scores, cls.float()], dim=2)
        return boxes, class_scores


class KeypointNet(nn.Module):
    """Six keypoint heatmaps at stride 2 (64x64 on a 128-pixel crop) and the visual-size logits.

    An encoder to stride 16 (16, 32, 48, 64 channels), a decoder that adds 1x1 projections of the stride-8
    and stride-4 features (32 channels, two 3x3 convolutions at stride 4), and a sub-pixel head: a 1x1
    convolution to four values per keypoint, rearranged into the stride-2 heatmaps (pixel shuffle). It
    costs 52 M multiply-adds per crop against 61 M for the U-Net decoding at stride 2 with 12- and
    24-channel layers it replaced, and takes about half its time on 2 cores: no 3x3 convolution runs at
    stride 2 after the first, and ONNX Runtime's convolutions work on whole blocks of 16 channels
    (models/README.md, "A faster keypoint model")."""

    def __init__(self):
        super().__init__()
        c = 32
        self.s2 = conv(3, 16, 2)
        self.s4 = nn.Sequential(conv(16, 32, 2), conv(32, 32))
        self.s8 = nn.Sequential(conv(32, 48, 2), conv(48, 48))
        self.s16 = nn.Sequential(conv(48, 64, 2), conv(64, 64))
        self.l16 = nn.Conv2d(64, c, 1)
        self.l8 = nn.Conv2d(48, c, 1)
        self.l4 = nn.Conv2d(32, c, 1)
        self.u8 = conv(c, c)
        self.u4 = nn.Sequential(conv(c, c), conv(c, c))
        self.heat = nn.Conv2d(c, len(KEYPOINTS) * 4, 1)
        self.size = nn.Linear(64, 3)
        nn.init.constant_(self.heat.bias, -2.19)

    def forward(self, x):
        f4 = self.s4(self.s2(x / 255.0))
        f8 = self.s8(f4)
        f16 = self.s16(f8)
        u = self.u8(self.l8(f8) + F.interpolate(self.l16(f16), scale_factor=2, mode="nearest"))
        u = self.u4(self.l4(f4) + F.interpolate(u, scale_factor=2, mode="nearest"))
        return F.pixel_shuffle(self.heat(u), 2), self.size(f16.mean(dim=(2, 3)))


class KeypointsAndSize(nn.Module):
    """Input 0-1 RGB crops; outputs the six keypoint heatmaps (0-1) and the visual-size logits, so that
    one run of one file serves the SDK as keypoint and visual-size model.

    The logits get a per-class bias (fit_size_bias): a network trained with class weights learns
    posteriors tilted by them, and the bias undoes that so that their softmax estimates the size
    probabilities, whose largest is the most likely size."""

    def __init__(self, net, size_bias):
        super().__init__()
        self.net = net
        self.register_buffer("size_bias", torch.tensor(size_bias), persistent=False)

    def forward(self, x):
        heat, logits = self.net(x * 255.0)
        return torch.sigmoid(heat), logits + self.size_bias


def focal(pred_logits, target):
    p = torch.sigmoid(pred_logits).clamp(1e-4, 1 - 1e-4)
    pos = target.eq(1).float()
    neg = 1 - pos
    pos_loss = torch.log(p) * (1 - p) ** 2 * pos
    neg_loss = torch.log(1 - p) * p ** 2 * (1 - target) ** 4 * neg
    n = pos.sum().clamp(min=1)
    return -(pos_loss.sum() + neg_loss.sum()) / n


# ---------------------------------------------------------------- score calibration

def box_iou(a, b):
    """IoU of [N,4] and [M,4] x1, y1, x2, y2 boxes."""
    lt = torch.maximum(a[:, None, :2], b[None, :, :2])
    rb = torch.minimum(a[:, None, 2:], b[None, :, 2:])
    inter = (rb - lt).clamp(min=0).prod(2)
    area_a = (a[:, 2:] - a[:, :2]).prod(1)
    area_b = (b[:, 2:] - b[:, :2]).prod(1)
    return inter / (area_a[:, None] + area_b[None, :] - inter + 1e-9)


def detect_whole(det, item):
    """The detector on a whole image resampled to the canonical scale, as the SDK runs it on calibrated
    images: objectness peaks with probability >= 0.05, greedy NMS at IoU 0.7 (the analyzer's cross-class
    NMS). Returns heat logits [N] and boxes [N, 4] in image pixels."""
    img = item["pixels"]
    h, w = img.shape[:2]
    scale = CANONICAL / item["um"]
    ow = int(math.ceil(w / scale / 32)) * 32
    oh = int(math.ceil(h / scale / 32)) * 32
    x, ox, oy = resample(img, 0.0, 0.0, scale, ow, oh, PAD)
    heat, _, size, off = det(x.unsqueeze(0))
    prob = torch.sigmoid(heat)
    peaks = (F.max_pool2d(prob, 3, 1, 1) == prob) & (prob >= 0.05)
    i, j = torch.nonzero(peaks[0, 0], as_tuple=True)
    logits = heat[0, 0, i, j]
    if len(logits) > 2000:  # like the SDK's top 100 per tile: the strongest peaks only
        top = torch.topk(logits, 2000).indices
        i, j, logits = i[top], j[top], logits[top]
    cx = (j.float() + off[0, 0, i, j]) * STRIDE
    cy = (i.float() + off[0, 1, i, j]) * STRIDE
    bw, bh = size[0, 0, i, j] * 16.0, size[0, 1, i, j] * 16.0
    boxes = torch.stack([cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2], 1) * scale
    boxes -= torch.tensor([ox, oy, ox, oy])
    order = torch.argsort(logits, descending=True)
    logits, boxes = logits[order], boxes[order]
    keep = torch.ones(len(logits), dtype=torch.bool)
    iou = box_iou(boxes, boxes)
    for n in range(len(logits)):
        if keep[n]:
            keep[n + 1:] &= iou[n, n + 1:] < 0.7
    return logits[keep], boxes[keep]


def fit_score_calibration(det, val):
    """Platt scaling: slope and bias such that sigmoid(slope * logit + bias) is the probability that a
    detection matches an unmatched ground-truth object with IoU >= 0.5 (greedy, by score), fitted on
    validation images never used in training."""
    det.eval()
    zs, ys = [], []
    with torch.no_grad():
        for item in val.images:
            logits, boxes = detect_whole(det, item)
            gt = torch.tensor([[a["bbox"][0], a["bbox"][1], a["bbox"][0] + a["bbox"][2],
                                a["bbox"][1] + a["bbox"][3]] for a in item["anns"]]).reshape(-1, 4)
            used = torch.zeros(len(gt), dtype=torch.bool)
            iou = box_iou(boxes, gt) if len(gt) and len(boxes) else torch.zeros(len(boxes), 0)
            for n in range(len(logits)):
                tp = False
                if iou.shape[1]:
                    cand = iou[n].masked_fill(used, -1)
                    best = int(torch.argmax(cand))
                    if cand[best] >= 0.5:
                        used[best] = True
                        tp = True
                zs.append(float(logits[n]))
                ys.append(1.0 if tp else 0.0)
    z, y = torch.tensor(zs), torch.tensor(ys)
    params = torch.tensor([1.0, 0.0], requires_grad=True)
    opt = torch.optim.LBFGS([params], lr=0.5, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = F.binary_cross_entropy_with_logits(params[0] * z + params[1], y)
        loss.backward()
        return loss
    opt.step(closure)
    slope, bias = float(params[0]), float(params[1])
    if not slope > 0:
        raise SystemExit("score calibration failed: slope %.3f is not positive" % slope)
    log("score calibration on %d detections of %d validation images (%d true): "
        "p = sigmoid(%.4f * logit + %.4f)" % (len(z), len(val.images), int(y.sum()), slope, bias))
    before, after = torch.sigmoid(z), torch.sigmoid(slope * z + bias)
    for lo in [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]:
        for name, p in (("raw", before), ("calibrated", after)):
            m = (p >= lo) & (p < lo + 0.1)
            if m.any():
                log("  %-10s score %.1f-%.1f: %5d detections, %.2f true" % (
                    name, lo, lo + 0.1, int(m.sum()), float(y[m].mean())))
    return slope, bias


# ---------------------------------------------------------------- keypoint data

def fit_size_bias(kp, val):
    """Bias calibration of the visual-size logits: the vector b (0 for normal) for which softmax(logits + b)
    predicts the size labels of every capillary of the validation images (all rows, cropped around the true
    box) with the least cross-entropy. It undoes the class weights of training and sets the class priors to
    those of all the capillaries the SDK sizes (the keypoint training crops only distal-row loops).
    Without validation images, b = -log(class weights)."""
    prior = [-math.log(w) for w in SIZE_WEIGHTS]
    if val is None:
        return prior
    kp.eval()
    rng = random.Random(0)
    crops, labels = [], []
    for item in val.images:
        for a in item["anns"]:
            if a["category_id"] != 5 and a.get("size") in SIZES:
                crops.append(crop_box(item, a, rng, False)[0])
                labels.append(SIZES.index(a["size"]))
    with torch.no_grad():
        z = torch.cat([kp(torch.stack(crops[i:i + 64]).contiguous(memory_format=torch.channels_last))[-1]
                       for i in range(0, len(crops), 64)])
    y = torch.tensor(labels)
    b = torch.tensor(prior[1:], requires_grad=True)
    opt = torch.optim.LBFGS([b], lr=0.5, max_iter=200)

    def closure():
        opt.zero_grad()
        loss = F.cross_entropy(z + torch.cat([torch.zeros(1), b]), y)
        loss.backward()
        return loss
    opt.step(closure)
    bias = [0.0] + [float(v) for v in b]
    log("size bias on %d validation capillaries (%s): %s; accuracy raw %.3f, -log(weights) %.3f, fitted %.3f" % (
        len(y), ", ".join("%s %d" % (c, int((y == i).sum())) for i, c in enumerate(SIZES)),
        ", ".join("%.3f" % v for v in bias), float((z.argmax(1) == y).float().mean()),
        float(((z + torch.tensor(prior)).argmax(1) == y).float().mean()),
        float(((z + torch.tensor(bias)).argmax(1) == y).float().mean())))
    return bias


def crop_box(item, ann, rng, jitter_box):
    """The crop of an annotation's box as the SDK crops a detection (grown by MARGIN per side, square,
    centred; the box jittered first with jitter_box); returns the crop, (ox, oy) and the scale as
    resample does."""
    bx, by, bw, bh = ann["bbox"]
    if jitter_box:
        bx += rng.uniform(-0.05, 0.05) * bw
        by += rng.uniform(-0.05, 0.05) * bh
        bw *= rng.uniform(0.92, 1.08)
        bh *= rng.uniform(0.92, 1.08)
    side = max(bw, bh) * (1 + 2 * MARGIN)
    cx, cy = bx + bw / 2, by + bh / 2
    scale = side / CROP
    x, ox, oy = resample(item["pixels"], cx - side / 2, cy - side / 2, scale, CROP, CROP, None)
    return x, ox, oy, scale


def crop_sample(item, ann, rng, jitter_box=True):
    x, ox, oy, scale = crop_box(item, ann, rng, jitter_box)
    kp = ann["keypoints"]
    pts = []
    for k in range(len(KEYPOINTS)):
        px, py, v = kp[3 * k], kp[3 * k + 1], kp[3 * k + 2]
        pts.append(((px + ox) / scale, (py + oy) / scale, v))
    return x, pts


def keypoint_targets(pts):
    hs = CROP // KP_STRIDE
    heat = torch.zeros(len(KEYPOINTS), hs, hs)
    ys, xs = torch.meshgrid(torch.arange(hs).float(), torch.arange(hs).float(), indexing="ij")
    for k, (x, y, v) in enumerate(pts):
        if v <= 0:
            continue
        u, w = x / KP_STRIDE - 0.5, y / KP_STRIDE - 0.5
        if not (0 <= u < hs and 0 <= w < hs):
            continue
        heat[k] = torch.exp(-((xs - u) ** 2 + (ys - w) ** 2) / (2 * 1.0 ** 2))
        i, j = int(round(w)), int(round(u))
        heat[k, min(hs - 1, max(0, i)), min(hs - 1, max(0, j))] = 1.0
    return heat


# ---------------------------------------------------------------- training

def init_from(model, folder, name, prefix):
    """Starts from the weights of a model this script exported before (fine-tuning)."""
    traced = torch.jit.load(os.path.join(folder, name, name + ".pt"))
    state = {k[len(prefix):]: v for k, v in traced.state_dict().items() if k.startswith(prefix)}
    model.load_state_dict(state)
    log("%s starts from %s" % (name, os.path.join(folder, name, name + ".pt")))


def start(net_class, name, prefix, iters, seed, lr, init, device):
    """Seeds both generators, builds the network (from an exported model's weights with init),
    channels-last on device, and its AdamW optimiser with a one-cycle schedule; returns rng, model, opt,
    sched."""
    rng = random.Random(seed)
    torch.manual_seed(seed)
    model = net_class()
    if init:
        init_from(model, init, name, prefix)
    model = model.to(device=device, memory_format=torch.channels_last)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=iters, pct_start=0.1)
    return rng, model, opt, sched


def class_weights(data):
    """Cross-entropy weights of the detector's classes: (most frequent class's count / count) ** 0.25 over
    the training annotations, so that rare classes (ramified, giant, haemorrhage: about 1 % each) are not
    always out-voted by normal at a peak, without turning every doubtful loop into a rare class."""
    counts = [0] * len(CLASSES)
    for item in data.images:
        for a in item["anns"]:
            counts[a["category_id"] - 1] += 1
    top = max(counts)
    return [(top / max(c, 1)) ** 0.25 for c in counts]


class BatchStream(torch.utils.data.IterableDataset):
    """The endless batches make(rng) prepares, in a data-loading worker: each worker draws from a generator
    of its own, seeded from seed and its number."""

    def __init__(self, make, seed):
        super().__init__()
        self.make, self.seed = make, seed

    def __iter__(self):
        rng = random.Random(self.seed * 1000 + torch.utils.data.get_worker_info().id + 1)
        while True:
            yield self.make(rng)


def batches(make, rng, seed, workers, device):
    """The training batches, on device: with no workers made here from rng one after the other (the CPU
    path, reproducible byte for byte), else prepared ahead by that many worker processes (for a GPU, which
    would otherwise wait for them)."""
    if workers == 0:
        return (make(rng) for _ in itertools.count())
    loader = torch.utils.data.DataLoader(BatchStream(make, seed), batch_size=None, num_workers=workers,
                                         pin_memory=device.type == "cuda", prefetch_factor=4)
    return ([t.to(device, non_blocking=True) for t in b] for b in loader)


def detector_batch(data, batch, rng):
    """batch detector windows and their targets, stacked: inputs, heat, class, size, offset, mask."""
    xs, heats, classes, sizes, offs, masks = [], [], [], [], [], []
    for _ in range(batch):
        x, boxes = detector_sample(rng.choice(data.images), rng)
        h, c, s, o, m = detector_targets(boxes)
        xs.append(x); heats.append(h); classes.append(c); sizes.append(s); offs.append(o); masks.append(m)
    return [torch.stack(t) for t in (xs, heats, classes, sizes, offs, masks)]


def native_bf16(device):
    """Whether device computes bfloat16 natively: a CUDA GPU that says so, or a CPU with AVX-512 BF16 or AMX
    (/proc/cpuinfo); elsewhere bfloat16 would be emulated, slower than float32."""
    if device.type == "cuda":
        return torch.cuda.is_bf16_supported()
    try:
        with open("/proc/cpuinfo") as f:
            flags = set(next((line for line in f if line.startswith("flags")), "").split())
    except OSError:
        return False
    return bool(flags & {"avx512_bf16", "amx_bf16"})


def forward(model, x, bf16):
    """The model's outputs on x, computed in bfloat16 where bf16 (weights, gradients and losses stay
    float32: autocast), as float32 tensors."""
    with torch.autocast(device_type=x.device.type, dtype=torch.bfloat16, enabled=bf16):
        outputs = model(x.contiguous(memory_format=torch.channels_last))
    return [o.float() for o in outputs]


def train_detector(data, iters, batch, seed, lr, init, weights, device, workers, bf16):
    rng, model, opt, sched = start(Detector, "nvc-detector", "det.", iters, seed, lr, init, device)
    log("detector class weights: " + ", ".join("%s %.2f" % (c, w) for c, w in zip(CLASSES, weights)))
    weights = torch.tensor(weights, device=device)
    stream = batches(lambda r: detector_batch(data, batch, r), rng, seed, workers, device)
    model.train()
    t0 = time.time()
    for it in range(iters):
        x, ht, ct, st, ot, m = next(stream)
        heat, cls, size, off = forward(model, x, bf16)
        m = m.unsqueeze(1)
        n = m.sum().clamp(min=1)
        loss_h = focal(heat, ht)
        loss_c = F.cross_entropy(cls, ct, weight=weights, ignore_index=-1) if (ct >= 0).any() else cls.sum() * 0
        loss_s = (torch.abs(size - st) * m).sum() / n
        loss_o = (torch.abs(off - ot) * m).sum() / n
        loss = loss_h + loss_c + 0.5 * loss_s + loss_o
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if it % 50 == 0 or it == iters - 1:
            log("detector %d/%d loss %.3f (heat %.3f class %.3f size %.3f offset %.3f) %.1f img/s" % (
                it, iters, loss.item(), loss_h.item(), loss_c.item(), loss_s.item(), loss_o.item(),
                (it + 1) * batch / (time.time() - t0)))
    return model.cpu().eval()


def keypoint_batch(pool, batch, rng):
    """batch capillary crops and their targets, stacked: crops, keypoint heatmaps, size labels."""
    xs, heats, labels = [], [], []
    for _ in range(batch):
        item, ann = rng.choice(pool)
        x, pts = crop_sample(item, ann, rng)
        xs.append(jitter(x, rng))
        heats.append(keypoint_targets(pts))
        labels.append(SIZES.index(ann.get("size") or "normal"))
    return [torch.stack(xs), torch.stack(heats), torch.tensor(labels)]


def train_keypoints(data, iters, batch, seed, lr, init, device, workers, bf16):
    rng, model, opt, sched = start(KeypointNet, "nvc-keypoints", "net.", iters, seed, lr, init, device)
    pool = [(item, a) for item in data.images for a in item["anns"]
            if a["category_id"] != 5 and a.get("num_keypoints", 0) > 0
            and all(a["keypoints"][3 * k + 2] == 2 for k in range(len(KEYPOINTS)))]
    log("keypoint training pool: %d capillaries" % len(pool))
    weights = torch.tensor(SIZE_WEIGHTS, device=device)
    stream = batches(lambda r: keypoint_batch(pool, batch, r), rng, seed, workers, device)
    model.train()
    t0 = time.time()
    for it in range(iters):
        x, ht, labels = next(stream)
        heat, logits = forward(model, x, bf16)
        loss_h = focal(heat, ht)
        loss_c = F.cross_entropy(logits, labels, weight=weights)
        loss = loss_h + 0.5 * loss_c
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if it % 50 == 0 or it == iters - 1:
            log("keypoints %d/%d loss %.3f (heat %.3f size %.3f) %.1f crops/s" % (
                it, iters, loss.item(), loss_h.item(), loss_c.item(), (it + 1) * batch / (time.time() - t0)))
    return model.cpu().eval()


# ---------------------------------------------------------------- export

def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def export(module, example, folder, name, input_name, output_names, dynamic_batch):
    os.makedirs(folder, exist_ok=True)
    module.eval()
    onnx_path = os.path.join(folder, name + ".onnx")
    axes = None
    if dynamic_batch:
        axes = {input_name: {0: "N"}}
        for o in output_names:
            axes[o] = {0: "N"}
    # The TorchScript-based exporter, also where PyTorch 2.9 and later default to the dynamo-based one.
    legacy = {"dynamo": False} if "dynamo" in inspect.signature(torch.onnx.export).parameters else {}
    with torch.no_grad():
        torch.onnx.export(module, example, onnx_path, input_names=[input_name], output_names=output_names,
                          opset_version=17, dynamic_axes=axes, **legacy)
        traced = torch.jit.trace(module, example)
    pt_path = os.path.join(folder, name + ".pt")
    traced.save(pt_path)
    return {"onnx": {"path": name + ".onnx", "sha256": sha256(onnx_path)},
            "torchscript": {"path": name + ".pt", "sha256": sha256(pt_path)}}


def write_manifest(folder, name, body):
    body = dict(body)
    body["format"] = "nvc.model-manifest/1"
    body["name"] = name
    with open(os.path.join(folder, name + ".manifest.json"), "w") as f:
        json.dump(body, f, indent=2)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", action="append", help="dataset folder; repeatable (not with --export-only)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--version", default="0.1.0")
    ap.add_argument("--det-iters", type=int, default=2500)
    ap.add_argument("--det-batch", type=int, default=16)
    ap.add_argument("--kp-iters", type=int, default=1000)
    ap.add_argument("--kp-batch", type=int, default=32)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=2, help="PyTorch's CPU threads in this process")
    ap.add_argument("--device", default="auto",
                    help="cpu, cuda, cuda:N, or auto (default): a CUDA GPU when PyTorch sees one, else the CPU")
    ap.add_argument("--workers", type=int, default=None,
                    help="processes that prepare the training batches; default none on the CPU, on a GPU"
                         " the CPU cores less two, at most 12")
    ap.add_argument("--precision", choices=["auto", "bf16", "fp32"], default="auto",
                    help="arithmetic of the training passes: bf16 (autocast; weights and losses stay float32),"
                         " fp32, or auto (default): bf16 where the device computes it natively (a CUDA GPU"
                         " that supports it, a CPU with AVX-512 BF16 or AMX), else fp32; export is float32")
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--val", action="append", default=[],
                    help="validation dataset folder for the detector's score calibration and the visual-size"
                         " bias; repeatable")
    ap.add_argument("--init-from", default=None,
                    help="a models folder this script wrote: fine-tune its detector and keypoint model")
    ap.add_argument("--detector-from", default=None,
                    help="a models folder this script wrote: keep its detector and score calibration (no"
                         " detector training) and train the keypoint model only")
    ap.add_argument("--keypoints-from", default=None,
                    help="a models folder this script wrote: keep its keypoint model (no keypoint training)"
                         " and train the detector only")
    ap.add_argument("--generator", default=None,
                    help="digest of the generator that made the --train images (train.sh passes the first 16 hex"
                         " digits of a SHA-256 over nvc-synth's classes and nvc synth's), recorded in training.json")
    ap.add_argument("--export-only", action="store_true",
                    help="no training: export the --init-from models again (the score calibration from"
                         " its training.json, the visual-size bias fitted on --val) with that training.json")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    started = time.time()
    if args.export_only:
        if not args.init_from:
            raise SystemExit("--export-only needs --init-from MODELS")
        det, calibration, record = exported_detector(args.init_from)
        kp = exported_keypoints(args.init_from)
        size_bias = fit_size_bias(kp, Dataset(args.val) if args.val else None)
        export_models(args, det, kp, calibration, size_bias)
        record["sizeBias"] = dict(zip(SIZES, size_bias))
        write_record(args.out, record)
        return
    if not args.train:
        raise SystemExit("--train DIR is required (a dataset folder to train on)")
    if args.detector_from and args.keypoints_from:
        raise SystemExit("--detector-from and --keypoints-from together train nothing; use --export-only")
    device = torch.device(("cuda" if torch.cuda.is_available() else "cpu") if args.device == "auto" else args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device %s: this PyTorch sees no CUDA GPU" % args.device)
    workers = args.workers if args.workers is not None else (
        0 if device.type == "cpu" else max(0, min(12, (os.cpu_count() or 1) - 2)))
    if workers < 0:
        raise SystemExit("--workers must be 0 or more, found %d" % workers)
    for name, value in (("--det-iters", args.det_iters), ("--kp-iters", args.kp_iters)):
        if value < 20:  # the one-cycle schedule warms up over a tenth of them
            raise SystemExit("%s must be at least 20, found %d" % (name, value))
    precision = args.precision if args.precision != "auto" else "bf16" if native_bf16(device) else "fp32"
    bf16 = precision == "bf16"
    log("training on %s%s with %d data-loading workers, %s" % (
        device, " (%s)" % torch.cuda.get_device_name(device) if device.type == "cuda" else "", workers, precision))
    data = Dataset(args.train)
    val = Dataset(args.val) if args.val else None
    os.makedirs(args.out, exist_ok=True)
    if args.detector_from:
        det, calibration, record = exported_detector(args.detector_from)
        detector_record = {k: record[k] for k in ("detectorIterations", "detectorBatch", "detectorClassWeights")}
        detector_record["detectorFrom"] = record.get("detectorFrom") or args.detector_from
        detector_record["detectorPrecision"] = record.get("detectorPrecision", "fp32")  # older runs: float32
    else:
        weights = class_weights(data)
        det = train_detector(data, args.det_iters, args.det_batch, args.seed, args.lr, args.init_from, weights,
                             device, workers, bf16)
        calibration = fit_score_calibration(det, val) if val else (1.0, 0.0)
        detector_record = {"detectorIterations": args.det_iters, "detectorBatch": args.det_batch,
                           "detectorClassWeights": dict(zip(CLASSES, [round(w, 3) for w in weights])),
                           "detectorPrecision": precision}
    if args.keypoints_from:
        kp = exported_keypoints(args.keypoints_from)
        with open(os.path.join(args.keypoints_from, "training.json")) as f:
            kept = json.load(f)
        keypoint_record = {k: kept[k] for k in ("keypointIterations", "keypointBatch")}
        keypoint_record["keypointsFrom"] = kept.get("keypointsFrom") or args.keypoints_from
        keypoint_record["keypointPrecision"] = kept.get("keypointPrecision", "fp32")
    else:
        kp = train_keypoints(data, args.kp_iters, args.kp_batch, args.seed + 1, args.lr, args.init_from, device,
                             workers, bf16)
        keypoint_record = {"keypointIterations": args.kp_iters, "keypointBatch": args.kp_batch,
                           "keypointPrecision": precision}
    size_bias = fit_size_bias(kp, val)
    export_models(args, det, kp, calibration, size_bias)
    record = {"trainImages": len(data.images), "generator": args.generator}
    record.update(detector_record)
    record.update(keypoint_record)
    record.update({"learningRate": args.lr, "seed": args.seed, "initFrom": args.init_from,
                   "threads": args.threads, "device": str(device), "workers": workers,
                   "scoreCalibration": {"slope": calibration[0], "bias": calibration[1]},
                   "sizeBias": dict(zip(SIZES, size_bias)),
                   "seconds": round(time.time() - started)})
    write_record(args.out, record)
    log("models written to " + args.out)


def write_record(folder, record):
    """Writes the record of a run (what trained the models, and how) as folder/training.json."""
    with open(os.path.join(folder, "training.json"), "w") as f:
        json.dump(record, f, indent=2)
        f.write("\n")


def exported_detector(folder):
    """The detector a run of this script exported to folder, channels-last as after training (the
    TorchScript files keep the layout, and PyTorch runs them faster so), its score calibration (slope,
    bias) and that run's training.json."""
    det = Detector()
    init_from(det, folder, "nvc-detector", "det.")
    with open(os.path.join(folder, "training.json")) as f:
        record = json.load(f)
    calibration = (record["scoreCalibration"]["slope"], record["scoreCalibration"]["bias"])
    return det.to(memory_format=torch.channels_last).eval(), calibration, record


def exported_keypoints(folder):
    """The keypoint network a run of this script exported to folder, channels-last and in eval mode."""
    kp = KeypointNet()
    init_from(kp, folder, "nvc-keypoints", "net.")
    return kp.to(memory_format=torch.channels_last).eval()


def export_models(args, det, kp, calibration, size_bias):
    """Writes nvc-detector and nvc-keypoints (keypoints and visual size in one file) with manifests."""
    inp = {"layout": "NCHW", "colorOrder": "RGB", "scale": 1.0 / 255.0, "mean": [0, 0, 0], "std": [1, 1, 1],
           "padValue": PAD}
    folder = os.path.join(args.out, "nvc-detector")
    files = export(DecodedDetector(det, calibration), torch.zeros(1, 3, DET_H, DET_W), folder, "nvc-detector",
                   "images", ["dets", "class_scores"], False)
    write_manifest(folder, "nvc-detector", {
        "version": args.version, "role": "detector", "files": files,
        "input": dict(inp, name="images", shape=[1, 3, DET_H, DET_W]),
        "decoder": "boxes", "outputs": {"boxes": "dets", "classScores": "class_scores"}, "classes": CLASSES,
        "canonicalMicrometresPerPixel": CANONICAL, "maxDownscale": MAX_DOWNSCALE, "tileOverlap": 0.2})
    crop = torch.zeros(2, 3, CROP, CROP)
    folder = os.path.join(args.out, "nvc-keypoints")
    files = export(KeypointsAndSize(kp, size_bias), crop, folder, "nvc-keypoints", "crops", ["heatmaps", "logits"],
                   True)
    write_manifest(folder, "nvc-keypoints", {
        "version": args.version, "role": "keypoints", "files": files,
        "input": dict(inp, name="crops", shape=[-1, 3, CROP, CROP]),
        "decoder": "heatmaps", "outputs": {"heatmaps": "heatmaps", "logits": "logits"},
        "keypoints": KEYPOINTS, "classes": SIZES,
        "measurements": {"apical": ["apex_outer", "apex_inner"],
                         "limbs": [["left_limb_outer", "left_limb_inner"],
                                   ["right_limb_inner", "right_limb_outer"]]},
        "cropMargin": MARGIN})
    stale = os.path.join(args.out, "nvc-visual-size")
    if os.path.isdir(stale):  # the separate visual-size model of earlier versions of this script
        shutil.rmtree(stale)


if __name__ == "__main__":
    main()
