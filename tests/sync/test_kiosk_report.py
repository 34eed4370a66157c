"""A kiosk reports its software, installed forms, printer and disk at each sync.

The report crosses the real API; the console's kiosks page shows it in
both languages, and a kiosk that never reports (an older release) still
syncs and is shown as "not reported".
"""

from __future__ import annotations

import requests

from central.console import accounts
from central.console.accounts import Role
from central.kiosk_health import kiosk_health
from kiosk.device_state import record_printer_state, software_version
from printing.printer_status import PrinterProblem
from sync.kiosk_report import kiosk_report
from sync.protocol import PrinterReport
from tests.central.platform import Platform
from tests.central.test_console import PASSWORD, console, sign_in
from tests.sync.conftest import KIOSK_CODE, Kiosk


def _reported(platform: Platform) -> dict[str, object]:
    with platform.database.transaction() as connection:
        health = {kiosk.code: kiosk for kiosk in kiosk_health(connection)}
    report = health[KIOSK_CODE].report
    assert report is not None
    return report.model_dump(mode="json")


def test_a_sync_reports_software_forms_printer_and_disk(platform: Platform, kiosk: Kiosk) -> None:
    record_printer_state(kiosk.db, "out_of_paper", kiosk.clock.now())
    assert kiosk.worker.run_once().error is None
    report = _reported(platform)
    assert report["software_version"] == software_version()
    installed = {(form["form_id"], form["version"]) for form in report["forms"]}  # type: ignore[attr-defined]
    assert ("rural-pension-enrolment", 1) in installed and len(installed) >= 3
    assert report["printer"] == "out_of_paper"
    assert 0 < report["disk_free_bytes"] <= report["disk_total_bytes"]  # type: ignore[operator]

    record_printer_state(kiosk.db, "ready", kiosk.clock.now())
    kiosk.worker.run_once()
    assert _reported(platform)["printer"] == "ready"


def test_the_console_shows_the_report_and_an_old_kiosk_as_not_reported(
    platform: Platform, kiosk: Kiosk
) -> None:
    old_kiosk = platform.credential("OLD1")  # enrolled, syncs, never reports
    answer = requests.get(
        f"{platform.url}/api/v1/status-updates?after=0",
        headers={"Authorization": f"Bearer {old_kiosk}"},
        timeout=30,
    )
    assert answer.status_code == 200
    record_printer_state(kiosk.db, "out_of_paper", kiosk.clock.now())
    kiosk.worker.run_once()
    with platform.database.transaction() as connection:
        for name, language in (("officer", "en"), ("officer_zh", "zh_CN")):
            accounts.add_account(
                connection,
                name,
                name,
                Role.OFFICER,
                PASSWORD,
                platform.clock.now(),
                language=language,
            )
    english = sign_in(platform, "officer").get(console(platform, "kiosks"), timeout=30).text
    assert "Out of paper" in english
    assert software_version() in english
    assert "Not reported (kiosk software from before reports)" in english
    assert "GB" in english or "MB" in english
    chinese = sign_in(platform, "officer_zh").get(console(platform, "kiosks"), timeout=30).text
    assert "缺纸" in chinese and "未上报" in chinese and "已安装表单" in chinese


def test_the_centre_refuses_a_report_out_of_bounds(platform: Platform, kiosk: Kiosk) -> None:
    credential = platform.credential("LQ04")
    good = kiosk_report(kiosk.db).model_dump(mode="json")
    bad_reports = [
        {**good, "software_version": "1.0 <script>"},
        {**good, "disk_free_bytes": -1},
        {**good, "printer": "on_fire"},
        {**good, "forms": [{"form_id": "f", "version": 1}] * 201},
        {**good, "extra": "field"},
    ]
    for bad in bad_reports:
        answer = requests.put(
            f"{platform.url}/api/v1/kiosk-report",
            json=bad,
            headers={"Authorization": f"Bearer {credential}"},
            timeout=30,
        )
        assert answer.status_code == 422, bad
        assert answer.json()["code"] == "invalid_request"
    with platform.database.transaction() as connection:
        stored = connection.query("SELECT report FROM kiosks WHERE code = 'LQ04'")
    assert stored == [(None,)]


def test_a_printer_state_the_protocol_does_not_know_is_left_out(kiosk: Kiosk) -> None:
    record_printer_state(kiosk.db, "a_newer_code", kiosk.clock.now())
    assert kiosk_report(kiosk.db).printer is None
    record_printer_state(kiosk.db, "cover_open", kiosk.clock.now())
    assert kiosk_report(kiosk.db).printer is PrinterReport.COVER_OPEN


def test_every_printer_code_the_printing_layer_records_has_a_wire_value() -> None:
    # The wire's codes are written out in sync.protocol (central reads the protocol,
    # not the printing layer); a code the printing layer adds must reach the report.
    recorded = {problem.value for problem in PrinterProblem} | {"ready", "paper_low"}
    assert recorded == {code.value for code in PrinterReport}
