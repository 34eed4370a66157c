"""A fixed-seed corpus of webcam-like frames for the QR decoding benchmark.

Each frame is 640x480 greyscale: a code (or none) pasted with perspective and
rotation onto a cluttered background (a desk, a card edge, printed lines),
then put through what a cheap kiosk webcam does to it, and one degradation
per family at a strength seen in practice. Payloads are synthetic (random
Claim-169-shaped Base45 text, ID numbers, non-ASCII names without an ECI
marker), never real personal data.

Run: ``python -m bench.qr_corpus [--out bench/out/qr_corpus] [--per-family 30]``.
Writes ``<family>/<nnn>.png`` with the expected payload beside it in
``<nnn>.txt`` (empty for frames without a code), and ``manifest.json``.
"""

from __future__ import annotations

import argparse
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import qrcode
from numpy.typing import NDArray
from PIL import Image

from kiosk.identity.base45 import ALPHABET
from kiosk.receipt_verification import ReceiptReference, qr_payload

Grey = NDArray[np.uint8]
WIDTH, HEIGHT = 640, 480
SEED = 20261127
DEFAULT_OUT = Path("bench/out/qr_corpus")
NON_PLANAR = ("crumpled", "creased", "curved", "combined")
"""Paper that is not flat, each also seen at an angle, soft, grainy and compressed;
"combined" adds uneven light, a stronger pose and blur, crumpling and a crease at once."""
FAMILIES = (
    "clean",
    "perspective",
    "blur",
    "motion_blur",
    "jpeg",
    "low_contrast",
    "glare",
    "noise",
    "inverted",
    "dense",
    "non_ascii",
    "empty",
    *NON_PLANAR,
)
LEVELS = (1, 2, 3)
"""Strengths of the non-planar families, gentle to strong; frames cycle through them."""
NAMES = ("José García", "Zoë Łukasz", "Renée Müller", "张三", "阿依古丽·买买提", "Çağrı Ünal")


@dataclass(frozen=True)
class Sample:
    """One frame and what a decoder should read from it (None: no code)."""

    family: str
    image: Grey
    payload: str | None
    level: int = 0
    """1 (gentle) to 3 (strong) in the non-planar families; 0 in the others."""


def generate(per_family: int, seed: int = SEED) -> list[Sample]:
    """Every family's frames, the same for the same seed."""
    rng = np.random.default_rng(seed)
    return [
        paper_sample(family, LEVELS[index % len(LEVELS)], rng)
        if family in NON_PLANAR
        else _sample(family, rng)
        for family in FAMILIES
        for index in range(per_family)
    ]


def write_corpus(samples: list[Sample], out: Path) -> None:
    """Write PNG frames, expected payloads beside them, and a manifest."""
    manifest = []
    counters: dict[str, int] = {}
    for sample in samples:
        index = counters.get(sample.family, 0)
        counters[sample.family] = index + 1
        folder = out / sample.family
        folder.mkdir(parents=True, exist_ok=True)
        image_path = folder / f"{index:03d}.png"
        Image.fromarray(sample.image).save(image_path)
        image_path.with_suffix(".txt").write_text(sample.payload or "", encoding="utf-8")
        manifest.append(
            {
                "file": str(image_path.relative_to(out)),
                "family": sample.family,
                "payload": sample.payload,
                "level": sample.level,
            }
        )
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def corpus_is_current(out: Path) -> bool:
    """Whether `out` holds a corpus of today's families (an older one lacks the newer ones)."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        return False
    entries = json.loads(manifest.read_text(encoding="utf-8"))
    return {entry["family"] for entry in entries} == set(FAMILIES)


def load_corpus(out: Path) -> list[Sample]:
    """Read a corpus written by :func:`write_corpus`."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return [
        Sample(
            entry["family"],
            np.asarray(Image.open(out / entry["file"]).convert("L"), dtype=np.uint8),
            entry["payload"],
            entry.get("level", 0),
        )
        for entry in manifest
    ]


def _sample(family: str, rng: np.random.Generator) -> Sample:
    frame = _background(rng)
    payload: str | None = None
    if family != "empty":
        payload = _payload(family, rng)
        dense = family == "dense"
        side = int(rng.integers(280, 380)) if dense else int(rng.integers(100, 220))
        tilt = 0.3 if family == "perspective" else 0.06
        angle = float(rng.uniform(-60, 60) if family == "perspective" else rng.uniform(-12, 12))
        code = _render_code(payload, family == "inverted")
        frame = _paste(frame, code, side, angle, tilt, rng)
    frame = _DEGRADATIONS.get(family, _identity)(frame, rng)
    return Sample(family, _webcam(frame, rng), payload)


