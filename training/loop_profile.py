#!/usr/bin/python3
"""How a loop's darkness fades from its apex to its proximal end: a realism check of the generator.

    loop_profile.py --samples ../shared/real-samples          expert-outlined photos (2.6 um/px)
    loop_profile.py --gt training/work/test/annotations.json  the generator's distal normal loops

At fractions 0, 0.1, ..., 1 of each loop's extent along its axis, measured from the apex, the depth of
the loop is the median green value 42-62 um to either side of the axis minus the darkest green within
26 um of it (green blurred by a Gaussian of 1.5 px first). Each loop's depths are divided by its mean
depth at 0 and 0.1, and the median over the loops is printed. Away from any vessel the measure reads
about 0.2, its noise floor.

Photos (--samples, NAME.png with NAME-outlines.png): a loop is an outline; its axis is the outline's
principal axis; its apex end is the end where the outline is closed (the smaller largest gap across the
axis among the outline's pixels in the last tenth of the extent), as most loops of its photo show it
(one row points one way); its extent is that of the outline.
Synthetic images (--gt, a COCO file that nvc synth wrote): distal-row loops labelled normal, in images
of --min-um-per-px to --max-um-per-px (default 2.0-3.1, about the photos' scale); the axis runs from the
limb keypoints' midpoint to apex_outer, the apex is apex_outer and the extent ends where the box does.
The photos are reference material only: never used for training, not part of the project.
"""
import argparse
import json
import os

import numpy as np
from PIL import Image, ImageFilter

from real_recall import outline_components, outlined_photos

FRACTIONS = np.linspace(0, 1, 11)
HALF_WIDTH_UM = 26
BACKGROUND_UM = (42, 62)


def green(path):
    return np.asarray(Image.open(path).convert("RGB").filter(ImageFilter.GaussianBlur(1.5)), float)[:, :, 1]


def bilinear(g, x, y):
    h, w = g.shape
    x = np.clip(x, 0, w - 1.001)
    y = np.clip(y, 0, h - 1.001)
    x0 = np.floor(x).astype(int)
    y0 = np.floor(y).astype(int)
    fx = x - x0
    fy = y - y0
    return (g[y0, x0] * (1 - fx) * (1 - fy) + g[y0, x0 + 1] * fx * (1 - fy)
            + g[y0 + 1, x0] * (1 - fx) * fy + g[y0 + 1, x0 + 1] * fx * fy)


def profile(g, apex, distal, extent, um_per_px):
    """Relative depths at FRACTIONS of extent (pixels) from apex along -distal (a unit vector)."""
    across = np.array([-distal[1], distal[0]])
    inner = np.linspace(-HALF_WIDTH_UM, HALF_WIDTH_UM, 21) / um_per_px
    outer = np.linspace(*BACKGROUND_UM, 5) / um_per_px
    outer = np.concatenate([-outer, outer])
    depths = []
    for f in FRACTIONS:
        c = apex - distal * f * extent
        vessel = bilinear(g, c[0] + across[0] * inner, c[1] + across[1] * inner)
        background = bilinear(g, c[0] + across[0] * outer, c[1] + across[1] * outer)
        depths.append(np.median(background) - vessel.min())
    depths = np.array(depths)
    return depths / max(depths[:2].mean(), 1e-3)


def largest_gap(values):
    v = np.sort(values)
    return np.diff(v).max() if len(v) > 1 else 0.0


def outlined_loops(samples, um_per_px):
    for stem, mask in outlined_photos(samples):
        g = green(os.path.join(samples, stem + ".png"))
        loops = []
        for xs, ys in outline_components(mask):
            pts = np.stack([xs, ys], 1).astype(float)
            centre = pts.mean(0)
            axis = np.linalg.eigh(np.cov((pts - centre).T))[1][:, -1]
            s = (pts - centre) @ axis
            t = (pts - centre) @ np.array([-axis[1], axis[0]])
            tenth = 0.1 * (s.max() - s.min())
            if largest_gap(t[s < s.min() + tenth]) < largest_gap(t[s > s.max() - tenth]):
                axis = -axis
            loops.append((pts, centre, axis))
        # The loops of one row point one way: each takes the direction most of its photo's loops show.
        row = np.sum([axis for _, _, axis in loops], 0)
        for pts, centre, axis in loops:
            if axis @ row < 0:
                axis = -axis
            s = (pts - centre) @ axis
            yield g, pts[np.argmax(s)], axis, s.max() - s.min(), um_per_px


def synthetic_loops(gt, lo, hi):
    with open(gt) as f:
        coco = json.load(f)
    root = os.path.dirname(gt)
    anns = {}
    for a in coco["annotations"]:
        anns.setdefault(a["image_id"], []).append(a)
    for im in coco["images"]:
        upp = im.get("micrometres_per_pixel")
        if upp is None or not lo <= upp <= hi:
            continue
        g = None
        for a in anns.get(im["id"], []):
            k = np.array(a.get("keypoints") or [0] * 18, float).reshape(6, 3)
            if not a.get("distal_row") or a["category_id"] != 1 or (k[:, 2] < 1).any():
                continue
            if g is None:
                g = green(os.path.join(root, im["file_name"]))
            apex = k[0, :2]
            distal = apex - k[2:, :2].mean(0)
            distal /= np.linalg.norm(distal)
            x, y, w, h = a["bbox"]
            corners = np.array([[x, y], [x + w, y], [x, y + h], [x + w, y + h]])
            yield g, apex, distal, apex @ distal - (corners @ distal).min(), upp


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", help="folder of NAME.png photos with NAME-outlines.png masks")
    ap.add_argument("--um-per-px", type=float, default=2.6, help="scale of the photos")
    ap.add_argument("--gt", help="COCO file written by nvc synth, images beside it")
    ap.add_argument("--min-um-per-px", type=float, default=2.0)
    ap.add_argument("--max-um-per-px", type=float, default=3.1)
    args = ap.parse_args()
    if bool(args.samples) == bool(args.gt):
        ap.error("expected exactly one of --samples and --gt")
    loops = (outlined_loops(args.samples, args.um_per_px) if args.samples
             else synthetic_loops(args.gt, args.min_um_per_px, args.max_um_per_px))
    rows = np.array([profile(*loop) for loop in loops])
    if len(rows) == 0:
        raise SystemExit("no loops found")
    print("fraction of the extent from the apex: " + " ".join("%.1f" % f for f in FRACTIONS))
    print("median relative depth (%d loops):      " % len(rows) + " ".join("%.2f" % v for v in np.median(rows, 0)))


if __name__ == "__main__":
    main()
