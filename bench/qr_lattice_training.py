"""Training the QR lattice nets that kiosk/qr/lattice.py runs, and writing them as ONNX.

PyTorch is needed here only, not by the kiosk (which runs the ONNX files
through OpenCV's dnn module), so it is not one of the project's
dependencies. In a virtual environment of its own:

    python3 -m venv /tmp/train && /tmp/train/bin/pip install torch==2.13.0 onnx -e .
    /tmp/train/bin/python -m bench.qr_lattice_training --out resources/qr_models

About 50 minutes on 2 cores: 3,000 generator frames for each net
(bench/qr_lattice_data.py, about 3 minutes with two processes), the first
net 2,000 steps, the second 2,400 steps and 2,000 more at a third of the
rate. The seeds are fixed and never those of the QR corpora, so the
held-out corpus stays unseen. docs/qr-decoding.md has what the nets read.

The net: a 3x3 convolution from the two input planes (kiosk/qr/lattice.py
``net_inputs``) to 32 channels, twelve residual 3x3 convolutions dilated
1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 1 (about 50 pixels seen either way: a few
modules), and a 3x3 convolution to nine planes: the darkness at twice the
resolution as four pixel-shuffled planes (binary cross-entropy), the
phases' cos and sin for A and B (squared error, only where the truth is
known), and the code's area (binary cross-entropy). Crops of 64 pixels,
turned a right angle and mirrored at random, with the canonical axes
following (a transpose swaps A and B, a mirror negates one).
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as functional
from numpy.typing import NDArray
from torch import nn

from bench.qr_lattice_data import LatticeCrop, training_crops
from kiosk.qr.lattice import net_inputs

DILATIONS = (1, 2, 4, 8, 1, 2, 4, 8, 1, 2, 4, 1)
WIDTH = 32
CROP = 64
BATCH = 12
FRAMES_PER_PROCESS = 1500
FIRST_SEEDS = (401, 402)
SECOND_SEEDS = (501, 502)


class LatticeNetwork(nn.Module):
    """The fully convolutional net (module docstring)."""

    def __init__(self) -> None:
        super().__init__()
        self.head = nn.Conv2d(2, WIDTH, 3, padding=1)
        self.body = nn.ModuleList(
            nn.Conv2d(WIDTH, WIDTH, 3, padding=d, dilation=d) for d in DILATIONS
        )
        self.tail = nn.Conv2d(WIDTH, 4 + 4 + 1, 3, padding=1)

    def forward(self, planes: torch.Tensor) -> torch.Tensor:
        hidden = functional.relu(self.head(planes))
        for conv in self.body:
            hidden = hidden + functional.relu(conv(hidden))
        return self.tail(hidden)


class Example:
    """A crop ready for batching: the net's inputs beside its truth."""

    def __init__(self, crop: LatticeCrop) -> None:
        self.planes = net_inputs(crop.frame)
        self.crop = crop


def _augmented(
    arrays: dict[str, NDArray[np.float32]], rng: np.random.Generator
) -> dict[str, NDArray[np.float32]]:
    """Turned and mirrored at random; the canonical axes follow."""
    if rng.random() < 0.5:  # transpose: A and B swap
        arrays = {key: np.swapaxes(value, -1, -2) for key, value in arrays.items()}
        arrays["a"], arrays["b"] = arrays["b"], arrays["a"]
    if rng.random() < 0.5:  # x mirrored: A negated
        arrays = {key: value[..., ::-1] for key, value in arrays.items()}
        arrays["a"] = -arrays["a"]
    if rng.random() < 0.5:  # y mirrored: B negated
        arrays = {key: value[..., ::-1, :] for key, value in arrays.items()}
        arrays["b"] = -arrays["b"]
    return arrays


