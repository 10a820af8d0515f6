"""Peer timing for AnalysesBenchmarks.PvsSubjectSweep: one subject's 20 PVS tables at 256^3 with numpy/scipy (Debian
python3-numpy, python3-scipy), the original's algorithm (see tests/Analysis.Tests/Data/analyses/pvs/pvs_subject_reference.py)
on maps from the same integer formulas. The cluster filter counts cluster sizes with np.bincount, which is faster than
nilearn's loop over clusters (one full-volume comparison per cluster), so the peer is not slowed by that.
Run: /usr/bin/python3 tests/Benchmarks/reference/pvs_sweep_timing.py [--repeats 3]
"""
import argparse
import time

import numpy as np
from scipy import ndimage

N = 256
DILATE_BY, DILATE_MASK_BY = 1, 5


def maps():
    i = np.arange(N**3, dtype=np.uint64)
    x = (i % N).astype(np.int64); y = ((i // N) % N).astype(np.int64); z = (i // (N * N)).astype(np.int64)

    def hashed(m):
        return (i * np.uint64(m)) % np.uint64(2**32)

    def probability(m, shift):
        h = hashed(m)
        tube = ((x % 16 == shift) & (y % 16 == 7)) | ((y % 24 == 20) & (z % 24 == 10 + shift))
        salt = np.where(h % np.uint64(97) == 0, (h % np.uint64(1000)).astype(np.float32) / np.float32(1000), np.float32(0))
        return np.where(tube, np.float32(0.9), salt).astype(np.float32).reshape(N, N, N)

    def relevance(m):
        h = hashed(m)
        r = ((h % np.uint64(2001)).astype(np.int64) - 1000).astype(np.float32) / np.float32(1e6)
        return np.where(h % np.uint64(5) == 0, np.float32(0), r).astype(np.float32).reshape(N, N, N)

    d2 = (x - 128) ** 2 + (y - 128) ** 2 + (z - 128) ** 2
    bg = (np.clip(2500 - d2, 0, 2500).astype(np.float32) / np.float32(2500)).reshape(N, N, N)
    return ({"T1": probability(2654435761, 0), "T1-FLAIR": probability(2246822519, 2)},
            {"t1": relevance(3266489917), "flair": relevance(668265263)}, bg)


def pvs_mask(p):
    binary = np.abs(p) >= 0.5
    labels, _ = ndimage.label(binary, ndimage.generate_binary_structure(3, 1))
    sizes = np.bincount(labels.ravel())
    keep = sizes >= 5
    keep[0] = False
    return keep[labels].astype(np.float64)


def metrics(hm, pvs):
    masked = hm[pvs != 0]
    nz = hm[hm != 0]; pos = hm[hm > 0]; neg = hm[hm < 0]
    return (nz.mean(), nz.sum(), len(masked), masked.mean(), masked.sum(), nz.sum() * len(masked), pos.sum(), neg.sum(),
            masked.sum() / pos.sum(), pos.mean() * len(masked) / pos.sum(), pos.mean())


def sweep(probabilities, relevances, bg_prob):
    rows = 0
    for model in ["T1-FLAIR", "T1"]:
        clusters = pvs_mask(probabilities[model])
        configurations = [(seq, d, False, bg) for seq in ["t1", "flair"] for bg in [True, False] for d in [DILATE_BY, 0]
                          if not (d and seq == "flair")]
        configurations += [("t1", d, True, bg) for bg in [False, True] for d in [2, 1]]
        for seq, dilate_by, only_border, basal in configurations:
            pvs = clusters
            if dilate_by:
                dilated = ndimage.binary_dilation(clusters, structure=None, iterations=dilate_by).astype(np.float64)
                pvs = dilated - clusters if only_border else dilated
            hm = relevances[seq].astype(np.float64)
            if basal:
                bg = ndimage.binary_dilation(bg_prob >= 0.05, structure=None, iterations=DILATE_MASK_BY)
                hm = hm * bg
                pvs = pvs * bg
            metrics(hm, pvs)
            rows += 1
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    probabilities, relevances, bg = maps()
    times = []
    for _ in range(args.repeats):
        t = time.perf_counter()
        rows = sweep(probabilities, relevances, bg)
        times.append(time.perf_counter() - t)
    print(f"{rows} tables; median {sorted(times)[len(times) // 2]:.2f} s over {args.repeats} (all: {', '.join(f'{v:.2f}' for v in times)})")
