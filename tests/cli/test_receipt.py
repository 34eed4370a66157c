"""``kiosk receipt TRACKING-NO --out FILE.pdf`` on a real data directory."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path

import pdfplumber
import pytest

from cli.receipt import add_commands
from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.services import load_services
from kiosk.store import open_database
from printing.receipt_layout import PaperSize
from printing.receipts import ReceiptDesk
from tests.printing.conftest import START, ZONE, sample


def parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--json", action="store_true")
    add_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(argv)


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    args = parse(argv)
    code = int(args.handler(args))
    return code, json.loads(capsys.readouterr().out)


def test_the_original_receipt_is_written_then_a_marked_reprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FixedClock(START)
    data_dir = tmp_path / "data"
    services = load_services(data_dir, clock)
    db = open_database(services.paths.database, clock=clock).db
    store = ApplicationStore(db, clock, services.config.kiosk_code, zone=ZONE)
    draft = store.create_draft("rural-pension-enrolment", 1, "zh_CN")
    application = store.submit(draft.uuid, sample("rural-pension-enrolment"))
    desk = ReceiptDesk(
        db, clock, services.config, services.catalogue, services.regions, ZONE, PaperSize.ROLL_80
    )
    job = desk.queue_receipt(application)
    issued = desk.queue.document(job.id)
    db.close()
    assert application.tracking_number is not None
    out = tmp_path / "receipt.pdf"
    base = ["--data-dir", str(data_dir), "--json", "receipt", application.tracking_number]

    code, record = run([*base, "--out", str(out)], capsys)
    assert (code, record["ok"]) == (0, True)
    assert out.read_bytes() == issued

    code, record = run([*base, "--out", str(out), "--reprint", "--paper", "a4"], capsys)
    assert code == 0
    with pdfplumber.open(io.BytesIO(out.read_bytes())) as document:
        text = document.pages[0].extract_text() or ""
    assert "补打" in text
    assert application.tracking_number in text


def test_an_unknown_tracking_number_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    argv = ["--data-dir", str(data_dir), "--json", "receipt", "LQ03-261127-0001-3"]
    code, record = run([*argv, "--out", str(tmp_path / "x.pdf")], capsys)

    assert code == 1
    assert record == {"ok": False, "problem": "not_found"}
    assert not (tmp_path / "x.pdf").exists()
