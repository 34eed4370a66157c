"""The central store's tables, for SQLite and PostgreSQL.

Created idempotently at start (``CREATE … IF NOT EXISTS``); PostgreSQL takes
an advisory lock first so that several workers starting together do not race.
Once applied, the schema's fingerprint is kept in ``settings`` and a later
start only reads it: a worker starting beside others that already serve takes
no table lock.
Times are stored as the kiosk's fixed-width UTC text, which sorts correctly in
both databases. Answers are kept as JSON text exactly as the kiosk sent them.

A column added after a release is also listed in :data:`_ADDED_COLUMNS`, so a
platform that created its tables before gains it at its next start.
"""

from __future__ import annotations

import hashlib
import re

from central.database import Connection, Database, Dialect
from central.decisions import FINAL_STATUSES
from central.form_registry import record_setting

_SCHEMA_LOCK = 731_455_001

_TABLES = """
CREATE TABLE IF NOT EXISTS kiosks (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    secret_hash TEXT,
    public_key TEXT,
    created_at TEXT NOT NULL,
    enrolled_at TEXT,
    revoked_at TEXT,
    last_sync_at TEXT,
    backlog INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS enrolment_codes (
    code_hash TEXT PRIMARY KEY,
    kiosk_code TEXT NOT NULL REFERENCES kiosks (code),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE IF NOT EXISTS applications (
    uuid TEXT PRIMARY KEY,
    kiosk_code TEXT NOT NULL REFERENCES kiosks (code),
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    language TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    assisted INTEGER NOT NULL,
    answers TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    received_at TEXT NOT NULL,
    identity TEXT
);
DROP INDEX IF EXISTS applications_by_tracking;
CREATE UNIQUE INDEX IF NOT EXISTS applications_tracking_unique
    ON applications (tracking_number);
CREATE INDEX IF NOT EXISTS applications_by_kiosk ON applications (kiosk_code, received_at);
CREATE TABLE IF NOT EXISTS attachments (
    application_uuid TEXT NOT NULL REFERENCES applications (uuid),
    digest TEXT NOT NULL,
    field_id TEXT NOT NULL,
    size INTEGER,
    received INTEGER NOT NULL DEFAULT 0,
    completed_at TEXT,
    PRIMARY KEY (application_uuid, digest)
);
CREATE INDEX IF NOT EXISTS attachments_incomplete ON attachments (application_uuid, completed_at);
CREATE TABLE IF NOT EXISTS attachment_chunks (
    application_uuid TEXT NOT NULL,
    digest TEXT NOT NULL,
    start_offset INTEGER NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (application_uuid, digest, start_offset)
);
CREATE TABLE IF NOT EXISTS forms (
    form_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    signature TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL,
    retired_at TEXT,
    PRIMARY KEY (form_id, version)
);
CREATE TABLE IF NOT EXISTS status_updates (
    id {id_column},
    application_uuid TEXT NOT NULL REFERENCES applications (uuid),
    kiosk_code TEXT NOT NULL,
    status TEXT NOT NULL,
    note TEXT NOT NULL,
    changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS status_updates_feed ON status_updates (kiosk_code, id);
CREATE INDEX IF NOT EXISTS status_updates_by_application ON status_updates (application_uuid, id);
CREATE TABLE IF NOT EXISTS audit_anchors (
    kiosk_code TEXT PRIMARY KEY REFERENCES kiosks (code),
    head_id INTEGER NOT NULL,
    head_hash TEXT NOT NULL,
    anchored_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS trust_lists (
    serial INTEGER PRIMARY KEY,
    document TEXT NOT NULL,
    signature TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS fleet_settings (
    serial INTEGER PRIMARY KEY,
    document TEXT NOT NULL,
    signature TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit_alerts (
    id {id_column},
    kiosk_code TEXT NOT NULL REFERENCES kiosks (code),
    detected_at TEXT NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_alerts_by_kiosk ON audit_alerts (kiosk_code, id);
CREATE TABLE IF NOT EXISTS feedback (
    uuid TEXT PRIMARY KEY,
    kiosk_code TEXT NOT NULL REFERENCES kiosks (code),
    created_at TEXT NOT NULL,
    language TEXT NOT NULL,
    rating INTEGER,
    topic TEXT,
    comment TEXT,
    contact TEXT,
    received_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS unlock_secrets (
    kiosk_code TEXT PRIMARY KEY REFERENCES kiosks (code),
    secret TEXT NOT NULL,
    stored_at TEXT NOT NULL,
    released_at TEXT
);
CREATE TABLE IF NOT EXISTS staff (
    staff_id TEXT NOT NULL,
    kiosk_code TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    pin_hash TEXT NOT NULL,
    active INTEGER NOT NULL,
    signed_at TEXT NOT NULL,
    signature TEXT NOT NULL,
    PRIMARY KEY (staff_id, kiosk_code)
);
CREATE TABLE IF NOT EXISTS id_lookups (
    id {id_column},
    kiosk_code TEXT NOT NULL,
    id_lookup TEXT NOT NULL,
    asked_at TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS id_lookups_by_kiosk ON id_lookups (kiosk_code, asked_at);
CREATE INDEX IF NOT EXISTS id_lookups_by_id ON id_lookups (id_lookup, asked_at);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS form_drafts (
    id {id_column},
    form_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS closure_days (
    day TEXT PRIMARY KEY,
    reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_accounts (
    username TEXT PRIMARY KEY,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    totp_secret TEXT,
    language TEXT NOT NULL,
    services TEXT NOT NULL,
    townships TEXT NOT NULL,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL,
    disabled_at TEXT
);
CREATE TABLE IF NOT EXISTS console_sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES console_accounts (username),
    csrf_token TEXT NOT NULL,
    verified INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS console_audit (
    id {id_column},
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    address TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS console_audit_by_target ON console_audit (target, id);
"""

