#!/usr/bin/python3
"""Reference for FrangiFilterTests: scikit-image 0.19 `frangi` on a block of a real IXI brain.

    /usr/bin/python3 tests/Analysis.Tests/Models/Reference/frangi_reference.py

Reads ../shared/data/ixi/IXI013-HH-1212-T1__brain.nii.gz, takes the block [96:136, 100:140, 70:110] (voxel
indices in the file's x, y, z order; white matter, ventricle edge and sulci), runs
skimage.filters.frangi(block, sigmas=[0.5, 1.0, 1.5], alpha=0.5, beta=0.5, gamma=15, black_ridges=True,
mode="reflect") and writes the response as uint16 with a scale factor (quantisation error below 1e-5 of the
maximum) to frangi-skimage.nii.gz next to this script, with the block's affine.
"""
import os

import nibabel as nib
import numpy as np
import skimage
from skimage.filters import frangi

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))
SOURCE = os.path.join(ROOT, "..", "shared", "data", "ixi", "IXI013-HH-1212-T1__brain.nii.gz")
X0, Y0, Z0, N = 96, 100, 70, 40

img = nib.load(SOURCE)
data = img.get_fdata(dtype=np.float32)
block = np.ascontiguousarray(data[X0:X0 + N, Y0:Y0 + N, Z0:Z0 + N])
out = frangi(block, sigmas=[0.5, 1.0, 1.5], alpha=0.5, beta=0.5, gamma=15, black_ridges=True, mode="reflect")
out = out.astype(np.float64)
peak = float(out.max())
slope = peak / 65535.0
quantised = np.round(out / slope).astype(np.uint16)
affine = img.affine.copy()
affine[:3, 3] = img.affine[:3, :3] @ np.array([X0, Y0, Z0]) + img.affine[:3, 3]
result = nib.Nifti1Image(quantised, affine)
result.header.set_slope_inter(slope, 0.0)
nib.save(result, os.path.join(HERE, "frangi-skimage.nii.gz"))
print(f"skimage {skimage.__version__}: max {peak:.6g}, non-zero {int((out > 0).sum())} of {out.size}")
