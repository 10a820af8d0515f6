#!/usr/bin/python3
"""Calibrates the per-parcel bias of the simulated Desikan-Killiany split (CorticalParcels.cs, last column).

A cortical point goes to the parcel whose seed direction has the largest dot product with the point's direction
from the hemisphere centre, plus the parcel's bias. The biases are fitted so that each parcel's share of the
cortical surface matches its share of grey-matter volume in FreeSurfer's bert (lh.aparc.stats). The surface is
sampled as in AnatomyLabeler: a 3 mm shell under the cerebral envelope (ellipsoid 64 x 82 x 58 mm centred at
(0, -17, 15)) and the medial wall along the interhemispheric fissure, minus the cerebellum and basal cisterns.

Run: /usr/bin/python3 scripts/simulation/calibrate_parcel_bias.py src/Analysis/Simulation/CorticalParcels.cs PATH/TO/lh.aparc.stats
Prints the biases in the table's order.
"""
import re
import sys

import numpy as np

table, stats = sys.argv[1], sys.argv[2]
rows = re.findall(r'new\("(\w+)", (\d+), ([-\d.]+), ([-\d.]+), ([-\d.]+),', open(table).read())
names = [r[0] for r in rows]
seeds = np.array([[float(r[2]), float(r[3]), float(r[4])] for r in rows])
seeds /= np.linalg.norm(seeds, axis=1, keepdims=True)
gray = {l.split()[0]: float(l.split()[3]) for l in open(stats) if l.strip() and not l.startswith('#')}
target = np.array([gray[n] for n in names])
target /= target.sum()

rng = np.random.default_rng(0)
A, B, C, centre = 64.0, 82.0, 58.0, np.array([0.0, -17.0, 15.0])
hemi = np.array([-32.0, -17.0, 15.0])
p = rng.uniform([-70, -105, -50], [0, 70, 80], size=(4_000_000, 3))
q = (p - centre) / [A, B, C]
rho = np.linalg.norm(q, axis=1)
r = np.linalg.norm(p - centre, axis=1)
depth = r * (1 / np.maximum(rho, 1e-9) - 1)
fissure = (p[:, 2] > 22) | (p[:, 1] > 34) | (p[:, 1] < -44)
x = np.abs(p[:, 0])
cerebellum = np.linalg.norm((p - [-23, -62, -35]) / [27, 26, 19], axis=1) < 1.15
cistern = np.linalg.norm((p - [0, -5, -42]) / [15, 38, 24], axis=1) < 1.1
inside = (depth > 0) & ~cerebellum & ~cistern
shell = inside & ((depth < 3) | (fissure & (x > 0.6) & (x < 3.6)))
pts = p[shell]
u = (pts - hemi) * [-1, 1, 1] / [A, B, C]
u /= np.linalg.norm(u, axis=1, keepdims=True)
dots = u @ seeds.T

bias = np.zeros(len(names))
for step in range(600):
    share = np.bincount(np.argmax(dots + bias, axis=1), minlength=len(names)) / len(pts)
    # Clipped log-ratio steps that shrink over time: the split is piecewise constant in the biases.
    bias += 0.03 / (1 + step / 150) * np.clip(np.log(target) - np.log(share + 1e-4), -1, 1)
    bias -= bias.mean()
share = np.bincount(np.argmax(dots + bias, axis=1), minlength=len(names)) / len(pts)
for n, b, s, t in zip(names, bias, share, target):
    print(f"{n:26s} bias {b:7.3f}  share {s:.4f}  target {t:.4f}")
print("r(share, target) =", np.corrcoef(share, target)[0, 1])
