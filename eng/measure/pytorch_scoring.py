"""Eval-mode scoring throughput of the default YieldCnn in PyTorch, for comparison with XYield.ML's Transform.

A measuring tool only, never a dependency of the project. The network mirrors src/XYield.ML/Models/YieldCnn.cs with
the defaults of YieldCnnOptions.cs: three 3 x 3 convolutions (32, 64, 64 channels, padding 1), each followed by
batch normalisation and ReLU, then flatten, Linear(64 * 9 * 18, 128), ReLU, Linear(128, 1); input 2 x 9 x 18.

    apt-get install -y python3-torch libopenblas0-pthread
    /usr/bin/python3 eng/measure/pytorch_scoring.py --threads 2 --rows 100000 --batch 1024 --repeats 3
"""
import argparse
import time

import torch
from torch import nn


def network(channels=2, height=9, width=18, widths=(32, 64, 64), hidden=128, outputs=1):
    layers = []
    previous = channels
    for w in widths:
        layers += [nn.Conv2d(previous, w, 3, padding=1), nn.BatchNorm2d(w), nn.ReLU()]
        previous = w
    layers += [nn.Flatten(1), nn.Linear(previous * height * width, hidden), nn.ReLU(), nn.Linear(hidden, outputs)]
    return nn.Sequential(*layers)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (match libtorch's in XYield.ML)")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = network().eval()
    images = torch.rand(args.rows, 2, 9, 18)
    scores = torch.empty(args.rows, 1)
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, mkldnn {torch.backends.mkldnn.is_available()}")

    with torch.no_grad():
        model(images[: args.batch])  # warm-up: first-call allocations and kernel selection
        rates = []
        for _ in range(args.repeats):
            start, cpu = time.perf_counter(), time.process_time()
            for first in range(0, args.rows, args.batch):
                scores[first: first + args.batch] = model(images[first: first + args.batch])
            seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
            rates.append(args.rows / seconds)
            # CPU seconds show how much of the machine the run had (other processes share the cores).
            print(f"{args.rows} rows at batch {args.batch}: {seconds:.2f} s, {args.rows / seconds:,.0f} rows/s, "
                  f"{cpu / seconds:.2f} cores busy")
    rates.sort()
    print(f"median {rates[len(rates) // 2]:,.0f} rows/s, best {rates[-1]:,.0f} rows/s")


if __name__ == "__main__":
    main()
