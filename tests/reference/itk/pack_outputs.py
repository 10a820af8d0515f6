#!/usr/bin/python3
"""Turns the ITK reference's float64 outputs into the committed test facts (Debian python3-nibabel).

Intensity outputs are stored as int16 with scl_slope/scl_inter spanning their range: the quantisation error is at
most range/65534/2 (under 1e-5 of the range), well inside the tests' 1e-4 tolerance, at a quarter of the size.
Label outputs are stored exactly as int16. Usage: pack_outputs.py INDIR OUTDIR NAME:kind ...
"""
import sys

import nibabel as nib
import numpy as np


def pack(src, dst, kind):
    img = nib.load(src)
    data = np.asarray(img.dataobj, dtype=np.float64)
    out = nib.Nifti1Image(np.zeros(data.shape, np.int16), img.affine)
    out.set_qform(None, code=0)
    out.set_sform(img.affine, code=1)
    if kind == "labels":
        if not np.array_equal(data, np.round(data)) or np.abs(data).max() > 32767:
            raise SystemExit(f"{src}: not int16 labels")
        out = nib.Nifti1Image(data.astype(np.int16), img.affine, out.header)
        out.header.set_data_dtype(np.int16)
    else:
        lo, hi = float(data.min()), float(data.max())
        slope = (hi - lo) / 65534.0 if hi > lo else 1.0
        inter = lo + 32767.0 * slope
        q = np.round((data - inter) / slope).astype(np.int16)
        out = nib.Nifti1Image(q, img.affine, out.header)
        out.header.set_data_dtype(np.int16)
        out.header.set_slope_inter(slope, inter)
    nib.save(out, dst)


def main(indir, outdir, items):
    for item in items:
        name, kind = item.split(":")
        pack(f"{indir}/{name}.nii.gz", f"{outdir}/{name}.nii.gz", kind)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
