"""Reference values for the heatmap tests (numpy 1.24, nibabel 5.0; run with /usr/bin/python3 from this folder).

1. xai4mri's relevance scale (visualize_heatmap._symmetric_clip with percentile = 1 - clip_q = 0.99 and
   min_sym_clip = True, then r_max = max |clipped|) for two maps made from the IXI brain IXI013: a signed one,
   (t1 - 50) inside the brain with ten voxels set to +1000 and ten to -1000 (outliers the 0.01 % tails clip), and a
   positive one, t1 itself.
2. Display order: nibabel's as_closest_canonical of FreeSurfer's bert brain.mgz (LIA) read at RAS positions, and
   the world coordinate of canonical slices at the volume's centre.
Writes expected.json.
"""
import json
import numpy as np
import nibabel as nib

SHARED = "../../../../../shared/data"


def xai4mri_limit(a, percentile=0.99, min_sym_clip=True):
    # visualize_heatmap._symmetric_clip, then _apply_colormap's r_max = np.abs(a).max()
    if not (a.min() < 0.0 < a.max()) and min_sym_clip:
        min_sym_clip = False
    if min_sym_clip:
        max_min_q = min(abs(a.min()), a.max())
    max_q = -np.percentile(a=-a, q=1 - percentile)
    min_q = np.percentile(a=a, q=1 - percentile)
    max_q = max(abs(min_q), abs(max_q))
    if min_sym_clip:
        max_q = min(max_q, max_min_q)
    clipped = np.clip(a=a, a_min=-max_q, a_max=max_q)
    return float(np.abs(clipped).max())


t1 = nib.load(f"{SHARED}/ixi/IXI013-HH-1212-T1__brain.nii.gz").get_fdata(dtype=np.float32)
signed = np.where(t1 > 0, t1 - 50, 0).astype(np.float32)
flat = signed.reshape(-1, order="F")  # x-fastest, the order our volumes keep
flat[1000:1010] = 1000
flat[2000:2010] = -1000
signed = flat.reshape(t1.shape, order="F")
expected = {
    "signed_limit": xai4mri_limit(signed),
    "signed_min": float(signed.min()),
    "signed_max": float(signed.max()),
    "positive_limit": xai4mri_limit(t1.copy()),
}

bert = nib.load(f"{SHARED}/freesurfer/bert/mri/brain.mgz")
canonical = nib.as_closest_canonical(bert)
data = np.asarray(canonical.dataobj)
expected["bert_codes"] = "".join(nib.aff2axcodes(bert.affine))
expected["bert_shape_ras"] = list(data.shape)
positions = [[128, 100, 140], [90, 150, 120], [160, 80, 130], [128, 128, 128], [100, 120, 90]]
expected["bert_positions"] = positions
expected["bert_values"] = [float(data[tuple(p)]) for p in positions]
centre = (np.array(data.shape) - 1) / 2.0
world = []
for axis, position in [(0, 90), (1, 150), (2, 120)]:
    voxel = centre.copy()
    voxel[axis] = position
    world.append(float(nib.affines.apply_affine(canonical.affine, voxel)[axis]))
expected["bert_world"] = world

with open("expected.json", "w") as f:
    json.dump(expected, f, indent=1)
print(json.dumps(expected, indent=1))
