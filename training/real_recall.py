#!/usr/bin/python3
"""Recall of expert-outlined distal-row capillaries on real photographs (model card figure).

    real_recall.py --samples ../shared/real-samples --results nvc-out-real

--samples holds NAME.png photos with NAME-outlines.png masks (one outline per distal-row capillary);
--results holds the nvc analyze results NAME.json for those photos. A capillary counts as found when a
detected capillary's box overlaps its outline's box with IoU >= 0.3. The photos are reference material
only: they are never used for training and are not part of the project.

It also reports how the boxes compare in size: for each outline, the detection that overlaps it most,
as the square root of the ratio of the box areas (detection / outline); and how many missed outlines
have a detection overlapping them at IoU 0.1 to the threshold (found, but boxed too small, too large or
off-centre).
"""
import argparse
import json
import os
from collections import deque

import numpy as np
from PIL import Image


def outline_components(mask, min_pixels=30):
    """The 8-connected components of a binary mask with at least min_pixels pixels, each as arrays
    (xs, ys)."""
    h, w = mask.shape
    seen = np.zeros_like(mask, dtype=bool)
    components = []
    for y0, x0 in zip(*np.nonzero(mask)):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        queue = deque([(y0, x0)])
        ys, xs = [], []
        while queue:
            y, x = queue.popleft()
            ys.append(y)
            xs.append(x)
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    ny, nx = y + dy, x + dx
                    if 0 <= ny < h and 0 <= nx < w and mask[ny, nx] and not seen[ny, nx]:
                        seen[ny, nx] = True
                        queue.append((ny, nx))
        if len(ys) >= min_pixels:
            components.append((np.array(xs), np.array(ys)))
    return components


def outline_boxes(mask, min_pixels=30):
    """Bounding boxes [x, y, w, h] of the 8-connected components of a binary mask."""
    return [[int(xs.min()), int(ys.min()), int(xs.max()) + 1 - int(xs.min()), int(ys.max()) + 1 - int(ys.min())]
            for xs, ys in outline_components(mask, min_pixels)]


def outlined_photos(samples):
    """(stem, outline mask) of each NAME-outlines.png in the folder, by name; the photo is NAME.png."""
    for name in sorted(os.listdir(samples)):
        if name.endswith("-outlines.png"):
            stem = name[: -len("-outlines.png")]
            yield stem, np.asarray(Image.open(os.path.join(samples, name)).convert("L")) > 0


def iou(a, b):
    iw = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    ih = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    if iw <= 0 or ih <= 0:
        return 0.0
    inter = iw * ih
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", required=True)
    ap.add_argument("--results", required=True)
    ap.add_argument("--iou", type=float, default=0.3)
    args = ap.parse_args()
    total = found = 0
    size_ratios = []
    near_misses = 0
    for stem, mask in outlined_photos(args.samples):
        truth = outline_boxes(mask)
        with open(os.path.join(args.results, stem + ".json")) as f:
            result = json.load(f)
        dets = [[c["box"]["x"], c["box"]["y"], c["box"]["width"], c["box"]["height"]]
                for c in result["capillaries"]]
        hits = 0
        for t in truth:
            best = max(dets, key=lambda d: iou(t, d), default=None)
            overlap = iou(t, best) if best else 0.0
            if overlap >= args.iou:
                hits += 1
            elif overlap >= 0.1:
                near_misses += 1
            if overlap > 0:
                size_ratios.append(np.sqrt(best[2] * best[3] / (t[2] * t[3])))
        print("%s: %d outlined capillaries, %d found, %d detections" % (stem, len(truth), hits, len(dets)))
        total += len(truth)
        found += hits
    print("recall %.3f (%d of %d) at IoU >= %.1f" % (found / max(1, total), found, total, args.iou))
    if size_ratios:
        p10, p50, p90 = np.percentile(size_ratios, [10, 50, 90])
        print("box size, detection / outline (square root of the area ratio, the most overlapping detection of"
              " %d outlines): median %.2f, 10-90 %% %.2f-%.2f" % (len(size_ratios), p50, p10, p90))
    print("missed outlines with a detection at IoU 0.1-%.1f: %d of %d" % (args.iou, near_misses, total - found))


if __name__ == "__main__":
    main()
