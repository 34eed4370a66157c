"""Smaller findings of issue 13 (12), each through the real `kiosk` command.

A relative --data-dir for verify-id; transfer files that are links to
/dev/zero, FIFOs, folders, huge or nested thousands deep; a start on a
completely full disk. Each gets a sentence and an exit status, never a
traceback or a hang.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.config import DataPaths
from kiosk.store import open_database
from sync.protocol import MAX_JSON_DEPTH, MAX_TRANSFER_FILE, json_depth
from tests.fuzz.profile import examples
from tests.small_disk import fill_up

PROJECT = Path(__file__).resolve().parents[2]


def kiosk(*args: str, cwd: Path = PROJECT, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli.kiosk_command", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        timeout=120,  # a hang (reading /dev/zero, a FIFO) is the failure, not a speed target
        check=False,
    )


def test_verify_id_with_a_relative_data_dir(tmp_path: Path) -> None:
    open_database(DataPaths(tmp_path / "data").database).db.close()
    result = kiosk("--data-dir", "data", "verify-id", cwd=tmp_path, stdin="NCFOXN\n")
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["outcome"] == "not_an_id"


def nested(depth: int) -> bytes:
    return b'{"format": "township-kiosk-usb-receipt", "x": ' + b"[" * depth + b"]" * depth + b"}"


def hostile_file(kind: str, tmp_path: Path) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "deeply-nested":
        path.write_bytes(nested(100_000))
    elif kind == "just-too-deep":
        path.write_bytes(nested(MAX_JSON_DEPTH))
    elif kind == "huge":
        with path.open("wb") as out:
            out.truncate(MAX_TRANSFER_FILE + 1)  # sparse: large, but no disk used
    return path


@pytest.mark.parametrize(
    ("kind", "said"),
    [
        ("link-to-dev-zero", "is not a regular file"),
        ("fifo", "is not a regular file"),
        ("folder", "is not a regular file"),
        ("deeply-nested", f"nests deeper than {MAX_JSON_DEPTH} levels"),
        ("just-too-deep", f"nests deeper than {MAX_JSON_DEPTH} levels"),
        ("huge", f"is larger than {MAX_TRANSFER_FILE} bytes"),
    ],
)
def test_kiosk_import_refuses_a_hostile_file_with_a_sentence(
    tmp_path: Path, kind: str, said: str
) -> None:
    result = kiosk(
        "--data-dir", str(tmp_path / "data"), "import", str(hostile_file(kind, tmp_path))
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert said in result.stderr


@examples(150)
@given(
    st.recursive(
        st.none() | st.integers() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=30,
    )
)
def test_the_depth_scan_agrees_with_the_parser(document: object) -> None:
    def depth(value: object) -> int:
        if isinstance(value, list):
            return 1 + max((depth(item) for item in value), default=0)
        if isinstance(value, dict):
            return 1 + max((depth(item) for item in value.values()), default=0)
        return 0

    assert json_depth(json.dumps(document).encode()) == depth(document)


def test_a_start_on_a_full_disk_is_a_message_not_a_traceback(
    tmp_path: Path, small_filesystem: Path
) -> None:
    data, configured = small_filesystem / "data", small_filesystem / "configured"
    data.mkdir()
    configured.mkdir()
    (configured / "kiosk.toml").write_text("", encoding="utf-8")
    fill_up(small_filesystem)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}

    no_config = subprocess.run(
        [sys.executable, "-m", "cli.kiosk_command", "--data-dir", str(data)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env=env,
        timeout=120,
        check=False,
    )
    assert no_config.returncode == 2
    assert "No space left on device" in no_config.stderr
    assert "Traceback" not in no_config.stderr

    stats = kiosk("--data-dir", str(configured), "stats")
    assert stats.returncode == 1 and "Traceback" not in stats.stderr
    assert "database or disk is full" in stats.stderr


def test_the_screen_starts_on_a_full_disk_and_says_so(small_filesystem: Path) -> None:
    data = small_filesystem / "data"
    data.mkdir()
    (data / "kiosk.toml").write_text("", encoding="utf-8")
    fill_up(small_filesystem)
    log = small_filesystem.parent / "stderr.txt"
    with log.open("w") as stderr:
        started = subprocess.Popen(
            [sys.executable, "-m", "cli.kiosk_command", "--data-dir", str(data), "--windowed"],
            stderr=stderr,
            stdout=subprocess.DEVNULL,
            cwd=PROJECT,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        try:
            for _ in range(600):  # polls for the notice; a bound, not a speed target
                if "operation failed (storage_full)" in log.read_text():
                    break
                time.sleep(0.2)
        finally:
            started.terminate()
            started.wait(timeout=30)
    text = log.read_text()
    assert "operation failed (storage_full)" in text
    assert "Traceback" not in text and "Logging error" not in text
