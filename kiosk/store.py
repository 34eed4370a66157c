"""Opening the kiosk's one SQLite file, and the transactions every write uses.

Durability settings: WAL journal, ``synchronous=FULL`` (every COMMIT is on the
disk before it returns, so an application acknowledged to a villager survives
a power cut), ``foreign_keys=ON`` and a busy timeout so that two connections
wait for each other instead of failing at once. ``secure_delete=ON`` zeroes
what a delete frees, and a schema step that empties pages is followed by
:func:`compact` (see ``docs/security.md``).

At open the whole file is checked with ``PRAGMA integrity_check``, on a
read-only connection so that SQLite cannot checkpoint or delete the WAL of a
damaged file before it is set aside. A file
that SQLite reports as corrupt or as not a database is renamed aside together
with its ``-wal`` and ``-shm`` files (``kiosk.db.corrupt-20261127T033012Z``,
``kiosk.db.corrupt-20261127T033012Z-wal``: the names SQLite itself looks for,
so the set-aside copy can be opened for recovery). Nothing is ever deleted or
overwritten. A fresh database is created in its place and the caller is told
through :attr:`OpenedDatabase.set_aside`, so a clerk can be asked to call
support. Errors that say nothing about the file itself (disk full, permission
denied, locked) are raised as :class:`StorageError` instead: setting a healthy
file aside because the disk was full would lose the very data we protect.

Threads: a connection belongs to the thread that opened it. Python's sqlite3
enforces this (``check_same_thread`` stays on), so a mistake fails loudly
instead of corrupting a transaction. The UI runs all application-store work
on one store worker thread, which calls :func:`open_database` once at start
and keeps the connection; any other thread that needs the database (the sync
worker, say) calls :func:`connect` to get its own connection to the same file.
WAL lets readers proceed while one writer writes, and ``BEGIN IMMEDIATE``
plus the busy timeout serialise writers without deadlocks.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlite_utils import Database

from kiosk import audit, tracking
from kiosk.clock import Clock, SystemClock, format_timestamp
from kiosk.errors import (
    SchemaTooNewError,
    StorageBusyError,
    StorageError,
    StorageFullError,
    StorageReadOnlyError,
)
from kiosk.migrations import LATEST_VERSION, MIGRATIONS
from kiosk.private_files import private_file

BUSY_TIMEOUT_MS = 5000
"""How long a connection waits for another one's write lock before giving up."""

_CORRUPTION_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB})
_BUSY_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
_SIDE_FILES = ("-wal", "-shm")

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OpenedDatabase:
    """A ready database, and where a damaged predecessor was moved, if it was.

    ``set_aside`` is not None when the file found at the path was corrupt:
    the kiosk starts on an empty database and a clerk must be told, because
    drafts and unsent applications may be in the set-aside file.
    """

    db: Database
    set_aside: Path | None


class _CorruptDatabase(Exception):
    """Internal signal: the file exists but is not a healthy SQLite database."""


def open_database(path: Path, *, clock: Clock | None = None) -> OpenedDatabase:
    """Open (creating if needed), check, repair by setting aside, and migrate.

    Call this once, on the thread that will use the returned connection.
    ``clock`` names the set-aside file and timestamps its audit entry.
    """
    clock = clock or SystemClock()
    _refuse_unwritable(path.parent)
    set_aside: Path | None = None
    try:
        db = _open_checked(path)
    except _CorruptDatabase as damage:
        set_aside = _set_aside(path, clock.now())
        _log.error("database %s was damaged (%s); moved to %s", path, damage, set_aside)
        try:
            db = _open_checked(path)
        except _CorruptDatabase as again:
            raise StorageError(f"a fresh database at {path} is unreadable: {again}") from again
    try:
        migrate(db)
        if set_aside is not None:
            _record_set_aside(db, set_aside, clock)
    except BaseException:
        db.close()
        raise
    return OpenedDatabase(db=db, set_aside=set_aside)


