"""The history of the kiosk database schema, one step per version.

Each step brings a database from version ``n - 1`` to ``n``. Steps are never
edited once released, because kiosks in the field have already run them; a
change is always a new step appended at the end. :func:`kiosk.store.migrate`
runs the pending steps, each in its own transaction together with the
``PRAGMA user_version`` bump, so a power cut leaves the file at one version
or the next, never in between.

Steps run with ``foreign_keys=ON`` inside a transaction, where SQLite cannot
switch foreign keys off; a future step that must rebuild a table needs the
runner to learn that first.

The triggers are a second line of defence for the rule that an application
acknowledged to a villager is never lost: even a buggy caller or a clerk with
a SQL shell cannot delete it, or its outbox entry, before the central platform
has acknowledged it, nor rewrite the audit log without dropping the trigger,
which the hash chain then exposes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from kiosk.security import key_store
from kiosk.security.contexts import answers_context, receipt_context
from kiosk.security.sealing import applicant_lookup_hash, seal


@dataclass(frozen=True)
class Migration:
    """One schema step: the version it produces, why it exists, and how."""

    version: int
    reason: str
    apply: Callable[[Database], None]
    vacuum_after: bool = False
    """Rewrite the file afterwards, so pages the step emptied keep no old content."""


_V1_SCHEMA = """
CREATE TABLE applications (
    uuid TEXT PRIMARY KEY NOT NULL,
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL CHECK (form_version >= 1),
    state TEXT NOT NULL CHECK (state IN ('draft', 'submitted')),
    language TEXT NOT NULL,
    answers TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(answers)),
    position TEXT,
    tracking_number TEXT UNIQUE,
    assisted_by TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    submitted_at TEXT,
    CHECK (
        (state = 'draft' AND tracking_number IS NULL AND submitted_at IS NULL)
        OR (state = 'submitted' AND tracking_number IS NOT NULL AND submitted_at IS NOT NULL)
    )
);

CREATE INDEX applications_by_state ON applications (state, updated_at);

CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_uuid TEXT NOT NULL UNIQUE
        REFERENCES applications (uuid) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    last_error TEXT,
    acknowledged_at TEXT
);

CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    actor TEXT NOT NULL,
    details TEXT NOT NULL CHECK (json_valid(details)),
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE
);

CREATE TABLE tracking_sequence (
    kiosk_code TEXT NOT NULL,
    day TEXT NOT NULL,
    last_value INTEGER NOT NULL CHECK (last_value >= 1),
    PRIMARY KEY (kiosk_code, day)
) WITHOUT ROWID;

CREATE TABLE settings (
    key TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

CREATE TRIGGER submitted_applications_stay_submitted
BEFORE UPDATE OF state, tracking_number, submitted_at ON applications
WHEN OLD.state = 'submitted' AND (
    NEW.state IS NOT OLD.state
    OR NEW.tracking_number IS NOT OLD.tracking_number
    OR NEW.submitted_at IS NOT OLD.submitted_at
)
BEGIN
    SELECT RAISE(ABORT, 'a submitted application keeps its state and tracking number');
END;

CREATE TRIGGER submitted_applications_kept_until_acknowledged
BEFORE DELETE ON applications
WHEN OLD.state = 'submitted' AND NOT EXISTS (
    SELECT 1 FROM outbox
    WHERE application_uuid = OLD.uuid AND acknowledged_at IS NOT NULL
)
BEGIN
    SELECT RAISE(ABORT, 'a submitted application is kept until the centre acknowledges it');
END;

CREATE TRIGGER outbox_kept_until_acknowledged
BEFORE DELETE ON outbox
WHEN OLD.acknowledged_at IS NULL
BEGIN
    SELECT RAISE(ABORT, 'an outbox entry is kept until the centre acknowledges it');
END;

CREATE TRIGGER audit_is_append_only_update
BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_is_append_only_delete
BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
"""


def _v1_initial_schema(db: Database) -> None:
    """Create the first schema: applications, outbox, audit, sequences, settings."""
    db.executescript(_V1_SCHEMA)


_V2_OUTBOX_SCHEDULE = """
ALTER TABLE outbox ADD COLUMN next_attempt_at TEXT;

UPDATE outbox
SET next_attempt_at = COALESCE(last_attempt_at, created_at)
WHERE acknowledged_at IS NULL;

CREATE INDEX outbox_due ON outbox (next_attempt_at)
WHERE acknowledged_at IS NULL;
"""


def _v2_outbox_schedule(db: Database) -> None:
    """Let the sync worker schedule retries per entry instead of resending everything."""
    db.executescript(_V2_OUTBOX_SCHEDULE)


_V3_SYNC = """
CREATE TABLE installed_forms (
    form_id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    signature TEXT NOT NULL,
    installed_at TEXT NOT NULL,
    retired_at TEXT,
    PRIMARY KEY (form_id, version)
) WITHOUT ROWID;

CREATE TABLE status_updates (
    cursor INTEGER PRIMARY KEY NOT NULL,
    application_uuid TEXT NOT NULL,
    tracking_number TEXT NOT NULL,
    status TEXT NOT NULL CHECK (
        status IN ('received', 'in_review', 'approved', 'rejected', 'documents_needed')
    ),
    note TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(note)),
    changed_at TEXT NOT NULL,
    received_at TEXT NOT NULL
);

