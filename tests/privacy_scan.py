"""Looking for personal data in the raw bytes of files, in the encodings it could take."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "gb18030")


def needles(texts: Iterable[str]) -> dict[bytes, str]:
    """Every encoding of every text, mapped back to a readable description."""
    found: dict[bytes, str] = {}
    for text in texts:
        for encoding in ENCODINGS:
            found[text.encode(encoding)] = f"{text!r} in {encoding}"
    return found


def leaks(files: Iterable[Path], texts: Iterable[str]) -> list[str]:
    """Which texts occur in which files, e.g. ``["'张三' in utf-8 in kiosk.db-wal"]``."""
    wanted = needles(texts)
    problems = []
    for path in files:
        raw = path.read_bytes()
        problems += [f"{what} in {path.name}" for needle, what in wanted.items() if needle in raw]
    return problems


def data_files(data_dir: Path) -> list[Path]:
    """The database, its WAL and shared memory, the logs and any receipts written."""
    return sorted(path for path in data_dir.rglob("*") if path.is_file())
