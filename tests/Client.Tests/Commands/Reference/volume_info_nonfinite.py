"""Reference for VolumeCommandTests' non-finite cases: little.nii.gz from the shared data with some voxels set to
NaN (and, in the second case, to +/-inf), statistics as numpy's nan-functions compute them. Run with Debian's
python3-nibabel: /usr/bin/python3 volume_info_nonfinite.py ../../../../../shared/data/nifti/little.nii.gz"""
import json
import sys

import nibabel
import numpy as np

img = nibabel.load(sys.argv[1])
print("scl_slope/inter:", img.header["scl_slope"], img.header["scl_inter"], "dtype:", img.get_data_dtype(), file=sys.stderr)
# float32 as the project reads it, flattened x fastest (the voxel order of Volume.Data).
base = np.asarray(img.dataobj, dtype=np.float32).reshape(-1, order="F")

cases = {
    "nan": {"nan": [1000, 2000, 3000, 4000, 5000]},
    "nan_inf": {"nan": [1000, 2000], "posinf": [3000], "neginf": [4000, 5000]},
}
facts = {}
for name, where in cases.items():
    d = base.copy()
    for kind, indices in where.items():
        d[indices] = {"nan": np.nan, "posinf": np.inf, "neginf": -np.inf}[kind]
    x = d.astype(np.float64)
    facts[name] = {
        "indices": where,
        "sum": float(np.nansum(x)),
        "min": float(np.nanmin(x)),
        "max": float(np.nanmax(x)),
        "mean": float(np.nanmean(x)),
        "nonzero": int(np.count_nonzero(x[~np.isnan(x)])),
        "nan": int(np.isnan(x).sum()),
        "posinf": int(np.isposinf(x).sum()),
        "neginf": int(np.isneginf(x).sum()),
    }
print(json.dumps(facts, indent=2, allow_nan=True))
