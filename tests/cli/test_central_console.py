"""``kiosk-central console-admin add`` and ``signing-key store`` as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from central import signing
from central.console import accounts
from central.database import Database
from central.signing_key_store import unlock_signing_key


def central(database: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.central_command", "--database", database, "--json", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_first_administrator_is_made_at_the_terminal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    made = central(
        url, "console-admin", "add", "Admin", "--password-stdin", stdin="a long password\n"
    )
    assert made.returncode == 0, made.stderr
    assert json.loads(made.stdout) == {"username": "admin", "role": "administrator"}
    with Database(url).transaction() as connection:
        assert accounts.check_password_of(connection, "admin", "a long password")
    again = central(
        url, "console-admin", "add", "admin", "--password-stdin", stdin="a long password\n"
    )
    assert again.returncode != 0 and "already exists" in again.stderr
    short = central(url, "console-admin", "add", "other", "--password-stdin", stdin="short\n")
    assert short.returncode != 0 and "12" in short.stderr


def test_the_signing_key_is_stored_encrypted_for_the_console(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'central.db'}"
    key_file = tmp_path / "signing.pem"
    assert central(url, "generate-key", "--out", str(key_file)).returncode == 0
    stored = central(
        url,
        "signing-key",
        "store",
        "--key",
        str(key_file),
        "--passphrase-stdin",
        stdin="the console passphrase\n",
    )
    assert stored.returncode == 0, stored.stderr
    database = Database(url)
    with database.transaction() as connection:
        key = unlock_signing_key(connection, "the console passphrase")
        pem = connection.query("SELECT value FROM settings WHERE key = 'signing_key_encrypted_pem'")
    assert signing.public_key_text(key) == signing.public_key_text(signing.load_key(key_file))
    assert "ENCRYPTED" in str(pem[0][0])
