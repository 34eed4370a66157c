"""Zinnia with the Simplified Chinese model recognises simple characters from strokes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from kiosk.handwriting import HandwritingUnavailable, Point, Recognizer, Stroke

SIDE = 300
"""Strokes are given in the pixels of a box this big, as the pad's are."""


def through(*corners: tuple[float, float], steps: int = 10) -> list[Point]:
    """A stroke passing through `corners` (fractions of the box), as densely as a finger's."""
    points: list[Point] = []
    for (x0, y0), (x1, y1) in pairwise(corners):
        for step in range(steps):
            share = step / steps
            points.append(
                (round((x0 + (x1 - x0) * share) * SIDE), round((y0 + (y1 - y0) * share) * SIDE))
            )
    last_x, last_y = corners[-1]
    points.append((round(last_x * SIDE), round(last_y * SIDE)))
    return points


LEFT_FALLING = through((0.4, 0.1), (0.37, 0.35), (0.1, 0.9))

SIMPLE_CHARACTERS: dict[str, list[Stroke]] = {
    "一": [through((0.1, 0.5), (0.9, 0.5))],
    "十": [through((0.1, 0.5), (0.9, 0.5)), through((0.5, 0.1), (0.5, 0.9))],
    # The right-falling stroke starts half-way down the left-falling one.
    "人": [
        LEFT_FALLING,
        through((LEFT_FALLING[10][0] / SIDE, LEFT_FALLING[10][1] / SIDE), (0.8, 0.9)),
    ],
}


@pytest.mark.parametrize("character", SIMPLE_CHARACTERS)
def test_the_strokes_of_a_simple_character_are_recognised_first(character: str) -> None:
    candidates = Recognizer().classify(SIMPLE_CHARACTERS[character], SIDE, SIDE)
    assert candidates[0] == character, candidates
    assert len(candidates) == 8


def test_an_empty_box_offers_nothing() -> None:
    assert Recognizer().classify([], SIDE, SIDE) == []
    assert Recognizer().classify([[]], SIDE, SIDE) == []


def test_a_missing_model_is_said_plainly(tmp_path: Path) -> None:
    with pytest.raises(HandwritingUnavailable, match="no handwriting model"):
        Recognizer(tmp_path / "missing.model")
    broken = tmp_path / "broken.model"
    broken.write_bytes(b"not a model")
    with pytest.raises(HandwritingUnavailable, match=r"broken\.model"):
        Recognizer(broken)
