"""The kiosk used as a person uses it: real X input on a virtual screen (Xvfb).

Each case runs `tests/ui/person_child.py` in a child process on its own Xvfb
screen: taps, drags, handwritten strokes and a hand-held scanner's keys go
through the X server (XTest), at the screen coordinates of the widgets. The
matrix takes every language, text size and theme at least once, and every
service:

| case | language | look | service | check my application |
| --- | --- | --- | --- | --- |
| 1 | Chinese | standard | medical insurance, a word handwritten | typed on tracking keys |
| 2 | English | large text | rural pension | scanned from the receipt's QR |
| 3 | Uyghur | high contrast | minimum living allowance, members | typed on tracking keys |
| clerk | English | standard | (made beforehand) | sign-in, reprint, sync, a draft |

Screenshots of every screen are kept in the test's temporary directory
(`pytest --basetemp=DIR` keeps them where you want), under `shots/`.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.ui.virtual_screen import PROJECT, on_virtual_screen, window_environment

CHILD_SECONDS = 900
"""A bound for a shared, loaded machine (a case takes 30 to 90 s), not a performance target."""


def run_person(tmp_path: Path, *scenario: str) -> dict[str, list[dict[str, Any]]]:
    """Run one scenario under Xvfb; its reports, by check."""
    shots = tmp_path / "shots"
    child = subprocess.run(
        on_virtual_screen(
            "-m", "tests.ui.person_child", str(tmp_path / "data"), str(shots), *scenario
        ),
        cwd=PROJECT,
        env=window_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=CHILD_SECONDS,
    )
    output = child.stdout + child.stderr
    assert "DONE" in child.stdout, output[-4000:]
    reports: dict[str, list[dict[str, Any]]] = {}
    for line in child.stdout.splitlines():
        if line.startswith("REPORT "):
            found = json.loads(line.removeprefix("REPORT "))
            reports.setdefault(found["check"], []).append(found)
    assert list(shots.glob("*.png")), "no screenshot taken"
    return reports


@pytest.mark.parametrize(
    ("language", "service", "look", "check", "waiting"),
    [
        ("zh_CN", "medical-insurance-enrolment", "standard", "typed", "等待发送"),
        ("en", "rural-pension-enrolment", "elderly", "scanned", "Waiting to be sent"),
        ("ug", "minimum-living-allowance", "contrast", "typed", "ناھىيە"),
    ],
)
def test_a_person_applies_and_checks_by_touch_alone(
    tmp_path: Path, language: str, service: str, look: str, check: str, waiting: str
) -> None:
    options = [look] if look != "standard" else []
    reports = run_person(tmp_path, "apply", language, service, *options, check)
    (questions,) = reports["questions"]
    assert questions["refused"] == []
    if service == "minimum-living-allowance":
        # The household members list: shown empty, then once per member added.
        listed = questions["members_listed"]
        assert listed == list(range(len(listed))) and len(listed) >= 2, listed
    if language == "zh_CN":
        # One answer written by hand on the pad, with the finger, through X.
        (written,) = reports["handwriting"]
        assert written["pad_shown"] and written["first"] == ["十"], written
        assert written["typed"] == "十", written
    (submitted,) = reports["submitted"]
    assert submitted["on_confirmation"], submitted
    (checked,) = reports["checked"]
    assert checked["shown"] and waiting in checked["result"], checked
    shots = {path.stem.split("-", 1)[1] for path in (tmp_path / "shots").glob("*.png")}
    assert {"start", "identify", "review", "confirmation", f"check-{check}"} <= shots


def test_a_clerk_reprints_syncs_and_resumes_a_draft_by_touch(tmp_path: Path) -> None:
    reports = run_person(tmp_path, "clerk")
    (reprint,) = reports["reprint"]
    assert reprint == {"check": "reprint", "signed_in": True, "queued": True}
    (sync,) = reports["sync"]
    assert sync["still_on_clerk_screen"], sync
    (drafts,) = reports["drafts"]
    assert drafts["count"] == 1
    (resumed,) = reports["resumed"]
    assert resumed["screen"] != "ClerkHomeScreen", resumed
