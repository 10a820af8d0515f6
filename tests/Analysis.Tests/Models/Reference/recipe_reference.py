#!/usr/bin/python3
"""Reference values for preprocessing recipes, computed the way the recipes' authors run them.

Debian python3-nibabel (5.0), python3-scipy (1.10) and python3-numpy; python3-onnx only to read the test model's
weights, whose forward pass is computed here in numpy float64 (no ONNX Runtime).

    /usr/bin/python3 recipe_reference.py SHARED_DATA CONV6_ONNX > recipe-reference.json

SHARED_DATA is ../shared/data beside the repository. CONV6_ONNX is the model Conv6Network.Build writes (the test
RecipeReproductionTests writes it as conv6.onnx into its temporary directory: run it once with
RELEVANCERELATED_KEEP_TEST_OUTPUT=1 and pass that file); its SHA-256 is recorded so the test knows the facts are
for the model it builds. Volumes are hashed in NIfTI order (x fastest, numpy's order='F').
"""
import glob
import hashlib
import json
import os
import sys

import nibabel as nib
import numpy as np
import onnx
import scipy
from onnx import numpy_helper
from scipy import ndimage as ndi

# The tf2onnx-kind recipe: raw uint8 voxels as stored (no reorientation), zoom 0.5 with the cubic spline, crop
# centred on the bounding box of the slices whose sum exceeds 1000, the model's output + 22.
BOX = (82, 100, 86)
ZOOM = 0.5
SLICE_THRESHOLD = 1000.0
OFFSET = 22.0


def sha(array):
    return hashlib.sha256(np.asarray(array).tobytes(order="F")).hexdigest()


def samples(array, count=200, seed=0):
    """Values at fixed pseudo-random voxels, with their (x, y, z) indices."""
    rng = np.random.default_rng(seed)
    idx = [tuple(int(rng.integers(0, n)) for n in array.shape) for _ in range(count)]
    return {"index": [list(i) for i in idx], "value": [float(array[i]) for i in idx]}


