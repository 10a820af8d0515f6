#!/usr/bin/python3
"""Reference values for the imaging tests, computed with Debian's nibabel 5.0 and scipy 1.10.

Run from the repository root:  /usr/bin/python3 tests/Analysis.Tests/Imaging/Reference/imaging_reference.py
Writes imaging-reference.json beside this script. The tests read the values; they never run Python.
"""
import json
import os

import nibabel as nib
import numpy as np
from scipy import ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.environ.get("RELEVANCERELATED_SHARED_DATA",
                      os.path.join(HERE, "..", "..", "..", "..", "..", "shared", "data"))

out = {}

# Components of the benchmark mask: voxels above the 99.5th percentile of non-zero voxels.
ixi = nib.load(os.path.join(DATA, "ixi", "IXI013-HH-1212-T1__brain.nii.gz")).get_fdata(dtype=np.float32)
nz = ixi[ixi != 0]
out["ixi013_percentile_99_5_nonzero"] = float(np.percentile(nz, 99.5))
out["ixi013_percentile_99_all"] = float(np.percentile(ixi, 99))
out["ixi013_percentile_37_25_nonzero"] = float(np.percentile(nz, 37.25))
mask = ixi > np.percentile(nz, 99.5)
for conn, rank in ((6, 1), (18, 2), (26, 3)):
    labels, n = ndimage.label(mask, ndimage.generate_binary_structure(3, rank))
    sizes = np.bincount(labels.ravel())[1:]
    out[f"ixi013_components_{conn}"] = int(n)
    out[f"ixi013_sizes_sorted_{conn}"] = sorted(int(s) for s in sizes)[::-1][:20]
    largest = int(np.argmax(sizes)) + 1
    com = ndimage.center_of_mass(mask, labels, largest)
    out[f"ixi013_largest_centroid_{conn}"] = [float(c) for c in com]
    sl = ndimage.find_objects(labels)[largest - 1]
    out[f"ixi013_largest_box_{conn}"] = [[s.start, s.stop - 1] for s in sl]

# Dilation with scipy's default cross.
for it in (1, 3):
    d = ndimage.binary_dilation(mask, iterations=it)
    out[f"ixi013_dilated_{it}_count"] = int(d.sum())
    out[f"ixi013_border_{it}_count"] = int((d & ~mask).sum())

# Trilinear affine_transform as in the benchmark, on the MNI average (order=1, constant 0).
mni = nib.load(os.path.join(DATA, "nifti", "avg152T1_LR_nifti.nii.gz")).get_fdata(dtype=np.float32)
th = 0.1
R = np.array([[np.cos(th), -np.sin(th), 0], [np.sin(th), np.cos(th), 0], [0, 0, 1]])
res = ndimage.affine_transform(mni, R, offset=(3, 4, 5), order=1)
out["mni_rotated_sum"] = float(res.astype(np.float64).sum())
out["mni_rotated_nonzero"] = int((res != 0).sum())
probes = [(45, 54, 45), (10, 20, 30), (80, 100, 60), (3, 5, 7)]
out["mni_rotated_probes"] = [[i, j, k, float(res[i, j, k])] for i, j, k in probes]
near = ndimage.affine_transform(mni, R, offset=(3, 4, 5), order=0)
out["mni_rotated_nearest_sum"] = float(near.astype(np.float64).sum())

with open(os.path.join(HERE, "imaging-reference.json"), "w") as f:
    json.dump(out, f, indent=1, sort_keys=True)
print(json.dumps(out, indent=1, sort_keys=True))
