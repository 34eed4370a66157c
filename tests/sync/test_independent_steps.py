"""One failing sync step must not stop the others (issue 13, finding 5).

A form version above the bound made every kiosk's sync stop at the forms
step, before trust lists, statuses, staff, anchors and escrow. The kiosk
now refuses such a version by name without asking for it, and every step
runs on its own: a fault answered for any one endpoint leaves the others
requested and done.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from central import statuses
from kiosk.forms.model import MAX_FORM_VERSION
from resources import FORMS_DIR
from sync.enrolment import enrol
from sync.protocol import API_PREFIX, ApplicationStatus
from sync.status_pull import latest_status
from sync.transport import HttpResponse, Transport
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk, make_kiosk

PROJECT = Path(__file__).resolve().parents[2]


def test_forms_check_names_a_version_above_the_bound(tmp_path: Path) -> None:
    form = json.loads((FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8"))
    for version in (MAX_FORM_VERSION + 1, 10**30):
        form["version"] = version
        path = tmp_path / f"v{version}.json"
        path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, "-m", "cli.kiosk_command", "forms", "check", str(path)],
            capture_output=True,
            text=True,
            cwd=PROJECT,
            check=False,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"'version' must be a whole number from 1 to {MAX_FORM_VERSION}" in result.stdout


def _publish_out_of_bounds(platform: Platform, version: int) -> None:
    """A version the API will not serve, stored as an older publish step let it through."""
    with platform.database.transaction() as connection:
        connection.execute(
            "INSERT INTO forms (form_id, version, definition, signature, sha256, published_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            ["rural-pension-enrolment", version, "{}", "AAAA", "0" * 64, "2026-11-27T00:00:00Z"],
        )


def test_a_stored_version_above_the_bound_is_never_offered_and_sync_goes_on(
    kiosk: Kiosk, platform: Platform
) -> None:
    (application,) = kiosk.submit(1)
    kiosk.worker.run_once()
    assert application.tracking_number is not None
    _publish_out_of_bounds(platform, MAX_FORM_VERSION + 1)
    with platform.database.transaction() as connection:
        statuses.set_status(
            connection,
            application.tracking_number,
            ApplicationStatus.APPROVED,
            {"*": "ok"},
            platform.clock.now(),
        )

    report = kiosk.worker.run_once()

    assert report.online  # before, the whole form list was refused (one version beyond bounds)
    assert not any(version > MAX_FORM_VERSION for _, version in report.forms.installed)
    assert report.statuses == 1
    received = latest_status(kiosk.db, application.uuid)
    assert received is not None and received.status is ApplicationStatus.APPROVED


@dataclass
class FaultyEndpoint:
    """The real transport, except that one endpoint answers with ``status``."""

    inner: Transport
    path: str
    status: int
    requested: list[str] = field(default_factory=list)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        path = urlsplit(url).path.removeprefix(API_PREFIX)
        self.requested.append(f"{method} {_endpoint(path)}")
        if _endpoint(path) == self.path:
            answer = json.dumps({"code": "fault", "message": "injected for the test"})
            return HttpResponse(self.status, "application/json", answer.encode())
        return self.inner.request(method, url, headers=headers, body=body, timeout=timeout)


def _endpoint(path: str) -> str:
    """``/forms/x/1`` → ``/forms/*``: one name per step's endpoint."""
    parts = path.split("/")
    return "/".join(parts[:2]) + ("/*" if len(parts) > 2 else "")


def _baseline_requests(tmp_path: Path, platform: Platform) -> list[str]:
    """What one cycle of a new kiosk with an application and feedback asks for."""
    kiosk = _kiosk_with_work(tmp_path / "baseline.db", platform, "LQ04")
    recorder = FaultyEndpoint(kiosk.client.transport, "none", 200)
    kiosk.client.transport = recorder
    assert kiosk.worker.run_once().error is None
    kiosk.db.close()
    return sorted(set(recorder.requested))


def _kiosk_with_work(path: Path, platform: Platform, code: str) -> Kiosk:
    kiosk = make_kiosk(path, platform.url)
    enrol(kiosk.db, kiosk.client, platform.enrolment_code(code), kiosk.clock)
    kiosk.worker.rng = random.Random(1)
    kiosk.submit(1)
    return kiosk


STEP_ENDPOINTS = [
    "POST /applications/*",
    "GET /forms",
    "GET /forms/*",
    "GET /trust-list",
    "GET /status-updates",
    "GET /staff",
    "POST /audit-anchor",
]


@pytest.mark.parametrize("status", [422, 500])
@pytest.mark.parametrize("failing", STEP_ENDPOINTS)
def test_every_step_runs_whichever_other_step_fails(
    tmp_path: Path, platform: Platform, failing: str, status: int
) -> None:
    baseline = _baseline_requests(tmp_path, platform)
    assert failing in baseline
    path = failing.split(" ")[1]
    kiosk = _kiosk_with_work(tmp_path / "kiosk.db", platform, KIOSK_CODE)
    faulty = FaultyEndpoint(kiosk.client.transport, path, status)
    kiosk.client.transport = faulty

    report = kiosk.worker.run_once()

    assert report.online and report.error  # reported, and the centre counted as reached
    missing = set(baseline) - set(faulty.requested) - {failing}
    if failing == "GET /forms":
        missing.discard("GET /forms/*")  # no list, so no form to fetch
    assert missing == set()
    kiosk.db.close()
