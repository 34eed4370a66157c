"""A receipt printed by the kiosk's own layout, crumpled and creased, is read back by the camera's
pipeline: "Check my application" works with a receipt that lived in a pocket."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from bench.qr_corpus import crease, crumple
from kiosk.qr import QrPipeline, steps_without_unwarping
from kiosk.receipt_verification import (
    ReceiptReference,
    code_matches,
    parse_qr_payload,
    qr_payload,
    verification_code,
)
from printing.fonts import register_fonts
from printing.receipt_content import Bilingual, ReceiptContent, ReceiptItem
from printing.receipt_layout import GEOMETRY, PaperSize, render_receipt
from printing.receipt_texts import receipt_text
from tests.qr.codes import Grey

SECRET = bytes(range(32))
TRACKING_NUMBER = "LQ03-20261127-0042"
DPI = 110
"""An 80 mm receipt held up to a 640x480 webcam fills about half the frame's width."""


def _english(key: str) -> Bilingual:
    return Bilingual(receipt_text(key, "en"), "en")


def _receipt_pdf(reference: ReceiptReference) -> bytes:
    content = ReceiptContent(
        language="en",
        heading=_english("heading"),
        service=Bilingual("Rural pension enrolment", "en"),
        tracking_label=_english("tracking_number"),
        tracking_number=reference.tracking_number,
        verification_label=_english("verification_code"),
        verification_code=reference.code,
        qr_payload=qr_payload(reference),
        facts=(ReceiptItem(_english("kiosk"), Bilingual("LQ03", "en")),),
        answers_heading=_english("applicant"),
        answers=(),
        documents_heading=_english("documents"),
        documents=(),
        processing=None,
        how_to_check=_english("how_to_check"),
        privacy=_english("privacy"),
    )
    return render_receipt(content, PaperSize.ROLL_80, register_fonts())


def _printed(pdf: bytes, tmp_path: Path) -> Grey:
    """The receipt as paper: its PDF rendered to grey pixels by poppler."""
    source = tmp_path / "receipt.pdf"
    source.write_bytes(pdf)
    prefix = tmp_path / "receipt"
    subprocess.run(
        ["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(source), str(prefix)],
        check=True,
    )
    with Image.open(f"{prefix}.png") as image:
        return np.asarray(image.convert("L"), dtype=np.uint8)


def _in_the_hand(paper: Grey, seed: int) -> Grey:
    """The receipt crumpled (bends a few modules apart, up to a module out of place) and
    folded once, held before the webcam: soft, grainy, JPEG-compressed."""
    rng = np.random.default_rng(seed)
    # The code is version 2: 25 modules and a margin of 4 on each side.
    module_px = GEOMETRY[PaperSize.ROLL_80].qr_size / 33 / 72 * DPI
    deformed = crumple(paper.astype(np.float32), 1.0, rng, module_px, cells=14)
    deformed = crease(deformed, 30.0, rng, module_px)
    frame = np.full((480, 640), 90.0)
    left = (640 - paper.shape[1]) // 2
    frame[:, left : left + paper.shape[1]] = deformed[60:540]
    frame = cv2.GaussianBlur(frame, (0, 0), 0.8) + rng.normal(0, 4, frame.shape)
    grey = np.clip(frame, 0, 255).astype(np.uint8)
    _, encoded = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, 60])
    return np.asarray(cv2.imdecode(encoded, cv2.IMREAD_GRAYSCALE), dtype=np.uint8)


@pytest.fixture(scope="module")
def reference() -> ReceiptReference:
    return ReceiptReference(TRACKING_NUMBER, verification_code(SECRET, TRACKING_NUMBER))


def test_crumpled_creased_receipts_are_read_back(
    reference: ReceiptReference, tmp_path: Path
) -> None:
    paper = _printed(_receipt_pdf(reference), tmp_path)
    frames = [_in_the_hand(paper, seed) for seed in range(10)]
    pipeline = QrPipeline()  # every step: the camera's quick and costly lanes together
    flat_only = QrPipeline(steps_without_unwarping())

    assert all(flat_only.decode(frame) is None for frame in frames), "the crumpling matters"
    found = [code for frame in frames if (code := pipeline.decode(frame)) is not None]

    assert len(found) >= 3, "of ten crumplings, some beyond any fit"
    for code in found:
        assert code.step in ("unwarp:plain", "lattice:plain")
        assert code.text == qr_payload(reference)
        read = parse_qr_payload(code.text)
        assert read is not None and read.tracking_number == TRACKING_NUMBER
        assert code_matches(SECRET, read)
