"""The kiosk's data is readable by the kiosk's user alone, whatever the umask (issue 13, 9).

Under umask 022 kiosk.db used to be created 0644. The commands run as a
person runs them (real subprocesses, umask 022); then every file under the
data directory must be 0600 and every folder 0700.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.config import DataPaths, load_config
from kiosk.store import open_database
from tests.sync.conftest import START

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def kiosk(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.kiosk_command", *args],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        input=stdin,
        preexec_fn=lambda: os.umask(0o022),
        check=False,
    )


def wider_than_private(root: Path) -> list[str]:
    """Every file not 0600 and folder not 0700 under ``root`` (root included)."""
    found = []
    for path in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        wanted = 0o700 if path.is_dir() else 0o600
        if not path.is_symlink() and mode != wanted:
            found.append(f"{path.relative_to(root)} {mode:o}")
    return found


def test_the_kiosk_commands_create_private_files_under_umask_022(tmp_path: Path) -> None:
    data = tmp_path / "kiosk-data"
    add = ["staff", "add", "--id", "0007", "--name", "Admin", "--role", "administrator"]
    assert kiosk("--data-dir", str(data), *add, "--pin-stdin", stdin="86420\n").returncode == 0
    assert kiosk("--data-dir", str(data), "stats").returncode == 0
    assert kiosk("--data-dir", str(data), "audit", "verify").returncode == 0

    assert (data / "kiosk.db").exists() and (data / "kiosk.toml").exists()
    assert wider_than_private(data) == []


def test_an_existing_world_readable_database_is_tightened(tmp_path: Path, umask_022: None) -> None:
    paths = DataPaths(tmp_path / "data")
    open_database(paths.database, clock=FixedClock(START)).db.close()
    paths.database.chmod(0o644)
    paths.data_dir.chmod(0o755)

    reopened = open_database(DataPaths(paths.data_dir).database, clock=FixedClock(START))
    load_config(paths.config)
    reopened.db.execute("CREATE TABLE touched (x)")

    assert wider_than_private(paths.data_dir) == []
    reopened.db.close()
