#!/usr/bin/env python3
"""Prints the benchmark table from JMH JSON files (stages, end-to-end 1 and 2 threads, synthetic rendering)."""
import json
import sys


def load(path):
    with open(path) as f:
        return json.load(f)


def key(b):
    name = b["benchmark"].rsplit(".", 1)[1]
    if b["params"].get("rotation", "0") != "0":
        name += " (turned %s)" % b["params"]["rotation"]
    return name, b["params"].get("backend"), b["params"].get("size"), b["threads"]


def alloc_mb(b):
    m = b.get("secondaryMetrics", {}).get("gc.alloc.rate.norm") or \
        b.get("secondaryMetrics", {}).get("\u00b7gc.alloc.rate.norm")
    return m["score"] / 1e6 if m else float("nan")


stages, e2e1, e2e2, synth, turned = (load(p) for p in sys.argv[1:6])
rows = {}
for b in stages + e2e1 + e2e2 + synth + turned:
    rows[key(b)] = b

print("%-28s %-5s %-10s %3s %10s %9s %12s" % ("benchmark", "back", "size", "thr", "ms/op", "img/s", "MB alloc/op"))
for (name, backend, size, threads), b in sorted(rows.items(), key=lambda kv: (not kv[0][0].startswith("analyze"), kv[0])):
    ms = b["primaryMetric"]["score"]
    ips = threads * 1000.0 / ms if name.startswith("analyze") else float("nan")
    if name == "render":
        ips = threads * 1000.0 / ms
    print("%-28s %-5s %-10s %3d %10.2f %9.1f %12.2f" % (name, backend or "-", size, threads, ms, ips,
                                                       alloc_mb(b)))

print()
for backend in ("onnx", "djl"):
    e2e = rows.get(("analyze", backend, "1280x1024", 1))
    det = rows.get(("detectorRaw", backend, "1280x1024", 1))
    kp = rows.get(("keypointRaw", backend, "1280x1024", 1))
    if e2e and det and kp:
        floor = det["primaryMetric"]["score"] + kp["primaryMetric"]["score"]
        print("%s 1280x1024: end-to-end %.2f ms, raw detector + raw keypoints %.2f ms, overhead ratio %.2f,"
              " %.2f MB allocated per image (backend buffers included)" % (
                  backend, e2e["primaryMetric"]["score"], floor, e2e["primaryMetric"]["score"] / floor,
                  alloc_mb(e2e)))
one = rows.get(("analyze", "onnx", "1280x1024", 1))
two = rows.get(("analyze", "onnx", "1280x1024", 2))
if one and two:
    t1 = 1000.0 / one["primaryMetric"]["score"]
    t2 = 2000.0 / two["primaryMetric"]["score"]
    print("onnx 1280x1024 throughput: 1 thread %.1f img/s, 2 threads %.1f img/s (x%.2f)" % (t1, t2, t2 / t1))
turned = rows.get(("analyze (turned 180)", "onnx", "1280x1024", 1))
if one and turned:
    print("onnx 1280x1024, image turned 180 degrees (crops turned upright) / as rendered: %.2f"
          % (turned["primaryMetric"]["score"] / one["primaryMetric"]["score"]))
djl = rows.get(("analyze", "djl", "1280x1024", 1))
if one and djl:
    print("djl / onnx end-to-end time at 1280x1024: %.2f" % (djl["primaryMetric"]["score"] / one["primaryMetric"]["score"]))
