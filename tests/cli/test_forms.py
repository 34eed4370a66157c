"""`kiosk forms check`: the kiosk's own form loader at a terminal."""

from __future__ import annotations

import json
from pathlib import Path

from resources import FORMS_DIR
from tests.cli.test_kiosk_command import kiosk


def test_forms_check_accepts_the_sample_forms() -> None:
    files = sorted(str(path) for path in FORMS_DIR.glob("*.json"))
    result = kiosk("--json", "forms", "check", *files)

    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["ok"] for record in records] == [True] * len(files) == [True, True, True]
    assert {record["id"] for record in records} == {
        "rural-pension-enrolment",
        "medical-insurance-enrolment",
        "minimum-living-allowance",
    }


def test_forms_check_names_file_field_and_problem(tmp_path: Path) -> None:
    form = json.loads((FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8"))
    form["pages"][0]["fields"][0]["type"] = "signature"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    malformed = tmp_path / "malformed.json"
    malformed.write_text('{"id": "x", ', encoding="utf-8")

    result = kiosk("forms", "check", str(broken), str(malformed))

    assert result.returncode == 1
    assert "broken.json" in result.stdout
    assert "full_name" in result.stdout
    assert "signature" in result.stdout
    assert "malformed.json" in result.stdout
