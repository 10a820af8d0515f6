#!/usr/bin/python3
"""PyTorch reference for `relevancerelated bench lrp`: gradient x input (the cost of autograd-based LRP as
zennit computes it) for the two benchmark topologies, float32, all cores.

mrinet: Conv3d 16, 16, 32, 64 (3^3) and 32 (1^3), each SAME-padded with ReLU and MaxPool 3^3 stride 2 (pad 1);
Flatten; Linear 64 + ReLU; Linear 1, at a cube (default 198^3).
conv6: Conv3d 8, 16, 32, 64 (6^3, TensorFlow SAME: 2 before, 3 after) + ReLU + MaxPool 2^3 stride 2 + BatchNorm3d;
global average pooling; Linear 64 + ReLU; Linear 1 + ReLU, at 82 x 86 x 100 (the tf2onnx CNN of `bench lrp --topology conv6`).
Weights are seeded (values do not change the time).

Usage: /usr/bin/python3 pytorch_gradient_x_input.py [--topology mrinet|conv6] [--cube 198] [--repeats 3]
Prints one JSON line with the medians of forward_seconds and gradient_x_input_seconds.
"""
import argparse
import json
import os
import statistics
import time

import torch
from torch import nn


def mrinet(cube: int) -> nn.Sequential:
    layers, channels, size = [], 1, cube
    for out, kernel in [(16, 3), (16, 3), (32, 3), (64, 3), (32, 1)]:
        layers += [nn.Conv3d(channels, out, kernel, padding=kernel // 2), nn.ReLU(),
                   nn.MaxPool3d(3, stride=2, padding=1)]
        channels, size = out, (size + 2 - 3) // 2 + 1
    layers += [nn.Flatten(), nn.Linear(channels * size ** 3, 64), nn.ReLU(), nn.Linear(64, 1)]
    return nn.Sequential(*layers)


def conv6() -> nn.Sequential:
    layers, channels = [], 1
    for out in [8, 16, 32, 64]:
        layers += [nn.ConstantPad3d((2, 3, 2, 3, 2, 3), 0.0), nn.Conv3d(channels, out, 6), nn.ReLU(),
                   nn.MaxPool3d(2, stride=2), nn.BatchNorm3d(out)]
        channels = out
    layers += [nn.AdaptiveAvgPool3d(1), nn.Flatten(), nn.Linear(channels, 64), nn.ReLU(), nn.Linear(64, 1), nn.ReLU()]
    return nn.Sequential(*layers)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--topology", choices=["mrinet", "conv6"], default="mrinet")
    parser.add_argument("--cube", type=int, default=198)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count() or 1)
    if args.topology == "mrinet":
        model = mrinet(args.cube).eval()
        x = torch.randn(1, 1, args.cube, args.cube, args.cube, dtype=torch.float32)
    else:
        model = conv6().eval()
        x = torch.randint(0, 256, (1, 1, 82, 86, 100)).to(torch.float32)

    def forward() -> None:
        with torch.no_grad():
            model(x)

    def gradient_x_input() -> None:
        inp = x.clone().requires_grad_(True)
        out = model(inp)
        (grad,) = torch.autograd.grad(out.sum(), inp)
        (grad * inp).detach()

    def median_seconds(fn) -> float:
        fn()  # warm-up
        times = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    result = {
        "topology": args.topology,
        "input": list(x.shape[2:]),
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "forward_seconds": median_seconds(forward),
        "gradient_x_input_seconds": median_seconds(gradient_x_input),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