def connect(path: Path) -> Database:
    """Open another connection to a database :func:`open_database` already prepared.

    For a second thread: same durability settings, no integrity check and no
    migration (those ran once at start). Refuses a file at another schema
    version rather than reading it wrongly.
    """
    if not path.exists():
        raise StorageError(f"no database at {path}; open it with open_database first")
    conn = _connect(path)
    try:
        _apply_pragmas(conn)
        version = _user_version(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise storage_error_from(exc) from exc
    if version != LATEST_VERSION:
        conn.close()
        raise StorageError(
            f"{path} is at schema version {version}, expected {LATEST_VERSION};"
            " open it with open_database first"
        )
    return _wrap(conn)


def schema_version(db: Database) -> int:
    """Return the schema version recorded in the file (``PRAGMA user_version``)."""
    with storage_errors():
        return _user_version(db.conn)


def migrate(db: Database, target: int | None = None) -> int:
    """Run pending schema steps up to ``target`` (default: latest); return the version.

    Each step and its version bump share one transaction, and the version is
    re-read inside it, so two connections migrating at once cannot run a step
    twice. ``target`` exists so tests can build an older database.
    """
    goal = LATEST_VERSION if target is None else target
    if not 0 <= goal <= LATEST_VERSION:
        raise ValueError(f"no schema version {goal}; versions run 0..{LATEST_VERSION}")
    emptied_pages = False
    while True:
        with transaction(db):
            current = _user_version(db.conn)
            _refuse_newer_schema(current)
            if current >= goal:
                break
            step = MIGRATIONS[current]
            step.apply(db)
            db.execute(f"PRAGMA user_version = {step.version:d}")
            _log.info("database migrated to schema version %d (%s)", step.version, step.reason)
            emptied_pages = emptied_pages or step.vacuum_after
    if emptied_pages:
        compact(db)
    return current


def compact(db: Database) -> None:
    """Rewrite the file and empty the WAL, so deleted personal data leaves no old pages.

    ``secure_delete`` already zeroes what a delete frees; VACUUM also drops
    the free pages and the old page images a schema change left, and the
    checkpoint truncates the WAL that still held earlier versions of pages.
    """
    with storage_errors():
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@contextmanager
def transaction(db: Database) -> Iterator[None]:
    """Run the block as one write transaction: ``BEGIN IMMEDIATE`` … ``COMMIT``.

    IMMEDIATE takes the write lock up front, so a transaction never fails
    half-way because another connection wrote first. On any exception the
    transaction is rolled back and sqlite3 errors are re-raised as
    :class:`StorageError` (or :class:`StorageFullError`); on success the
    block's writes are on disk when the ``with`` statement ends.
    Transactions do not nest: a function that must join the caller's
    transaction takes the database and checks ``db.conn.in_transaction``.
    """
    if db.conn.in_transaction:
        raise RuntimeError("transaction() does not nest; a transaction is already open")
    with storage_errors():
        db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except sqlite3.Error as exc:
        _rollback(db)
        raise storage_error_from(exc) from exc
    except BaseException:
        _rollback(db)
        raise
    try:
        db.execute("COMMIT")
    except sqlite3.Error as exc:
        _rollback(db)
        raise storage_error_from(exc) from exc


@contextmanager
def storage_errors() -> Iterator[None]:
    """Re-raise sqlite3 errors from the block as the kiosk's storage errors."""
    try:
        yield
    except sqlite3.Error as exc:
        raise storage_error_from(exc) from exc


def storage_error_from(exc: sqlite3.Error) -> StorageError:
    """Classify a sqlite3 error by its result code into a kiosk storage error."""
    primary = _primary_code(exc)
    if primary == sqlite3.SQLITE_FULL:
        return StorageFullError(str(exc))
    if primary in _BUSY_CODES:
        return StorageBusyError(str(exc))
    if primary == sqlite3.SQLITE_READONLY:
        return StorageReadOnlyError(str(exc))
    return StorageError(str(exc))


def _refuse_unwritable(directory: Path) -> None:
    """Name a read-only data directory before SQLite fails with "unable to open".

    SQLite reports a WAL database in a read-only directory as SQLITE_CANTOPEN,
    which says nothing a technician can act on.
    """
    try:
        if directory.exists() and os.statvfs(directory).f_flag & os.ST_RDONLY:
            raise StorageReadOnlyError(f"{directory} is on a read-only filesystem")
    except OSError as exc:
        raise StorageError(f"the data directory {directory} cannot be examined: {exc}") from exc
    if directory.exists() and not os.access(directory, os.W_OK):
        raise StorageReadOnlyError(f"{directory} is not writable for this user")


def _open_checked(path: Path) -> Database:
    """Check an existing file, then open it read-write with the durability pragmas.

    Raises :class:`_CorruptDatabase` for a damaged file. Nothing is written to
    the file before the checks pass.
    """
    try:
        private_file(path)  # 0600 before SQLite makes its journal files in the same mode
    except OSError as exc:
        raise StorageError(f"the database {path} cannot be created: {exc}") from exc
    _check_read_only(path)
    conn = _connect(path)
    try:
        _apply_pragmas(conn)
    except sqlite3.Error as exc:
        conn.close()
        if _primary_code(exc) in _CORRUPTION_CODES:
            raise _CorruptDatabase(str(exc)) from exc
        raise storage_error_from(exc) from exc
    except BaseException:
        conn.close()
        raise
    return _wrap(conn)


def _check_read_only(path: Path) -> None:
    """Run the integrity and version checks without giving SQLite a chance to write.

    A read-write connection to a damaged file deletes (or checkpoints) its
    WAL when it closes, destroying the newest committed transactions before
    they could be set aside. A read-only connection never does. A file with
    a hot rollback journal cannot be read read-only; it is checked read-write,
    where SQLite's own recovery first rolls the journal back, as it must.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise storage_error_from(exc) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        _inspect(conn)
    except sqlite3.Error as exc:
        if _primary_code(exc) in _CORRUPTION_CODES:
            raise _CorruptDatabase(str(exc)) from exc
        if _primary_code(exc) != sqlite3.SQLITE_READONLY:
            raise storage_error_from(exc) from exc
        _check_read_write(path)
    finally:
        conn.close()


def _check_read_write(path: Path) -> None:
    conn = _connect(path)
    try:
        _inspect(conn)
    except sqlite3.Error as exc:
        if _primary_code(exc) in _CORRUPTION_CODES:
            raise _CorruptDatabase(str(exc)) from exc
        raise storage_error_from(exc) from exc
    finally:
        conn.close()


def _inspect(conn: sqlite3.Connection) -> None:
    """Integrity check, then refuse a schema newer than this program knows."""
    problems = _integrity_problems(conn)
    if problems:
        raise _CorruptDatabase("; ".join(problems))
    _refuse_newer_schema(_user_version(conn))


def _connect(path: Path) -> sqlite3.Connection:
    """Open a raw connection in autocommit mode with the busy timeout set.

    ``isolation_level=None`` stops the sqlite3 module from opening implicit
    transactions, so the only transactions are the explicit ones from
    :func:`transaction`, and a statement outside one commits on its own.
    """
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    except sqlite3.Error as exc:
        raise storage_error_from(exc) from exc
    return conn


def _integrity_problems(conn: sqlite3.Connection) -> list[str]:
    """Return what ``PRAGMA integrity_check`` found wrong (empty when healthy)."""
    rows = conn.execute("PRAGMA integrity_check(20)").fetchall()
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def _apply_pragmas(conn: sqlite3.Connection) -> None:
    """Set the per-connection durability pragmas and switch the file to WAL."""
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()
    if mode is None or str(mode[0]).lower() != "wal":
        raise StorageError(f"the database refused WAL mode (journal_mode is {mode!r})")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # Deleted personal data (purged applications, replaced drafts) is overwritten
    # with zeros instead of lingering in free pages of a stolen disk.
    conn.execute("PRAGMA secure_delete = ON")


def _wrap(conn: sqlite3.Connection) -> Database:
    """Wrap a prepared connection; plugins stay off so nothing else touches it."""
    return Database(conn, execute_plugins=False)


def _user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _refuse_newer_schema(version: int) -> None:
    """Leave a file from a newer program untouched rather than misread it."""
    if version > LATEST_VERSION:
        raise SchemaTooNewError(
            f"database schema version {version} is newer than this program's {LATEST_VERSION}"
        )


def _primary_code(exc: sqlite3.Error) -> int | None:
    """The primary result code (extended codes carry it in the low byte)."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _rollback(db: Database) -> None:
    """Roll back if a transaction is still open (SQLITE_FULL may have ended it)."""
    if not db.conn.in_transaction:
        return
    try:
        db.conn.execute("ROLLBACK")
    except sqlite3.Error:
        # The original error is the one worth reporting; SQLite discards the
        # uncommitted transaction when the connection closes in any case.
        _log.exception("rollback failed")


def _set_aside(path: Path, now: datetime) -> Path:
    """Rename the damaged file and its WAL/SHM aside under a new, unused name."""
    stem = f"{path.name}.corrupt-{now.strftime('%Y%m%dT%H%M%SZ')}"
    target = _unused_name(path.parent, stem)
    try:
        os.rename(path, target)
        for suffix in _SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, target.with_name(target.name + suffix))
        _fsync_directory(path.parent)
    except OSError as exc:
        raise StorageError(f"could not move the damaged database {path} aside: {exc}") from exc
    return target


