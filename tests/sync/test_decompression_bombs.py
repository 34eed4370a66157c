"""A properly signed USB export holding a 1 GiB gzip bomb is refused in bounded memory.

The bomb is made streaming (a few megabytes in memory, about 1 MB on disk),
sealed with the kiosk's real key for the centre's real transfer key, and
imported with `kiosk-central import-usb` in a child process whose peak
memory the test reads back.
"""

from __future__ import annotations

import base64
import gzip
import json
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import sync_settings
from sync.protocol import MAX_EXPORT_PLAINTEXT, seal
from tests.central.platform import Platform
from tests.sync.conftest import KIOSK_CODE, Kiosk

PROJECT = Path(__file__).resolve().parents[2]
GIB = 1024 * 1024 * 1024

MEASURE = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(done.returncode, peak_kib)
sys.stderr.write(done.stderr)
"""


def gzip_of_zeros(size: int) -> bytes:
    """``size`` zero bytes gzip-compressed, made a megabyte at a time."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    return b"".join([*parts, compressor.flush()])


def sealed_export(kiosk: Kiosk, plaintext: bytes, path: Path) -> Path:
    """``plaintext`` sealed and signed exactly as the kiosk seals its outbox."""
    private = sync_settings.read(kiosk.db, sync_settings.KIOSK_PRIVATE_KEY)
    transfer = sync_settings.read(kiosk.db, sync_settings.TRANSFER_KEY)
    assert private is not None and transfer is not None
    sealed = seal(
        plaintext,
        KIOSK_CODE,
        "2026-11-27T03:30:12Z",
        transfer,
        Ed25519PrivateKey.from_private_bytes(base64.b64decode(private)),
    )
    path.write_text(sealed.model_dump_json(), encoding="utf-8")
    return path


def import_usb(tmp_path: Path, export: Path) -> tuple[int, int, str]:
    """`kiosk-central import-usb`: exit status, peak memory in MiB, what it wrote to stderr."""
    command = [
        sys.executable,
        "-m",
        "cli.central_command",
        "--database",
        f"sqlite:///{tmp_path / 'central.db'}",
        "import-usb",
        str(export),
        "--transfer-key",
        str(tmp_path / "transfer.pem"),
        "--key",
        str(tmp_path / "signing.pem"),
        "--receipt",
        str(tmp_path / "receipt.json"),
    ]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=True,
    )
    status, peak_kib = (int(word) for word in done.stdout.split())
    return status, peak_kib // 1024, done.stderr


def test_a_signed_export_holding_a_gzip_bomb_is_refused_in_bounded_memory(
    usb_kiosk: Kiosk, platform: Platform, tmp_path: Path
) -> None:
    empty = sealed_export(usb_kiosk, gzip.compress(b"[]"), tmp_path / "empty.kioskexport")
    baseline_status, baseline_mib, _ = import_usb(tmp_path, empty)
    assert baseline_status == 0
    bomb = gzip_of_zeros(GIB)
    assert len(bomb) < 2 * 1024 * 1024
    export = sealed_export(usb_kiosk, bomb, tmp_path / "bomb.kioskexport")
    (tmp_path / "receipt.json").unlink()

    status, peak_mib, stderr = import_usb(tmp_path, export)

    assert status == 1
    assert "Traceback" not in stderr
    assert f"expands beyond {MAX_EXPORT_PLAINTEXT} bytes" in stderr
    # Memory grows by the limit at most (and some slack), not by the gigabyte inside.
    assert peak_mib - baseline_mib < MAX_EXPORT_PLAINTEXT // (1024 * 1024) + 32, peak_mib
    assert not (tmp_path / "receipt.json").exists()
    usb_kiosk.db.close()


@pytest.mark.parametrize(
    ("damage", "said"),
    [
        (lambda good: good[: len(good) // 2], "truncated"),
        (lambda good: good + good, "data follows the end"),
        (lambda good: good[:10] + b"\xff" + good[11:], "not valid gzip"),  # reserved block type
    ],
    ids=["truncated", "trailing-member", "bad-deflate"],
)
def test_damaged_gzip_inside_a_signed_export_is_named_not_a_traceback(
    usb_kiosk: Kiosk,
    platform: Platform,
    tmp_path: Path,
    damage: Callable[[bytes], bytes],
    said: str,
) -> None:
    damaged = damage(gzip.compress(json.dumps(["x" * 100] * 50).encode(), mtime=0))
    export = sealed_export(usb_kiosk, damaged, tmp_path / "damaged.kioskexport")

    status, _, stderr = import_usb(tmp_path, export)

    assert status == 1
    assert "Traceback" not in stderr
    assert said in stderr
    usb_kiosk.db.close()