CREATE INDEX status_updates_by_application ON status_updates (application_uuid, cursor);
CREATE INDEX status_updates_by_tracking ON status_updates (tracking_number, cursor);
"""


def _v3_sync(db: Database) -> None:
    """Forms installed from signed bundles and status updates pulled from the centre."""
    db.executescript(_V3_SYNC)


_V4_PRINT_QUEUE = """
CREATE TABLE print_jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    application_uuid TEXT NOT NULL REFERENCES applications (uuid) ON DELETE CASCADE,
    tracking_number TEXT NOT NULL,
    reprint INTEGER NOT NULL DEFAULT 0 CHECK (reprint IN (0, 1)),
    requested_by TEXT NOT NULL,
    paper TEXT NOT NULL CHECK (paper IN ('58mm', '80mm', 'a4')),
    document BLOB NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'printed', 'cancelled')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_attempt_at TEXT,
    created_at TEXT NOT NULL,
    printed_at TEXT,
    CHECK ((state = 'printed') = (printed_at IS NOT NULL))
);

CREATE INDEX print_jobs_waiting ON print_jobs (id) WHERE state = 'queued';
CREATE INDEX print_jobs_by_application ON print_jobs (application_uuid, id);
CREATE UNIQUE INDEX print_jobs_one_original ON print_jobs (application_uuid) WHERE reprint = 0;
"""


def _v4_print_queue(db: Database) -> None:
    """A persisted print queue, so a receipt survives a crash or an empty paper roll."""
    db.executescript(_V4_PRINT_QUEUE)


_V5_IDENTITY_CHECKS = """
CREATE TABLE identity_checks (
    application_uuid TEXT PRIMARY KEY NOT NULL
        REFERENCES applications (uuid) ON DELETE CASCADE,
    record TEXT NOT NULL CHECK (json_valid(record)),
    recorded_at TEXT NOT NULL
) WITHOUT ROWID;
"""


def _v5_identity_checks(db: Database) -> None:
    """How the applicant was identified (typed, or a scanned code and its verification)."""
    db.executescript(_V5_IDENTITY_CHECKS)


_V6_STAFF = """
CREATE TABLE staff (
    staff_id TEXT PRIMARY KEY NOT NULL CHECK (staff_id GLOB '[0-9]*' AND length(staff_id) <= 12),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor', 'administrator')),
    pin_hash TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('local', 'central')),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0),
    locked_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE assisted_consents (
    application_uuid TEXT PRIMARY KEY NOT NULL
        REFERENCES applications (uuid) ON DELETE CASCADE,
    staff_id TEXT NOT NULL,
    consented_at TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO staff (
    staff_id, display_name, role, pin_hash, source, created_at, updated_at
)
SELECT '0001', 'Clerk PIN (before staff accounts)', 'administrator', value, 'local',
       strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'), strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now')
FROM settings WHERE key = 'clerk_pin';