def _unused_name(directory: Path, stem: str) -> Path:
    """First of ``stem``, ``stem-2``, … for which no file or side file exists."""
    counter = 1
    while True:
        name = stem if counter == 1 else f"{stem}-{counter}"
        candidates = [directory / name] + [directory / (name + s) for s in _SIDE_FILES]
        if not any(candidate.exists() for candidate in candidates):
            return directory / name
        counter += 1


def _fsync_directory(directory: Path) -> None:
    """Make the renames durable; only POSIX can open a directory for fsync."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _record_set_aside(db: Database, set_aside: Path, clock: Clock) -> None:
    """Start the new audit chain with the reason the old one is not here, and
    make sure no tracking number the old file issued is issued again."""
    carried = _tracking_sequences_of(set_aside)
    with transaction(db):
        audit.append(
            db,
            action="database_set_aside",
            subject="database",
            actor="kiosk",
            details={"file": set_aside.name},
            clock=clock,
        )
        for kiosk_code, day, last_value in carried:
            db.execute(
                "INSERT INTO tracking_sequence (kiosk_code, day, last_value) VALUES (?, ?, ?)"
                " ON CONFLICT (kiosk_code, day) DO UPDATE"
                " SET last_value = max(last_value, excluded.last_value)",
                [kiosk_code, day, last_value],
            )
        if not carried:
            db.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [tracking.RESTART_SETTING, format_timestamp(clock.now())],
            )


def _tracking_sequences_of(set_aside: Path) -> list[tuple[str, str, int]]:
    """The daily counters a damaged file still shows, read-only; [] when unreadable.

    Damage is often local to some pages, so the small counter table may well
    survive; when it does not, `tracking.allocate` falls back to a high floor
    for the days around the set-aside (see `tracking.RESTART_SETTING`).
    """
    try:
        conn = sqlite3.connect(f"{set_aside.absolute().as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute(
                "SELECT kiosk_code, day, last_value FROM tracking_sequence"
            ).fetchall()
        finally:
            conn.close()
    except sqlite3.Error as error:
        _log.warning("tracking counters of %s unreadable (%s)", set_aside, error)
        return []
    return [(str(code), str(day), int(last)) for code, day, last in rows]
