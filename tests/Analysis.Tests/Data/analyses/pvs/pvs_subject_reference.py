"""Reference for one subject's PVS tables (the original's run_pvs_stats per subject), with numpy/scipy as Debian ships
them (python3-numpy, python3-scipy). Run from this folder:  python3 pvs_subject_reference.py

The maps are made from integer formulas that C# evaluates identically (PvsSubjectTests): two PVS probability maps (a
T1 and a T1-FLAIR model), T1 and FLAIR relevance maps and a basal-ganglia probability blob on a 30 x 28 x 26 grid.
The PVS mask follows get_pvs_map: nilearn's threshold_img(threshold=0.5, cluster_threshold=5) keeps |p| >= 0.5 and drops
6-connected clusters of fewer than 5 voxels (nilearn labels with generate_binary_structure(3, 1)), then binarises;
apply_mask_dilation is scipy's binary_dilation(structure=None, iterations=by); the border is dilated minus undilated;
the basal-ganglia mask is binarize_img(threshold=0.05) (values >= 0.05), dilated dilate_mask_by times, and multiplies
both the relevance map and the PVS mask. The 13 metrics are the original's numpy expressions.
Writes pvs_subject_expected.json: {table file name: {column: value}}.
"""
import json

import numpy as np
from scipy import ndimage

NX, NY, NZ = 30, 28, 26
DILATE_BY, DILATE_MASK_BY = 1, 2
AGE, BRAIN_AGE = 63.5, {"t1": 61.25, "flair": 66.0}

i = np.arange(NX * NY * NZ, dtype=np.uint64)
x = (i % NX).astype(np.int64)
y = ((i // NX) % NY).astype(np.int64)
z = (i // (NX * NY)).astype(np.int64)


def hashed(multiplier):
    return (i * np.uint64(multiplier)) % np.uint64(2**32)


def probability(multiplier, shift):
    h = hashed(multiplier)
    p = np.where(h % np.uint64(7) == 0, (h % np.uint64(1000)).astype(np.float32) / np.float32(1000), np.float32(0))
    tube_z = (x == 5 + shift) & (y == 7)
    tube_x = (y == 20) & (z == 10 + shift) & (x > 3) & (x < 25)
    short = (x == 12) & (y == 3 + shift) & (z > 4) & (z < 8)
    return np.where(tube_z | tube_x, np.float32(0.9), np.where(short, np.float32(0.75), p)).astype(np.float32)


def relevance(multiplier):
    h = hashed(multiplier)
    r = ((h % np.uint64(2001)).astype(np.int64) - 1000).astype(np.float32) / np.float32(1e6)
    return np.where(h % np.uint64(5) == 0, np.float32(0), r).astype(np.float32)


dist2 = (x - 15) ** 2 + (y - 14) ** 2 + (z - 13) ** 2
basal_ganglia = (np.clip(100 - dist2, 0, 100).astype(np.float32) / np.float32(100)).astype(np.float32)

maps = {"T1": probability(2654435761, 0), "T1-FLAIR": probability(2246822519, 2)}
hms = {"t1": relevance(3266489917), "flair": relevance(668265263)}


def pvs_mask(p):
    arr = np.where(np.abs(p) >= 0.5, p, 0).reshape(NZ, NY, NX)
    labels, _ = ndimage.label(arr > 0, ndimage.generate_binary_structure(3, 1))
    ids, counts = np.unique(labels, return_counts=True)
    for c_val, count in zip(ids[1:], counts[1:]):
        if count < 5:
            arr[labels == c_val] = 0
    return (arr != 0).astype(np.float64)


def metrics(hm_np, pvs_np, age, brain_age):
    m = np.ma.masked_where(pvs_np == 0, hm_np)
    masked_hm_np = np.ma.compressed(m)
    hm_np_nz = hm_np[hm_np != 0]
    hm_np_pos = hm_np[hm_np > 0]
    hm_np_neg = hm_np[hm_np < 0]
    values = (
        hm_np_nz.mean(), hm_np_nz.sum(), len(masked_hm_np), masked_hm_np.mean(), masked_hm_np.sum(),
        hm_np_nz.sum() * len(masked_hm_np), hm_np_pos.sum(), hm_np_neg.sum(), masked_hm_np.sum() / hm_np_pos.sum(),
        (hm_np_pos.mean() * len(masked_hm_np)) / hm_np_pos.sum(), hm_np_pos.mean(), age, brain_age)
    names = ["a_voxel", "s_voxel", "n_pvs_voxel", "a_pvs_voxel", "s_pvs_voxel", "as_voxel", "s_pos_voxel", "s_neg_voxel",
             "p_pvs_voxel", "p_voxel", "ap_voxel", "age", "brain_age"]
    return {k: float(v) for k, v in zip(names, values)}


def table(model, seq, dilate_by, only_border, basal):
    pvs = pvs_mask(maps[model])
    if dilate_by:
        dilated = ndimage.binary_dilation(pvs, structure=None, iterations=dilate_by).astype(np.float64)
        pvs = dilated - pvs if only_border else dilated
    hm = hms[seq].reshape(NZ, NY, NX).astype(np.float64)
    if basal:
        bg = (basal_ganglia >= 0.05).reshape(NZ, NY, NX)
        bg = ndimage.binary_dilation(bg, structure=None, iterations=DILATE_MASK_BY) == 1
        hm = hm * bg
        pvs = pvs * bg
    dil = f"dilate-{dilate_by}_" + ("ob_" if only_border else "") if dilate_by else ""
    bas = f"basal_ganglia-d{DILATE_MASK_BY}_" if basal else ""
    return f"{model}.PVS_{dil}{bas}{seq}-subens.csv", metrics(hm, pvs, AGE, BRAIN_AGE[seq])


expected = {}
for model in ["T1-FLAIR", "T1"]:
    for seq in ["t1", "flair"]:
        for basal in [True, False]:
            for dilation in [True, False]:
                if dilation and seq == "flair":
                    continue
                name, values = table(model, seq, DILATE_BY if dilation else 0, False, basal)
                expected[name] = values
    for basal in [False, True]:
        for dilate_by in [2, 1]:
            name, values = table(model, "t1", dilate_by, True, basal)
            expected[name] = values
with open("pvs_subject_expected.json", "w") as f:
    json.dump(expected, f, indent=1, sort_keys=True)
print(len(expected), "tables;", {k: int(v["n_pvs_voxel"]) for k, v in sorted(expected.items())})
