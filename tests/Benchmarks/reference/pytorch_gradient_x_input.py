#!/usr/bin/python3
"""PyTorch reference for `relevancerelated bench lrp`: gradient x input (the cost of autograd-based LRP as
zennit computes it) for MRInet's topology, float32, all cores.

MRInet: Conv3d 16, 16, 32, 64 (3^3) and 32 (1^3), each SAME-padded with ReLU and MaxPool 3^3 stride 2 (pad 1);
Flatten; Linear 64 + ReLU; Linear 1. Weights are seeded (values do not change the time).

Usage: /usr/bin/python3 pytorch_gradient_x_input.py [--cube 198] [--repeats 3]
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cube", type=int, default=198)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count() or 1)
    model = mrinet(args.cube).eval()
    x = torch.randn(1, 1, args.cube, args.cube, args.cube, dtype=torch.float32)

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
        "cube": args.cube,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "forward_seconds": median_seconds(forward),
        "gradient_x_input_seconds": median_seconds(gradient_x_input),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
