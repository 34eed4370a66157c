"""`kiosk staff`: local accounts from the terminal, PINs never on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_kiosk_command import kiosk


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
