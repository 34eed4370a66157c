"""The `kiosk` command as a person at a terminal uses it (a real subprocess)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from resources import FORMS_DIR

PROJECT = Path(__file__).resolve().parents[2]


def kiosk(
    *args: str, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `kiosk ARGS` the way the console script does."""
    return subprocess.run(
        [sys.executable, "-m", "ui.main", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env if env is not None else os.environ.copy(),
        input=stdin,
        check=False,
    )


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


def test_without_a_display_the_kiosk_explains_how_to_run_it(tmp_path: Path) -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }

    result = kiosk("--data-dir", str(tmp_path), env=env)

    assert result.returncode == 2
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr


def test_staff_add_stores_the_pin_hashed_and_refuses_bad_input(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    add = ["staff", "add", "--id", "0007", "--name", "First Admin", "--role", "administrator"]
    result = kiosk(*data, *add, "--pin-stdin", stdin="86420\n")

    assert result.returncode == 0, result.stderr
    stored = b"".join(path.read_bytes() for path in tmp_path.glob("kiosk.db*"))
    assert stored and b"86420" not in stored
    short = kiosk(*data, "staff", "add", "--id", "8", "--name", "X", "--pin-stdin", stdin="12\n")
    assert short.returncode == 1
    assert "4 to 12 digits" in short.stderr
    listing = kiosk(*data, "--json", "staff", "list")
    assert json.loads(listing.stdout)["staff"] == [
        {
            "staff_id": "0007",
            "name": "First Admin",
            "role": "administrator",
            "source": "local",
            "active": True,
            "locked": False,
        }
    ]


def test_audit_verify_names_a_tampered_entry_and_a_truncated_log(tmp_path: Path) -> None:
    data = ["--data-dir", str(tmp_path)]
    for staff_id in ("1001", "1002", "1003"):
        add = ["staff", "add", "--id", staff_id, "--name", "Clerk", "--pin-stdin"]
        assert kiosk(*data, *add, stdin="2468\n").returncode == 0
    intact = kiosk(*data, "--json", "audit", "verify")
    assert intact.returncode == 0, intact.stderr
    assert json.loads(intact.stdout)["entries_checked"] == 3

    database = sqlite3.connect(tmp_path / "kiosk.db")
    database.execute("DROP TRIGGER audit_is_append_only_update")
    database.execute("DROP TRIGGER audit_is_append_only_delete")
    database.execute("UPDATE audit SET actor = 'kiosk' WHERE id = 2")
    database.commit()
    tampered = kiosk(*data, "--json", "audit", "verify")
    assert tampered.returncode == 1
    assert json.loads(tampered.stdout)["first_broken_id"] == 2

    database.execute("DELETE FROM audit WHERE id >= 2")
    database.commit()
    database.close()
    truncated = kiosk(*data, "audit", "verify")
    assert truncated.returncode == 1
    assert "BROKEN at entry 2" in truncated.stdout
    assert "missing from the end" in truncated.stdout


def test_windowed_may_come_before_or_after_demo() -> None:
    from ui.main import build_parser

    parser = build_parser(with_tools=False)
    for arguments in (["demo", "--windowed"], ["--windowed", "demo"]):
        parsed = parser.parse_args(arguments)
        assert parsed.command == "demo" and parsed.windowed, arguments
    assert not parser.parse_args(["demo"]).windowed
