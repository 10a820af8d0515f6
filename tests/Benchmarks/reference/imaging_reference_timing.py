#!/usr/bin/python3
"""Python peers of `relevancerelated bench imaging`: the same three operations with nibabel 5 and scipy 1.10.

    /usr/bin/python3 tests/Benchmarks/reference/imaging_reference_timing.py --input FILE [--repeats 7] [--json]

(1) nib.load(f).get_fdata(dtype=np.float32); (2) scipy.ndimage.label(data > p99.5 of non-zero voxels,
np.ones((3,3,3))); (3) scipy.ndimage.affine_transform(data, R, offset=(3,4,5), order=1) with R a 0.1 rad
rotation about the third axis. Prints medians in seconds with the keys the C# command uses.
"""
import argparse
import json
import statistics
import time

import nibabel as nib
import numpy as np
from scipy import ndimage


def median_time(repeats, fn):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    data = nib.load(args.input).get_fdata(dtype=np.float32)  # warm-up and the data for (2) and (3)
    load = median_time(args.repeats, lambda: nib.load(args.input).get_fdata(dtype=np.float32))

    threshold = np.percentile(data[data != 0], 99.5)
    mask = data > threshold
    structure = np.ones((3, 3, 3))
    components = ndimage.label(mask, structure)[1]
    label = median_time(args.repeats, lambda: ndimage.label(mask, structure))

    th = 0.1
    rot = np.array([[np.cos(th), -np.sin(th), 0], [np.sin(th), np.cos(th), 0], [0, 0, 1]])
    resample = median_time(args.repeats, lambda: ndimage.affine_transform(data, rot, offset=(3, 4, 5), order=1))

    result = {
        "input": args.input,
        "shape": list(data.shape),
        "repeats": args.repeats,
        "load_seconds": load,
        "label26_seconds": label,
        "components": int(components),
        "threshold": float(threshold),
        "resample_seconds": resample,
        "nibabel": nib.__version__,
        "scipy": __import__("scipy").__version__,
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for k, v in result.items():
            print(f"{k:18} {v}")


if __name__ == "__main__":
    main()
