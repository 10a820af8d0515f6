#!/usr/bin/python3
"""Writes the grids and inputs the ITK reference reads (Debian python3-nibabel).

Grids are oblique (rotated direction, unequal voxel sizes) so that LPS/RAS handling and direction cosines are
exercised; their affines are stored in the sform only (qform_code 0, which ITK 5.2 and nibabel both read) with
float32-representable entries, so both readers see exactly the same numbers.

Usage: make_inputs.py SHARED_DATA OUTDIR
"""
import sys

import nibabel as nib
import numpy as np


def rotation(axis, angle):
    axis = np.asarray(axis, float) / np.linalg.norm(axis)
    x, y, z = axis
    c, s = np.cos(angle), np.sin(angle)
    return np.array([
        [c + x * x * (1 - c), x * y * (1 - c) - z * s, x * z * (1 - c) + y * s],
        [y * x * (1 - c) + z * s, c + y * y * (1 - c), y * z * (1 - c) - x * s],
        [z * x * (1 - c) - y * s, z * y * (1 - c) + x * s, c + z * z * (1 - c)]])


def grid(shape, zooms, axis, angle, centre_ras, flip_x=False):
    """An affine whose voxel centre (shape-1)/2 lands on centre_ras, rounded to float32."""
    linear = rotation(axis, angle) @ np.diag(zooms)
    if flip_x:
        linear[:, 0] *= -1
    centre_vox = (np.asarray(shape) - 1) / 2.0
    affine = np.eye(4)
    affine[:3, :3] = linear
    affine[:3, 3] = np.asarray(centre_ras) - linear @ centre_vox
    return affine.astype(np.float32).astype(np.float64)


def save(data, affine, path, dtype):
    img = nib.Nifti1Image(data.astype(dtype), affine)
    img.set_qform(None, code=0)
    img.set_sform(affine, code=1)
    img.header.set_data_dtype(dtype)
    nib.save(img, path)


def main(shared, out):
    # The grid the MNI template is resampled onto (intensity tests).
    ref = grid((40, 48, 42), (4.5, 4.5, 4.25), (0.3, 0.2, 0.93), np.deg2rad(12), (0.0, -18.0, 18.0))
    save(np.zeros((40, 48, 42)), ref, f"{out}/reference_grid.nii.gz", np.uint8)
    # The grid bert's aseg is resampled onto (label tests): LAS-like (x flipped), 2 mm.
    labels = grid((70, 95, 70), (2.0, 2.0, 2.0), (-0.4, 0.9, 0.2), np.deg2rad(9), (6.0, 5.0, 4.0), flip_x=True)
    save(np.zeros((70, 95, 70)), labels, f"{out}/labels_grid.nii.gz", np.uint8)
    # The displacement fields' grid: coarse, slightly rotated, covering both of the above.
    field = grid((26, 31, 25), (8.0, 8.0, 8.0), (0.0, 0.0, 1.0), np.deg2rad(5), (0.0, -15.0, 17.0))
    save(np.zeros((26, 31, 25)), field, f"{out}/field_grid.nii.gz", np.uint8)

    # bert's aseg as NIfTI (ITK 5.2 in Debian has no MGH reader); the affine is nibabel's, rounded to float32.
    aseg = nib.load(f"{shared}/freesurfer/bert/mri/aseg.mgz")
    save(np.asarray(aseg.dataobj), aseg.affine.astype(np.float32).astype(np.float64), f"{out}/aseg.nii.gz", np.int16)

    # Points (RAS mm) the transform chains map: seeded, spread over the MNI brain and bert's head.
    rng = np.random.default_rng(20240516)
    ras = rng.uniform((-85, -120, -70), (85, 95, 100), size=(120, 3))
    lps = ras * np.array([-1, -1, 1])
    np.savetxt(f"{out}/points_lps.tsv", lps, fmt="%.6f", delimiter="\t")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
