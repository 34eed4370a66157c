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


def test_forms_import_writes_the_definition_the_kiosk_loads(tmp_path: Path) -> None:
    out = tmp_path / "pension.json"

    result = kiosk(
        "--json",
        "forms",
        "import",
        str(FORMS_DIR / "rural-pension-enrolment.xlsx"),
        "--out",
        str(out),
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "file": str(FORMS_DIR / "rural-pension-enrolment.xlsx"),
        "ok": True,
        "out": str(out),
        "id": "rural-pension-enrolment",
    }
    shipped = json.loads((FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8"))
    assert json.loads(out.read_text(encoding="utf-8")) == shipped
    assert kiosk("forms", "check", str(out)).returncode == 0


def test_forms_import_names_the_cell_it_refuses(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    survey.append(["type", "name", "label::English (en)"])
    survey.append(["geopoint", "home", "Where is your home?"])
    settings = book.create_sheet("settings")
    settings.append(["form_id", "version"])
    settings.append(["household", 1])
    workbook = tmp_path / "household.xlsx"
    book.save(workbook)
    out = tmp_path / "household.json"

    result = kiosk("forms", "import", str(workbook), "--out", str(out))

    assert result.returncode == 1
    assert result.stdout.startswith(
        "household.xlsx: sheet 'survey', row 2, column 'type' (A2): cannot be imported: "
        "the kiosk asks for an address (kiosk:address), not a location"
    )
    assert not out.exists()


def test_forms_import_without_out_prints_the_definition() -> None:
    result = kiosk("forms", "import", str(FORMS_DIR / "minimum-living-allowance.xlsx"))

    assert result.returncode == 0, result.stderr
    shipped = json.loads((FORMS_DIR / "minimum-living-allowance.json").read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == shipped
