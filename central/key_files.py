"""Keys the central platform keeps outside its database, one small file each.

A copy of the database (a backup, a stolen disk image of the database
server) must not be enough to read what the keys protect, so each key lives
in a file of its own, mode 0600 in a 0700 folder: beside a SQLite database
by default, in the platform's data folder for PostgreSQL, or wherever an
environment variable names (a mounted secret in a real deployment). A
missing key is made on first use; several workers starting together agree on
one, because the key is written to a private temporary file and linked into
place, and a worker that loses the race reads the winner's.
"""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path

from central.database import Database, Dialect, create_private_file, data_dir

KEY_BYTES = 32


def key_path(database: Database, name: str, variable: str) -> Path:
    """Where the key called ``name`` of ``database`` lives (``variable`` overrides)."""
    chosen = os.environ.get(variable)
    if chosen:
        return Path(chosen)
    if database.dialect is Dialect.SQLITE:
        return database.sqlite_path.with_name(name)
    return data_dir() / name


def load_or_create(path: Path) -> bytes:
    """The key in ``path``; a fresh random one is written there first when missing."""
    if not path.exists():
        draft = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
        create_private_file(draft)
        draft.write_text(base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode() + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another worker made it first: use theirs
        finally:
            draft.unlink()
    key = base64.b64decode(path.read_text(encoding="ascii").strip())
    if len(key) != KEY_BYTES:
        raise ValueError(f"{path} does not hold a {KEY_BYTES}-byte key")
    return key