def batch(examples: list[Example], rng: np.random.Generator) -> dict[str, torch.Tensor]:
    """BATCH random crops of CROP pixels (and their 2x darkness)."""
    fields: dict[str, list[NDArray[np.float32]]] = {}
    while len(fields.get("planes", [])) < BATCH:
        example = examples[int(rng.integers(len(examples)))]
        crop = example.crop
        height, width = crop.frame.shape
        if height < CROP or width < CROP:
            continue
        y = int(rng.integers(0, height - CROP + 1))
        x = int(rng.integers(0, width - CROP + 1))
        at = (slice(y, y + CROP), slice(x, x + CROP))
        arrays = _augmented(
            {
                "planes": example.planes[:, at[0], at[1]],
                "darkness": crop.darkness[2 * y : 2 * y + 2 * CROP, 2 * x : 2 * x + 2 * CROP][
                    None
                ].astype(np.float32),
                "a": crop.a[at].astype(np.float32),
                "b": crop.b[at].astype(np.float32),
                "area": crop.area[at][None].astype(np.float32),
                "known": crop.known[at][None].astype(np.float32),
            },
            rng,
        )
        turns = 2 * np.pi * np.stack([arrays["a"], arrays["b"]])
        arrays["phases"] = np.concatenate(
            [np.stack([np.cos(turns[i]), np.sin(turns[i])]) for i in (0, 1)]
        )
        for key in ("planes", "darkness", "phases", "area", "known"):
            fields.setdefault(key, []).append(np.ascontiguousarray(arrays[key], dtype=np.float32))
    return {key: torch.from_numpy(np.stack(values)) for key, values in fields.items()}


def train(net: LatticeNetwork, examples: list[Example], steps: int, rate: float, seed: int) -> None:
    """Adam on a one-cycle schedule peaking at `rate`."""
    rng = np.random.default_rng(seed)
    optimiser = torch.optim.Adam(net.parameters(), lr=rate)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=rate, total_steps=steps)
    started = time.monotonic()
    for step in range(steps):
        truth = batch(examples, rng)
        out = net(truth["planes"])
        darkness = functional.pixel_shuffle(out[:, :4], 2)
        dark_loss = functional.binary_cross_entropy_with_logits(darkness, truth["darkness"])
        area_loss = functional.binary_cross_entropy_with_logits(out[:, 8:9], truth["area"])
        squared = ((out[:, 4:8] - truth["phases"]) ** 2).sum(1, keepdim=True)
        phase_loss = (squared * truth["known"]).sum() / (truth["known"].sum() + 1)
        loss = dark_loss + area_loss + phase_loss
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        if step % 100 == 0:
            print(
                f"step {step} ({time.monotonic() - started:.0f} s): darkness {dark_loss:.3f}"
                f" area {area_loss:.3f} phase {phase_loss:.3f}",
                file=sys.stderr,
                flush=True,
            )


def _crops(arguments: tuple[int, int, bool]) -> list[LatticeCrop]:
    return training_crops(*arguments)


def examples(seeds: tuple[int, ...], frames: int, turn_back: bool) -> list[Example]:
    """`frames` crops of each seed, one process per seed."""
    with multiprocessing.Pool(len(seeds)) as pool:
        parts = pool.map(_crops, [(seed, frames, turn_back) for seed in seeds])
    return [Example(crop) for part in parts for crop in part]


def export(net: LatticeNetwork, path: Path) -> None:
    """The net as ONNX (opset 13, any height and width), as OpenCV's dnn module reads it."""
    net.eval()
    sample = torch.zeros(1, 2, 96, 128)
    torch.onnx.export(
        net,
        sample,
        str(path),
        opset_version=13,
        dynamo=False,
        input_names=["frame"],
        output_names=["maps"],
        dynamic_axes={"frame": {2: "height", 3: "width"}, "maps": {2: "height", 3: "width"}},
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("resources/qr_models"))
    parser.add_argument("--frames", type=int, default=FRAMES_PER_PROCESS, help="per seed")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the steps (trials)")
    arguments = parser.parse_args(argv)
    torch.set_num_threads(2)
    torch.manual_seed(0)

    def steps(count: int) -> int:
        return max(1, round(count * float(arguments.scale)))

    first = LatticeNetwork()
    train(
        first, examples(FIRST_SEEDS, arguments.frames, turn_back=False), steps(2000), 2e-3, seed=0
    )
    export(first, arguments.out / "lattice-first.onnx")
    second = LatticeNetwork()
    seen_turned = examples(SECOND_SEEDS, arguments.frames, turn_back=True)
    train(second, seen_turned, steps(2400), 2e-3, seed=0)
    train(second, seen_turned, steps(2000), 7e-4, seed=1)
    export(second, arguments.out / "lattice-second.onnx")
    return 0


if __name__ == "__main__":
    sys.exit(main())