_ADDED_COLUMNS = (
    ("applications", "identity", "TEXT"),
    ("applications", "status", "TEXT"),
    ("applications", "status_changed_at", "TEXT"),
    ("applications", "due_on", "TEXT"),
    ("applications", "paused_on", "TEXT"),
    ("applications", "decided_on", "TEXT"),
    ("applications", "id_lookup", "TEXT"),
    ("kiosks", "township", "TEXT"),
    ("kiosks", "report", "TEXT"),
    ("kiosks", "reported_at", "TEXT"),
    ("forms", "rollout", "TEXT"),
    ("feedback", "handled_at", "TEXT"),
    ("feedback", "handled_by", "TEXT"),
    ("feedback", "reply", "TEXT"),
)
"""(table, column, type) added since the first release; added where missing."""

OPEN_APPLICATION = (
    "(status IS NULL OR status NOT IN ("
    + ", ".join(f"'{status.value}'" for status in sorted(FINAL_STATUSES))
    + "))"
)
"""Not yet decided: the predicate of the queue's partial indexes, written as literals
(a query must say it in these words for either database to use those indexes)."""

_AFTER_COLUMNS = f"""
CREATE INDEX IF NOT EXISTS applications_queue ON applications (due_on, uuid);
CREATE INDEX IF NOT EXISTS applications_open ON applications (due_on, uuid)
    WHERE {OPEN_APPLICATION};
CREATE INDEX IF NOT EXISTS applications_open_by_kiosk ON applications (kiosk_code, due_on, uuid)
    WHERE {OPEN_APPLICATION};
CREATE INDEX IF NOT EXISTS applications_open_by_form ON applications (form_id, due_on, uuid)
    WHERE {OPEN_APPLICATION};
CREATE INDEX IF NOT EXISTS applications_by_status ON applications (status, due_on, uuid);
CREATE INDEX IF NOT EXISTS applications_by_id_lookup ON applications (id_lookup);
CREATE INDEX IF NOT EXISTS applications_by_arrival ON applications (form_id, received_at, uuid);
CREATE INDEX IF NOT EXISTS feedback_open ON feedback (handled_at, received_at);
"""
"""Indexes over added columns: created once the columns exist.

The open applications (a minority once a county has worked a while) have
their own small indexes, in queue order whole, per kiosk and per service: a
filtered queue page reads them in order instead of walking every application
in due order to find the few that match (docs/console.md, "Speed").
"""

_ID_COLUMN = {
    Dialect.SQLITE: "INTEGER PRIMARY KEY AUTOINCREMENT",
    Dialect.POSTGRESQL: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY",
}


SCHEMA_FINGERPRINT_SETTING = "schema_fingerprint"
"""The digest of the schema text last applied to this database (in ``settings``)."""


def schema_fingerprint(dialect: Dialect) -> str:
    """A digest of every statement :func:`create_schema` runs for ``dialect``."""
    text = "\n".join(
        [_TABLES.format(id_column=_ID_COLUMN[dialect]), repr(_ADDED_COLUMNS), _AFTER_COLUMNS]
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def create_schema(database: Database) -> None:
    """Create every table and index that is missing; safe to run from many workers.

    A database whose schema this release already applied is only read: the
    statements below take table locks even when there is nothing to add
    (``ADD COLUMN IF NOT EXISTS`` an exclusive one), and a worker starting
    while another already serves would deadlock with its requests.
    """
    fingerprint = schema_fingerprint(database.dialect)
    with database.transaction() as connection:
        if _applied(connection, fingerprint):
            return
    statements = _TABLES.format(id_column=_ID_COLUMN[database.dialect]).split(";")
    with database.transaction() as connection:
        if connection.dialect is Dialect.POSTGRESQL:
            connection.query("SELECT pg_advisory_xact_lock(?)", [_SCHEMA_LOCK])
            if _applied(connection, fingerprint):  # another worker did it while this one waited
                return
        for statement in statements:
            if statement.strip():
                connection.execute(statement)
        for table, column, column_type in _ADDED_COLUMNS:
            _add_column(connection, table, column, column_type)
        for statement in _AFTER_COLUMNS.split(";"):
            if statement.strip():
                connection.execute(statement)
        record_setting(connection, SCHEMA_FINGERPRINT_SETTING, fingerprint)


def _applied(connection: Connection, fingerprint: str) -> bool:
    """Whether this schema was applied and every table is still there (catalogue reads only)."""
    tables = table_names()
    marks = ", ".join("?" for _ in tables)
    if connection.dialect is Dialect.POSTGRESQL:
        present = connection.query(
            "SELECT COUNT(*) FROM information_schema.tables"
            f" WHERE table_schema = current_schema() AND table_name IN ({marks})",
            tables,
        )
    else:
        present = connection.query(
            f"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({marks})",
            tables,
        )
    if int(present[0][0]) != len(tables):
        return False
    stored = connection.query(
        "SELECT value FROM settings WHERE key = ?", [SCHEMA_FINGERPRINT_SETTING]
    )
    return bool(stored) and stored[0][0] == fingerprint


def _add_column(connection: Connection, table: str, column: str, column_type: str) -> None:
    """Add a column to a table created by an older release (no-op when present)."""
    if connection.dialect is Dialect.POSTGRESQL:
        connection.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {column_type}")
        return
    present = {str(row[1]) for row in connection.query(f"PRAGMA table_info({table})")}
    if column not in present:
        connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {column_type}")


def table_names() -> list[str]:
    """Every table of the central store, in creation order (readiness checks, backups)."""
    return re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", _TABLES)
