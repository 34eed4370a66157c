"""The kiosk used as a person uses it: real X input on a virtual screen (Xvfb).

Each case runs `tests/ui/person_child.py` in a child process on its own Xvfb
screen: taps, drags, handwritten strokes and a hand-held scanner's keys go
through the X server (XTest), at the screen coordinates of the widgets. The
matrix takes every language, text size and theme at least once, and every
service:

| case | language | look | service | check my application |
| --- | --- | --- | --- | --- |
| 1 | Chinese | standard | medical insurance, a word handwritten | typed on tracking keys |
| 2 | English | large text | rural pension | receipt's QR scanned; ID number + birth date typed |
| 3 | Uyghur | high contrast | minimum living allowance, members | typed on tracking keys |
| clerk | English | standard | (made after enrolment) | enrolment; sync now, reprint, a draft |

The clerk case's kiosk expects a real central platform, started here on a loopback
port: the administrator types the console's enrolment code on the kiosk's code keys,
and the test then asks the platform whether the kiosk is enrolled and the application
the clerk's "Sync now" sent arrived.

Screenshots of every screen are kept in the test's temporary directory
(`pytest --basetemp=DIR` keeps them where you want, in `DIR/popen-gw0`, `DIR/popen-gw1`, ...
for the worker that ran the test), under `shots/`.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from central import kiosk_registry
from central.database import Database
from kiosk.clock import SystemClock
from tests.central.platform import Platform, start_platform
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
    ("language", "service", "look", "checks", "waiting"),
    [
        ("zh_CN", "medical-insurance-enrolment", "standard", "typed", "等待发送"),
        ("en", "rural-pension-enrolment", "elderly", "scanned+by-id", "Waiting to be sent"),
        ("ug", "minimum-living-allowance", "contrast", "typed", "ناھىيە"),
    ],
)
def test_a_person_applies_and_checks_by_touch_alone(
    tmp_path: Path, language: str, service: str, look: str, checks: str, waiting: str
) -> None:
    options = [look] if look != "standard" else []
    hows = checks.split("+")  # one after the other, on the same kiosk
    reports = run_person(tmp_path, "apply", language, service, *options, *hows)
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
    assert [checked["how"] for checked in reports["checked"]] == hows
    for checked in reports["checked"]:
        assert checked["shown"] and waiting in checked["result"], checked
        # By ID, what was found is listed by tracking number: the application just made.
        found = submitted["tracking_number"] in checked["result"]
        assert found or checked["how"] != "by-id", checked
    shots = {path.stem.split("-", 1)[1] for path in (tmp_path / "shots").glob("*.png")}
    assert {"start", "identify", "review", "confirmation"} <= shots
    assert {f"check-{how}" for how in hows} <= shots


KIOSK_CODE = "LQ31"
"""The code the console registers the clerk case's kiosk under."""


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[Platform]:
    """A central platform on a loopback port, on the real clock as the kiosk child is."""
    started = start_platform(
        Database(f"sqlite:///{tmp_path / 'central.db'}"), SystemClock(), tmp_path
    )
    yield started
    started.server.stop()


def test_a_clerk_enrols_syncs_reprints_and_resumes_a_draft_by_touch(
    tmp_path: Path, platform: Platform
) -> None:
    reports = run_person(tmp_path, "clerk", platform.url, platform.enrolment_code(KIOSK_CODE))
    (enrolment,) = reports["enrolment"]
    assert enrolment["opened"] and enrolment["address"] == platform.url, enrolment
    assert enrolment["enrolled"], enrolment
    assert enrolment["outcome"].startswith(f"Enrolled as kiosk {KIOSK_CODE}."), enrolment
    (sync,) = reports["sync"]
    assert sync["shown"] and sync["done"] and sync["still_on_clerk_screen"], sync
    sent = 1 - sync["sent_unasked"]  # the kiosk's own timer may have sent it first
    assert sync["feedback"] == f"Sync done: {sent} sent, 0 still waiting to be sent.", sync
    assert sync["backlog"] == "Applications waiting to be sent: 0", sync
    with platform.database.transaction() as connection:
        (listed,) = kiosk_registry.list_kiosks(connection)
        arrived = connection.query(
            "SELECT kiosk_code FROM applications WHERE tracking_number = ?",
            [sync["tracking_number"]],
        )
    assert listed.code == KIOSK_CODE and listed.enrolled_at is not None, listed
    assert listed.applications == 1, listed
    assert [tuple(row) for row in arrived] == [(KIOSK_CODE,)]
    (reprint,) = reports["reprint"]
    assert reprint == {"check": "reprint", "signed_in": True, "queued": True}
    (drafts,) = reports["drafts"]
    assert drafts["count"] == 1
    (resumed,) = reports["resumed"]
    assert resumed["screen"] != "ClerkHomeScreen", resumed
