"""`kiosk stats` on a real data directory, as a clerk runs it at a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk.applications import ApplicationStore
from kiosk.clock import SystemClock
from kiosk.config import DataPaths
from kiosk.store import open_database
from tests.cli.test_kiosk_command import kiosk


def test_stats_counts_todays_applications_and_writes_csv(tmp_path: Path) -> None:
    data_dir = tmp_path / "kiosk-data"
    opened = open_database(DataPaths(data_dir).database)
    store = ApplicationStore(opened.db, SystemClock(), "DEMO01")
    for assisted_by in (None, "1001"):
        draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN", assisted_by)
        store.submit(draft.uuid, {})
    opened.db.close()
    sheet = tmp_path / "figures.csv"

    result = kiosk("--data-dir", str(data_dir), "--json", "stats", "--csv", str(sheet))

    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    today = record["figures"]["today"]["services"]
    assert today == [{"form_id": "rural-pension-enrolment", "self_service": 1, "assisted": 1}]
    assert record["figures"]["waiting_to_sync"] == 2
    assert record["capacity"]["disk"] in {"ok", "warn", "refuse"}
    assert "today,rural-pension-enrolment,1,1,2" in sheet.read_text(encoding="utf-8")


def test_stats_explains_a_csv_file_it_cannot_write(tmp_path: Path) -> None:
    result = kiosk(
        "--data-dir", str(tmp_path / "d"), "stats", "--csv", str(tmp_path / "no" / "x.csv")
    )

    assert result.returncode == 1
    assert "could not be written" in result.stderr