DELETE FROM settings WHERE key = 'clerk_pin';
"""


def _v6_staff(db: Database) -> None:
    """Staff accounts with roles and lock-out, replacing the single clerk PIN.

    Statement by statement rather than ``executescript`` (which, depending on
    the Python version, may COMMIT the open transaction first): this step
    moves data (the old PIN), so it must share the runner's transaction with
    the version bump.
    """
    for statement in _V6_STAFF.split(";"):
        if statement.strip():
            db.execute(statement)


_V7_SEALING = """
CREATE TABLE key_wraps (
    method TEXT PRIMARY KEY NOT NULL CHECK (method IN ('passphrase', 'central', 'unprotected')),
    salt BLOB NOT NULL,
    params TEXT NOT NULL CHECK (json_valid(params)),
    nonce BLOB NOT NULL,
    wrapped BLOB NOT NULL,
    created_at TEXT NOT NULL
) WITHOUT ROWID;

ALTER TABLE applications ADD COLUMN sealed_answers BLOB;
ALTER TABLE applications ADD COLUMN id_number_hash TEXT;
ALTER TABLE applications ADD COLUMN purged_at TEXT;

CREATE INDEX applications_by_id_number_hash ON applications (id_number_hash)
WHERE id_number_hash IS NOT NULL;

CREATE TABLE application_statistics (
    day TEXT NOT NULL,
    form_id TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    assisted INTEGER NOT NULL CHECK (assisted IN (0, 1)),
    submitted INTEGER NOT NULL CHECK (submitted >= 0),
    PRIMARY KEY (day, form_id, form_version, assisted)
) WITHOUT ROWID;
"""


def _v7_sealing(db: Database) -> None:
    """Generate the kiosk's keys, seal every answer and receipt, drop the plain column."""
    db.executescript(_V7_SEALING)
    material = key_store.create_keys(db, datetime.now(UTC))
    public = material.public_key
    rows = db.execute("SELECT uuid, answers FROM applications").fetchall()
    for uuid, answers in rows:
        sealed = seal(public, str(answers).encode("utf-8"), answers_context(str(uuid)))
        digest = applicant_lookup_hash(material.lookup_key, json.loads(str(answers)))
        db.execute(
            "UPDATE applications SET sealed_answers = ?, id_number_hash = ? WHERE uuid = ?",
            [sealed, digest, uuid],
        )
    db.execute("ALTER TABLE applications DROP COLUMN answers")
    jobs = db.execute("SELECT id, application_uuid, document FROM print_jobs").fetchall()
    for job_id, uuid, document in jobs:
        sealed = seal(public, bytes(document), receipt_context(str(uuid)))
        db.execute("UPDATE print_jobs SET document = ? WHERE id = ?", [sealed, job_id])


_FEEDBACK_SCHEMA = """
CREATE TABLE feedback (
    uuid TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    language TEXT NOT NULL,
    rating INTEGER CHECK (rating BETWEEN 1 AND 5),
    topic TEXT,
    sealed_comment BLOB,
    sealed_contact BLOB,
    sent_at TEXT,
    CHECK (rating IS NOT NULL OR sealed_comment IS NOT NULL OR topic IS NOT NULL)
) WITHOUT ROWID;

CREATE INDEX feedback_unsent ON feedback (created_at) WHERE sent_at IS NULL;
"""


def _feedback(db: Database) -> None:
    """Ratings, complaints and suggestions from the public, waiting to be sent; the
    words and the contact are sealed like answers (a complaint can name people)."""
    db.executescript(_FEEDBACK_SCHEMA)


_UNPURGED_INDEX = """
CREATE INDEX applications_unpurged ON applications (submitted_at) WHERE purged_at IS NULL;
"""


def _unpurged_index(db: Database) -> None:
    """Let the retention purge find what it may still erase without reading a year of rows."""
    db.executescript(_UNPURGED_INDEX)


_ATTACHMENTS_SCHEMA = """
CREATE TABLE attachments (
    application_uuid TEXT NOT NULL REFERENCES applications (uuid) ON DELETE CASCADE,
    field_id TEXT NOT NULL,
    digest TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sealed_data BLOB,
    created_at TEXT NOT NULL,
    upload_started_at TEXT,
    uploaded_at TEXT,
    PRIMARY KEY (application_uuid, field_id)
) WITHOUT ROWID;

CREATE INDEX attachments_unsent ON attachments (application_uuid) WHERE uploaded_at IS NULL;
"""