def slice_sum_start(data, box, threshold):
    start = []
    for axis in range(3):
        others = tuple(a for a in range(3) if a != axis)
        idx = np.nonzero(data.sum(axis=others, dtype=np.float64) > threshold)[0]
        lo, hi = int(idx[0]), int(idx[-1])
        start.append(lo - (box[axis] - (hi - lo + 1)) // 2)
    return start


def centre_start(data, box):
    return [(n - b) // 2 for n, b in zip(data.shape, box)]


def centre_of_mass_start(data, box):
    com = ndi.center_of_mass(data.astype(np.float64))
    return [int(np.round(c)) - b // 2 for c, b in zip(com, box)]


def window(data, box, start):
    """np.pad with zeros, then the window of size box at start."""
    before = [max(-s, 0) for s in start]
    after = [max(s + b - n, 0) for s, b, n in zip(start, box, data.shape)]
    padded = np.pad(data, list(zip(before, after)))
    s = [st + bf for st, bf in zip(start, before)]
    return padded[s[0]:s[0] + box[0], s[1]:s[1] + box[1], s[2]:s[2] + box[2]]


class Forward:
    """The ONNX graph evaluated node by node in float64 with numpy."""

    def __init__(self, path):
        model = onnx.load(path)
        self.graph = model.graph
        self.constants = {t.name: numpy_helper.to_array(t).astype(np.float64) if t.data_type == 1 else numpy_helper.to_array(t)
                          for t in model.graph.initializer}

    def __call__(self, x):
        values = dict(self.constants)
        values[self.graph.input[0].name] = x[None, ..., None]  # [N, X, Y, Z, C]
        for node in self.graph.node:
            a = {attr.name: onnx.helper.get_attribute_value(attr) for attr in node.attribute}
            args = [values[i] for i in node.input]
            values[node.output[0]] = getattr(self, node.op_type)(a, *args)
        return values[self.graph.output[0].name]

    def Cast(self, a, x):
        return x.astype(np.float64)

    def Transpose(self, a, x):
        return np.transpose(x, a["perm"])

    def Conv(self, a, x, w, b):
        k = a["kernel_shape"]
        pads = a["pads"]
        x = np.pad(x[0], [(0, 0)] + [(pads[i], pads[i + 3]) for i in range(3)])
        out_shape = [x.shape[i + 1] - k[i] + 1 for i in range(3)]
        out = np.zeros([w.shape[0]] + out_shape)
        for i in range(k[0]):
            for j in range(k[1]):
                for l in range(k[2]):
                    view = x[:, i:i + out_shape[0], j:j + out_shape[1], l:l + out_shape[2]]
                    out += np.tensordot(w[:, :, i, j, l], view, axes=(1, 0))
        return (out + b[:, None, None, None])[None]

    def Relu(self, a, x):
        return np.maximum(x, 0)

    def MaxPool(self, a, x):
        k, s = a["kernel_shape"], a["strides"]
        assert k == s and not any(a.get("pads", [0])), "only non-overlapping pools without padding"
        n, c = x.shape[:2]
        d = [x.shape[2 + i] // k[i] for i in range(3)]
        x = x[:, :, :d[0] * k[0], :d[1] * k[1], :d[2] * k[2]]
        return x.reshape(n, c, d[0], k[0], d[1], k[1], d[2], k[2]).max(axis=(3, 5, 7))

    def BatchNormalization(self, a, x, scale, bias, mean, var):
        e = a.get("epsilon", 1e-5)
        shape = (1, -1, 1, 1, 1)
        return (x - mean.reshape(shape)) / np.sqrt(var.reshape(shape) + e) * scale.reshape(shape) + bias.reshape(shape)

    def GlobalAveragePool(self, a, x):
        return x.mean(axis=(2, 3, 4), keepdims=True)

    def Squeeze(self, a, x, axes):
        return np.squeeze(x, axis=tuple(int(v) for v in axes))

    def MatMul(self, a, x, w):
        return x @ w

    def Add(self, a, x, b):
        return x + b

    def Identity(self, a, x):
        return x


def quirk_factor(n):
    """A zoom factor whose last output index scipy reads just beyond n − 1, so that slice is 0."""
    for f in np.arange(0.30, 0.95, 0.01):
        f = float(round(f, 2))
        m = int(round(n * f))
        if (m - 1) * ((n - 1) / (m - 1)) > n - 1:
            return f
    raise SystemExit("no quirk factor found")


def main():
    shared, model_path = sys.argv[1], sys.argv[2]
    ixi = sorted(glob.glob(os.path.join(shared, "ixi", "*.nii.gz")))
    ages = {}
    with open(os.path.join(shared, "ixi", "participants.csv")) as f:
        next(f)
        for line in f:
            sid, name, age = line.strip().split(",")
            ages[name] = float(age)

    first = np.asanyarray(nib.load(ixi[0]).dataobj)
    bert = nib.load(os.path.join(shared, "freesurfer", "bert", "mri", "brain.mgz"))
    factor = quirk_factor(first.shape[0])
    quirk = ndi.zoom(first, (factor, 1, 1), order=1)
    zoomed = ndi.zoom(first, ZOOM, order=3)
    start = slice_sum_start(zoomed, BOX, SLICE_THRESHOLD)
    box = window(zoomed, BOX, start).astype(np.float64)
    steps = {
        "file": os.path.basename(ixi[0]),
        "zoom_uint8_sha256": {str(order): sha(ndi.zoom(first, ZOOM, order=order)) for order in (0, 1, 3)},
        "quirk_factor": factor,
        "quirk_shape": list(quirk.shape),
        "quirk_sha256": sha(quirk),
        "quirk_last_slice_sum": float(quirk[-1].sum(dtype=np.float64)),
        "zoom_float_cubic": {"factors": [0.5, 0.6, 0.7], "shape": None, "sum": None, "samples": None},
        "bert_affine_transform_cubic": None,
        "box": list(BOX),
        "crop_start": {
            "centre": centre_start(zoomed, BOX),
            "slice_sum": start,
            "centre_of_mass": centre_of_mass_start(zoomed, BOX),
        },
        "crop_slice_sum_sha256": sha(window(zoomed, BOX, start)),
        "intensity": {},
    }
    fdata = nib.load(ixi[0]).get_fdata()
    zf = ndi.zoom(fdata, (0.5, 0.6, 0.7), order=3)
    steps["zoom_float_cubic"].update(shape=list(zf.shape), sum=float(zf.sum()), samples=samples(zf))
    # The voxel_size recipe with the cubic spline: affine_transform by the step voxel_size / zoom (2 mm from 1 mm).
    bd = bert.get_fdata()
    bt = ndi.affine_transform(bd, np.diag([2.0, 2.0, 2.0]), output_shape=(128, 128, 128), order=3)
    steps["bert_affine_transform_cubic"] = {"shape": list(bt.shape), "sum": float(bt.sum()), "samples": samples(bt, seed=1)}

    nz = box[box != 0]
    cap = 200.0
    intensity = {
        "scale_255": box / 255.0,
        "capped_200": np.round(255 * (np.minimum(box, cap) - box.min()) / (cap - box.min())) / 255,
        "zscore_brain": (box - nz.mean()) / nz.std(),
        "mean_volume": box / box.mean(),
    }
    for name, value in intensity.items():
        steps["intensity"][name] = {"sum": float(value.sum()), "samples": samples(value, seed=2)}

    forward = Forward(model_path)
    subjects = []
    for path in ixi:
        data = np.asanyarray(nib.load(path).dataobj)  # uint8 as stored
        z = ndi.zoom(data, ZOOM, order=3)  # uint8 out: scipy rounds
        s = slice_sum_start(z, BOX, SLICE_THRESHOLD)
        x = window(z, BOX, s)  # raw uint8 input
        y = forward(x.astype(np.uint8))
        # How far a crop one voxel off along x moves the prediction: the tolerance must be well below it.
        shifted = forward(window(z, BOX, [s[0] + 1, s[1], s[2]]).astype(np.uint8))
        subjects.append({
            "file": os.path.basename(path),
            "age": ages[os.path.basename(path)],
            "zoomed_sha256": sha(z),
            "crop_start": s,
            "input_sha256": sha(x),
            "raw_output": float(y.ravel()[0]),
            "prediction": float(y.ravel()[0]) + OFFSET,
            "prediction_crop_one_voxel_off": float(shifted.ravel()[0]) + OFFSET,
        })

    with open(model_path, "rb") as f:
        model_sha = hashlib.sha256(f.read()).hexdigest()
    json.dump({
        "generator": "recipe_reference.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "nibabel": nib.__version__, "onnx": onnx.__version__},
        "recipe": {"load": "dataobj", "orientation": "native", "resample": "zoom", "zoom": ZOOM, "interpolation": "cubic",
                   "box": list(BOX), "crop": "slice_sum", "crop_threshold": SLICE_THRESHOLD, "normalisation": "raw",
                   "output": "affine", "output_offset": OFFSET},
        "model_sha256": model_sha,
        "steps": steps,
        "subjects": subjects,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
