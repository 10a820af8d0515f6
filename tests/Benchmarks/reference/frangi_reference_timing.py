#!/usr/bin/python3
"""Python peer of FrangiBenchmarks: scikit-image's frangi on a 256³ T1 with the same parameters.

    /usr/bin/python3 tests/Benchmarks/reference/frangi_reference_timing.py --input FILE [--repeats 3] [--json]

skimage.filters.frangi(data, sigmas=[0.5, 1.0, 1.5], alpha=0.5, beta=0.5, gamma=15, black_ridges=True,
mode="reflect") on nib.load(FILE).get_fdata(dtype=np.float32) (scikit-image 0.19 has no brain mask: it filters
every voxel). Prints the median time in seconds.
"""
import argparse
import json
import statistics
import time

import nibabel as nib
import numpy as np
import skimage
from skimage.filters import frangi


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = nib.load(args.input).get_fdata(dtype=np.float32)
    times = []
    for _ in range(args.repeats):
        t0 = time.perf_counter()
        out = frangi(data, sigmas=[0.5, 1.0, 1.5], alpha=0.5, beta=0.5, gamma=15, black_ridges=True, mode="reflect")
        times.append(time.perf_counter() - t0)
    result = {"input": args.input, "skimage": skimage.__version__, "shape": list(data.shape),
              "frangi_seconds": statistics.median(times), "max_response": float(out.max())}
    print(json.dumps(result, indent=2) if args.json else f"skimage {skimage.__version__} frangi 256³: {result['frangi_seconds']:.2f} s (median of {args.repeats})")


if __name__ == "__main__":
    main()
