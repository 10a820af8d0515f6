#!/usr/bin/python3
"""Python peers of RecipeBenchmarks: scipy's cubic zoom of a uint8 brain and the whole tf2onnx-kind recipe.

    /usr/bin/python3 tests/Benchmarks/reference/recipe_reference_timing.py --input FILE [--repeats 7] [--json]

(1) scipy.ndimage.zoom(x, 0.5, order=3) of the uint8 array; (2) the same, then the crop of 82 x 100 x 86 centred on
the bounding box of the slices whose sum exceeds 1000 (as Models/Reference/recipe_reference.py). The array is loaded
once (nibabel's dataobj), as the C# benchmark starts from a loaded volume. Prints medians in seconds.
"""
import argparse
import json
import statistics
import time

import nibabel as nib
import numpy as np
from scipy import ndimage

BOX = (82, 100, 86)


def median_time(repeats, fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def recipe(data):
    z = ndimage.zoom(data, 0.5, order=3)
    start = []
    for axis in range(3):
        others = tuple(a for a in range(3) if a != axis)
        idx = np.nonzero(z.sum(axis=others, dtype=np.float64) > 1000)[0]
        lo, hi = int(idx[0]), int(idx[-1])
        start.append(lo - (BOX[axis] - (hi - lo + 1)) // 2)
    before = [max(-s, 0) for s in start]
    after = [max(s + b - n, 0) for s, b, n in zip(start, BOX, z.shape)]
    padded = np.pad(z, list(zip(before, after)))
    s = [st + bf for st, bf in zip(start, before)]
    return padded[s[0]:s[0] + BOX[0], s[1]:s[1] + BOX[1], s[2]:s[2] + BOX[2]]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = np.asanyarray(nib.load(args.input).dataobj)
    result = {
        "input": args.input,
        "zoom_cubic_seconds": median_time(args.repeats, lambda: ndimage.zoom(data, 0.5, order=3)),
        "recipe_seconds": median_time(args.repeats, lambda: recipe(data)),
    }
    print(json.dumps(result, indent=1) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