def _payload(family: str, rng: np.random.Generator) -> str:
    if family == "dense":
        return _base45(rng, int(rng.integers(1_000, 1_250)))
    if family == "non_ascii":
        return str(rng.choice(NAMES)) + " " + str(rng.integers(1000, 9999))
    kind = int(rng.integers(0, 3))
    if kind == 0:
        return _base45(rng, int(rng.integers(150, 400)))
    if kind == 1:
        return "".join(str(d) for d in rng.integers(0, 10, 17)) + "X"
    return f"DEMO01-2026{int(rng.integers(1000, 9999))}-{int(rng.integers(1, 9999)):04d}"


def _base45(rng: np.random.Generator, length: int) -> str:
    return "".join(ALPHABET[int(i)] for i in rng.integers(0, 45, length))


def _render_code(payload: str, inverted: bool) -> Grey:
    """Modules as pixels (one per module) with the quiet zone; light-on-dark if inverted."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    code.add_data(payload.encode("utf-8"))  # bytes mode, no ECI: what cheap encoders print
    code.make(fit=True)
    matrix = np.array(code.get_matrix(), dtype=bool)
    image = np.where(matrix, 20, 235).astype(np.uint8)
    return (255 - image).astype(np.uint8) if inverted else image


@dataclass
class PaperTrace:
    """What happened to one code on paper, so its modules can be found again (bench/qr_truth.py).

    The displacements applied to the paper, in order, at MODULE_PX pixels a
    module; the paper's side before and after shrinking; and the pose (3x3,
    shrunk paper pixels -> frame pixels).
    """

    family: str
    level: int
    paper_side: int = 0
    side: int = 0
    displacements: list[tuple[NDArray[Any], NDArray[Any]]] = field(default_factory=list)
    pose: NDArray[np.float64] | None = None


_TRACES: ContextVar[list[PaperTrace] | None] = ContextVar("paper_traces", default=None)
"""Where paper samples record their traces while `traced` is active (else nowhere)."""
_TRACE: ContextVar[PaperTrace | None] = ContextVar("paper_trace", default=None)
"""The trace of the paper sample being made, if traces are being recorded."""


@contextmanager
def traced() -> Iterator[list[PaperTrace]]:
    """Record a PaperTrace for every paper sample generated inside the block, in order.

    Recording draws no random number: the frames are the same with or without it.
    """
    traces: list[PaperTrace] = []
    token = _TRACES.set(traces)
    try:
        yield traces
    finally:
        _TRACES.reset(token)


def _background(rng: np.random.Generator) -> Grey:
    base = float(rng.uniform(60, 190))
    gradient = np.linspace(-30, 30, WIDTH)[None, :] * rng.choice([-1, 1])
    frame = np.full((HEIGHT, WIDTH), base) + gradient
    for _ in range(int(rng.integers(3, 9))):  # papers, a card edge, a sleeve
        x, y = int(rng.integers(-100, WIDTH)), int(rng.integers(-100, HEIGHT))
        w, h = int(rng.integers(40, 300)), int(rng.integers(20, 200))
        frame[max(y, 0) : y + h, max(x, 0) : x + w] = rng.uniform(20, 240)
    for _ in range(int(rng.integers(5, 25))):  # printed lines of text
        y, x = int(rng.integers(0, HEIGHT)), int(rng.integers(0, WIDTH - 50))
        frame[y : y + 2, x : x + int(rng.integers(30, 200))] = rng.uniform(0, 80)
    return _grey(np.clip(frame, 0, 255))


def _paste(
    frame: Grey, code: Grey, side: int, angle: float, tilt: float, rng: np.random.Generator
) -> Grey:
    """Warp the code onto the frame: scaled, rotated and seen at an angle."""
    n = code.shape[0]
    margin = side * 0.65
    centre = np.array(
        [
            rng.uniform(margin, WIDTH - margin),
            rng.uniform(min(margin, HEIGHT / 2), max(HEIGHT - margin, HEIGHT / 2)),
        ]
    )
    half = side / 2
    corners = np.array([[-half, -half], [half, -half], [half, half], [-half, half]])
    corners = corners * (1 + rng.uniform(-tilt, tilt, size=(4, 1)))
    theta = np.deg2rad(angle)
    rotation = np.array([[np.cos(theta), -np.sin(theta)], [np.sin(theta), np.cos(theta)]])
    target = (corners @ rotation.T + centre).astype(np.float32)
    source = np.array([[0, 0], [n, 0], [n, n], [0, n]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, target)
    trace = _TRACE.get()
    if trace is not None:
        trace.pose = np.asarray(matrix, dtype=np.float64)
    warped = cv2.warpPerspective(code, matrix, (WIDTH, HEIGHT), flags=cv2.INTER_NEAREST)
    mask = cv2.warpPerspective(
        np.full_like(code, 255), matrix, (WIDTH, HEIGHT), flags=cv2.INTER_NEAREST
    )
    light = rng.uniform(0.85, 1.1)
    blended = np.where(mask > 0, np.clip(warped * light, 0, 255), frame)
    return blended.astype(np.uint8)


def _grey(image: object) -> Grey:
    return np.asarray(image, dtype=np.uint8)


def _identity(frame: Grey, rng: np.random.Generator) -> Grey:
    return frame


def _blur(frame: Grey, rng: np.random.Generator) -> Grey:
    return _grey(cv2.GaussianBlur(frame, (0, 0), float(rng.uniform(1.4, 3.0))))


def _motion_blur(frame: Grey, rng: np.random.Generator) -> Grey:
    length = int(rng.integers(6, 15))
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1 / length
    turn = cv2.getRotationMatrix2D((length / 2 - 0.5, length / 2 - 0.5), rng.uniform(0, 180), 1)
    turned = np.asarray(cv2.warpAffine(kernel, turn, (length, length)), dtype=np.float32)
    return _grey(cv2.filter2D(frame, -1, turned / max(float(turned.sum()), 1e-6)))


def _jpeg(frame: Grey, rng: np.random.Generator) -> Grey:
    return _jpeg_round_trip(frame, int(rng.integers(4, 12)))


def _low_contrast(frame: Grey, rng: np.random.Generator) -> Grey:
    span = rng.uniform(0.07, 0.18)
    return (frame * span + rng.uniform(60, 160)).astype(np.uint8)


def _glare(frame: Grey, rng: np.random.Generator) -> Grey:
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    cx, cy = rng.uniform(150, 490), rng.uniform(100, 380)
    radius = rng.uniform(90, 170)
    spot = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * radius**2))) * rng.uniform(170, 250)
    return _grey(np.clip(frame + spot, 0, 255))


def _noise(frame: Grey, rng: np.random.Generator) -> Grey:
    return np.clip(frame + rng.normal(0, rng.uniform(28, 48), frame.shape), 0, 255).astype(np.uint8)


_DEGRADATIONS: dict[str, Callable[[Grey, np.random.Generator], Grey]] = {
    "blur": _blur,
    "motion_blur": _motion_blur,
    "jpeg": _jpeg,
    "low_contrast": _low_contrast,
    "glare": _glare,
    "noise": _noise,
}


def _webcam(frame: Grey, rng: np.random.Generator) -> Grey:
    """What every frame of a cheap webcam goes through: softness, sensor noise, compression."""
    soft = cv2.GaussianBlur(frame, (0, 0), 0.6)
    noisy = np.clip(soft + rng.normal(0, 3, soft.shape), 0, 255).astype(np.uint8)
    return _jpeg_round_trip(noisy, int(rng.integers(70, 90)))


MODULE_PX = 8
"""Pixels a module while paper is deformed: fine enough for smooth bends, cheap enough."""
PAPER = 235.0
"""Grey of the paper around the code (the quiet zone and beyond)."""


def paper_sample(family: str, level: int, rng: np.random.Generator) -> Sample:
    """A code printed on paper that is not flat, then seen by the webcam at an angle.

    The paper is deformed first (displacements in modules, so that "strong"
    means the same on small and large codes), then pasted like every other
    code, then softened, made grainy and compressed: a pocketed receipt held
    up to the camera, not a lab picture.
    """
    traces = _TRACES.get()
    trace = PaperTrace(family, level) if traces is not None else None
    token = _TRACE.set(trace)
    try:
        sample = _deformed_paper_sample(family, level, rng)
    finally:
        _TRACE.reset(token)
    if traces is not None and trace is not None:
        traces.append(trace)
    return sample


def _deformed_paper_sample(family: str, level: int, rng: np.random.Generator) -> Sample:
    frame = _background(rng)
    payload = _paper_payload(rng)
    flat = _render_code(payload, False).astype(np.float32)
    paper = cv2.resize(flat, None, fx=MODULE_PX, fy=MODULE_PX, interpolation=cv2.INTER_NEAREST)
    combined = family == "combined"
    if family in ("crumpled", "combined"):
        paper = crumple(paper, (0.35, 0.75, 1.3)[level - 1], rng)
    if family in ("creased", "combined"):
        for _ in range(1 if level < 3 else 2):
            paper = crease(paper, (22.0, 35.0, 48.0)[level - 1], rng)
    if family == "curved":
        paper = curve(paper, (60.0, 100.0, 140.0)[level - 1], rng)
    side = int(rng.integers(130, 240))
    shrunk = cv2.resize(paper, (side, side), interpolation=cv2.INTER_AREA)
    trace = _TRACE.get()
    if trace is not None:
        trace.paper_side, trace.side = paper.shape[0], side
    tilt, turn = (0.25, 45.0) if combined else (0.15, 30.0)
    frame = _paste(frame, _grey(np.clip(shrunk, 0, 255)), side, rng.uniform(-turn, turn), tilt, rng)
    if combined:
        frame = _uneven_light(frame, rng)
    blur = rng.uniform(0.5, 1.0) + (0.2 * level if combined else 0.0)
    frame = _grey(cv2.GaussianBlur(frame, (0, 0), blur))
    grain = rng.uniform(3, 8) + (2.0 * level if combined else 0.0)
    frame = np.clip(frame + rng.normal(0, grain, frame.shape), 0, 255).astype(np.uint8)
    frame = _jpeg_round_trip(frame, int(rng.integers(30, 70) - (5 * level if combined else 0)))
    return Sample(family, _webcam(frame, rng), payload, level)


def _paper_payload(rng: np.random.Generator) -> str:
    """What is printed on paper: mostly the kiosk's receipts, also tracking and ID numbers."""
    kind = int(rng.integers(0, 4))
    tracking = f"LQ03-2026{int(rng.integers(1000, 9999))}-{int(rng.integers(1, 9999)):04d}"
    if kind <= 1:
        code = "".join(str(rng.choice(list("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))) for _ in range(6))
        return qr_payload(ReceiptReference(tracking, code))
    if kind == 2:
        return tracking
    return _base45(rng, int(rng.integers(80, 200)))


def _smooth_field(shape: tuple[int, int], cells: int, rng: np.random.Generator) -> NDArray[Any]:
    """A smooth random field over `shape`, largest magnitude 1: random values on a coarse grid,
    interpolated cubically (bends of paper span a few centimetres, not a module)."""
    coarse = rng.normal(0, 1, (cells, cells)).astype(np.float32)
    field = cv2.resize(coarse, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)
    return np.asarray(field / max(float(np.abs(field).max()), 1e-6), dtype=np.float32)


def _displaced(paper: NDArray[Any], dx: NDArray[Any], dy: NDArray[Any]) -> NDArray[Any]:
    """The paper as seen where each point moved by (dx, dy) pixels."""
    trace = _TRACE.get()
    if trace is not None:
        trace.displacements.append(
            (np.broadcast_to(dx, paper.shape), np.broadcast_to(dy, paper.shape))
        )
    ys, xs = np.indices(paper.shape, dtype=np.float32)
    moved = cv2.remap(
        paper,
        (xs + dx).astype(np.float32),
        (ys + dy).astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=PAPER,
    )
    return np.asarray(moved, dtype=np.float32)


def crumple(
    paper: NDArray[Any],
    modules: float,
    rng: np.random.Generator,
    module_px: float = MODULE_PX,
    cells: int | None = None,
) -> NDArray[Any]:
    """Crumpled paper: a smooth displacement of up to `modules` modules, and its shading.

    `paper` is a float image at `module_px` pixels a module, with bends
    `cells` apart across it (3 or 4 at random: the code's size); the tests
    crumple a whole receipt with more.
    """
    shape = (paper.shape[0], paper.shape[1])
    cells = int(rng.integers(3, 5)) if cells is None else cells
    amplitude = modules * module_px
    dx = _smooth_field(shape, cells, rng) * amplitude
    dy = _smooth_field(shape, cells, rng) * amplitude
    height = _smooth_field(shape, cells, rng)
    slope = np.gradient(height, axis=1) * paper.shape[1] / cells  # light from one side
    shading = 1 + np.clip(slope, -1, 1) * 0.12 * modules
    return np.asarray(_displaced(paper, dx, dy) * shading, dtype=np.float32)


def crease(
    paper: NDArray[Any], degrees: float, rng: np.random.Generator, module_px: float = MODULE_PX
) -> NDArray[Any]:
    """A fold across the code: the far side foreshortened, shaded, a dark line along the fold."""
    height, width = paper.shape
    ys, xs = np.indices(paper.shape, dtype=np.float32)
    direction = rng.uniform(0, np.pi)
    normal = np.array([np.cos(direction), np.sin(direction)], dtype=np.float32)
    through = np.array([width, height]) * (0.5 + rng.uniform(-0.2, 0.2, 2))
    distance = (xs - through[0]) * normal[0] + (ys - through[1]) * normal[1]
    fold = np.deg2rad(degrees)
    beyond = np.maximum(distance, 0)
    # Seen from above, the far side's width shrinks by cos(fold): undo that to find the paper.
    stretch = beyond / np.cos(fold) - beyond
    moved = _displaced(paper, stretch * normal[0], stretch * normal[1])
    light = rng.uniform(0.72, 0.9) if rng.random() < 0.5 else rng.uniform(1.05, 1.15)
    shading = np.where(distance > 0, light, 1.0)
    line = 1 - rng.uniform(0.25, 0.45) * np.exp(-((distance / (0.6 * module_px)) ** 2))
    return np.asarray(moved * shading * line, dtype=np.float32)


def curve(paper: NDArray[Any], degrees: float, rng: np.random.Generator) -> NDArray[Any]:
    """Paper bent over a cylinder: the code spans `degrees` of arc, lit from one side."""
    height, width = paper.shape
    ys, xs = np.indices(paper.shape, dtype=np.float32)
    direction = rng.uniform(0, np.pi)
    normal = np.array([np.cos(direction), np.sin(direction)], dtype=np.float32)
    across = (xs - width / 2) * normal[0] + (ys - height / 2) * normal[1]
    radius = (max(height, width) / 2) / np.deg2rad(degrees / 2)
    seen = np.clip(across / radius, -0.999, 0.999)
    arc = radius * np.arcsin(seen)  # the point of the paper seen at `across`
    moved = _displaced(paper, (arc - across) * normal[0], (arc - across) * normal[1])
    lit_from = rng.uniform(-0.6, 0.6)
    shading = 0.7 + 0.3 * np.cos(arc / radius - lit_from)
    return np.asarray(moved * shading, dtype=np.float32)


def _uneven_light(frame: Grey, rng: np.random.Generator) -> Grey:
    """A lamp to one side: a brightness slope across the frame and a soft bright patch."""
    y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
    angle = rng.uniform(0, 2 * np.pi)
    slope = ((x - WIDTH / 2) * np.cos(angle) + (y - HEIGHT / 2) * np.sin(angle)) / WIDTH
    cx, cy = rng.uniform(100, 540), rng.uniform(80, 400)
    patch = np.exp(-(((x - cx) ** 2 + (y - cy) ** 2) / (2 * 140.0**2))) * rng.uniform(30, 70)
    return _grey(np.clip(frame * (1 + slope * rng.uniform(0.4, 0.8)) + patch, 0, 255))


def _jpeg_round_trip(frame: Grey, quality: int) -> Grey:
    buffer = io.BytesIO()
    Image.fromarray(frame).save(buffer, format="JPEG", quality=quality)
    buffer.seek(0)
    return np.asarray(Image.open(buffer).convert("L"), dtype=np.uint8)


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus and write it under bench/out/."""
    parser = argparse.ArgumentParser(description="Generate the QR benchmark corpus.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--per-family", type=int, default=30)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    samples = generate(args.per_family, args.seed)
    write_corpus(samples, args.out)
    print(json.dumps({"corpus": str(args.out), "frames": len(samples), "families": list(FAMILIES)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
