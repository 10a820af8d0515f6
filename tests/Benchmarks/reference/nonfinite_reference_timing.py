"""numpy's side of ImagingBenchmarks.FiniteCheck and .NanStatistics on the 256^3 IXI brain as float32:
np.isfinite(d).all() (the models' guard) and nansum/nanmin/nanmax/nanmean, count_nonzero and NaN/+-inf counts
(`volume info`). Medians of 7. Run: /usr/bin/python3 nonfinite_reference_timing.py ../../../../shared/data/ixi/IXI013-HH-1212-T1__brain.nii.gz"""
import statistics
import sys
import time

import nibabel
import numpy as np

d = np.asarray(nibabel.load(sys.argv[1]).get_fdata(dtype=np.float32))


def timed(f, repeat=7):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def finite():
    return bool(np.isfinite(d).all())


def nan_statistics():
    x = d.astype(np.float64)
    nan = np.isnan(x)
    return (np.nansum(x), np.nanmin(x), np.nanmax(x), np.nanmean(x), np.count_nonzero(x[~nan]),
            int(nan.sum()), int(np.isposinf(x).sum()), int(np.isneginf(x).sum()))


print(f"finite check   {timed(finite):.4f} s")
print(f"nan statistics {timed(nan_statistics):.4f} s")