def _attachments(db: Database) -> None:
    """Document photos, one per image field of an application, sealed like its answers."""
    db.executescript(_ATTACHMENTS_SCHEMA)


_VISITS = """
ALTER TABLE applications ADD COLUMN visit TEXT;

CREATE INDEX applications_by_visit ON applications (visit) WHERE visit IS NOT NULL;
"""


def _visits(db: Database) -> None:
    """Applications made in one visit share a random visit id (earlier rows have none)."""
    db.executescript(_VISITS)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        version=1,
        reason="initial schema",
        apply=_v1_initial_schema,
    ),
    Migration(
        version=2,
        reason=(
            "outbox.next_attempt_at: with only attempts and last_attempt_at, one entry the"
            " centre keeps rejecting is retried as eagerly as a fresh one and delays the rest;"
            " an explicit due time allows back-off per entry, and the partial index finds"
            " due entries without scanning acknowledged history. Pending entries become"
            " due at once (their last attempt, or creation)."
        ),
        apply=_v2_outbox_schedule,
    ),
    Migration(
        version=3,
        reason=(
            "sync: form versions installed from signed bundles (so a draft can finish on"
            " its version after a newer one arrives) and application status updates"
            " pulled from the centre, with the feed cursor that delivered each."
        ),
        apply=_v3_sync,
    ),
    Migration(
        version=4,
        reason=(
            "printing: receipts wait in a queue that survives a restart, are retried when"
            " the printer comes back, and reprints are told apart."
        ),
        apply=_v4_print_queue,
    ),
    Migration(
        version=5,
        reason=(
            "identity checks: an ID code that could not be verified never blocks an"
            " application, so the back office must see how each applicant was identified"
            " (typed, or scanned: format, outcome, issuer, key); no personal data."
        ),
        apply=_v5_identity_checks,
    ),
    Migration(
        version=6,
        reason=(
            "staff accounts: one shared clerk PIN cannot say who acted, cannot be"
            " withdrawn from one person, and invites guessing. Each member of staff gets"
            " an id, a role and an argon2id PIN hash with a failure count and lock-out;"
            " the applicant's consent to assisted filling is recorded beside it. An"
            " existing clerk PIN becomes administrator 0001 (its scrypt hash is replaced"
            " with argon2id at its first sign-in)."
        ),
        apply=_v6_staff,
    ),
    Migration(
        version=7,
        reason=(
            "personal data at rest: answers and receipt PDFs sealed to the kiosk's public"
            " key (X25519), whose private key is kept only wrapped; the ID number findable"
            " through a keyed hash; anonymous counts kept when personal data is purged"
            " after the centre acknowledged it. Existing rows are sealed here and the file"
            " is vacuumed so their plain text does not linger in free pages."
        ),
        apply=_v7_sealing,
        vacuum_after=True,
    ),
    Migration(
        version=8,
        reason=(
            "public feedback: a one-tap rating after the receipt and optional complaints or"
            " suggestions, anonymous unless the person leaves a contact; kept until the"
            " centre has them, for its statistics and its replies."
        ),
        apply=_feedback,
    ),
    Migration(
        version=9,
        reason=(
            "a year of service: the retention purge runs after every sync and looked for"
            " acknowledged applications by reading the whole outbox, every row a kiosk ever"
            " sent; a partial index on the applications not yet purged keeps that to the"
            " few days the retention period holds."
        ),
        apply=_unpurged_index,
    ),
    Migration(
        version=10,
        reason=(
            "document photos: an application may carry photos of the documents the"
            " applicant brought (hukou page, bank card), too large to travel inside the"
            " answers over 2G; each is kept sealed beside its application and uploaded"
            " on its own, resumably, after the application itself."
        ),
        apply=_attachments,
    ),
    Migration(
        version=11,
        reason=(
            "one visit, several services: the receipt of a later application of a visit"
            " lists every tracking number of the visit, and a clerk's reprint must say the"
            " same; the applications of one visit share a random visit id (no personal"
            " data; cleared with the answers by the retention purge), indexed to find them."
        ),
        apply=_visits,
    ),
)
"""Every schema step in order; ``MIGRATIONS[i].version == i + 1``."""

LATEST_VERSION: int = MIGRATIONS[-1].version
"""The schema version this program writes and expects."""
