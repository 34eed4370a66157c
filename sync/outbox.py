"""Sending the outbox: batches of submitted applications, acknowledged one by one.

The rule that makes delivery exactly-once: an outbox entry is marked
acknowledged only after the centre's answer names its UUID as stored or
already stored, and nothing is ever deleted here. If the answer is lost
after the centre committed, the entry stays pending and is sent again; the
centre answers "already stored" and only then is it acknowledged. The
centre keys on the UUID, so the resend cannot create a second copy.

Each failed entry is rescheduled through ``outbox.next_attempt_at`` with
exponential backoff and jitter, and ``attempts`` and ``last_error`` tell
the clerk why it is waiting. The schedule lives in the database, so a
restarted kiosk resumes exactly where it stopped.

The answers are stored sealed (:mod:`kiosk.security`), so sending needs the
kiosk unlocked; the sync worker unlocks it through the centre first. While
locked nothing is sent and no attempt is counted.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import ValidationError
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.errors import SealedDataDamagedError
from kiosk.security.contexts import answers_context
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import transaction
from sync.backoff import BackoffPolicy
from sync.client import CentralClient, CentralRefused, CentralUnavailable
from sync.identity_record import identity_check_from_stored
from sync.protocol import MAX_BATCH_ITEMS, ApplicationRecord, ItemOutcome, SubmitBatch

DEFAULT_BATCH_SIZE = 100
BATCH_BYTES = 1024 * 1024
"""Uncompressed JSON per batch, so one batch fits a 2G link's patience."""
IDENTITY_COLUMN = "(SELECT i.record FROM identity_checks i WHERE i.application_uuid = a.uuid)"
"""The application's identity check, selected last beside the outbox row."""

LOCKED = "the kiosk is locked: its keys are needed to send"

PENDING_SELECT = (
    "SELECT o.id, o.attempts, a.uuid, a.form_id, a.form_version, a.language,"
    " a.tracking_number, a.submitted_at, a.assisted_by, a.sealed_answers,"
    f" {IDENTITY_COLUMN}"
    " FROM outbox o JOIN applications a ON a.uuid = o.application_uuid"
    " WHERE o.acknowledged_at IS NULL"
)
"""Outbox entries not yet acknowledged, with what :func:`pending_from_row` needs."""


@dataclass(frozen=True)
class SendReport:
    """What one :meth:`OutboxSender.send_due` did; ``error`` is why it stopped early."""

    acknowledged: int = 0
    refused: int = 0
    batches: int = 0
    error: str | None = None
    link_down: bool = False
    """The error was no answer at all (the rest of a sync cycle would only wait)."""


@dataclass(frozen=True)
class PendingEntry:
    """One outbox entry due to be sent; ``record`` is None when it cannot be."""

    outbox_id: int
    attempts: int
    record: ApplicationRecord | None
    problem: str | None


@dataclass
class OutboxSender:
    """Sends what is due, in batches, until nothing is due or the link fails."""

    db: Database
    client: CentralClient
    clock: Clock
    rng: random.Random
    policy: BackoffPolicy = field(default_factory=BackoffPolicy)
    batch_size: int = DEFAULT_BATCH_SIZE
    keys: KioskKeys | None = None
    """The process's shared keys; read from the database when not given."""

    def __post_init__(self) -> None:
        if not 1 <= self.batch_size <= MAX_BATCH_ITEMS:
            raise ValueError(f"batch_size must be 1..{MAX_BATCH_ITEMS}")
        self._keys = self.keys or open_keys(self.db)

    def send_due(self) -> SendReport:
        """Send every due entry; stop at the first batch the link or centre fails."""
        if not self._keys.is_unlocked:
            return SendReport(error=LOCKED)
        acknowledged = refused = batches = 0
        while True:
            pending = self._due()
            if not pending:
                return SendReport(acknowledged, refused, batches)
            sendable = [p for p in pending if p.record is not None]
            unsendable = [p for p in pending if p.record is None]
            if unsendable:
                self._reschedule(unsendable, None)
                refused += len(unsendable)
            if not sendable:
                continue
            batches += 1
            error = self._send(sendable)
            if isinstance(error, Exception):
                link_down = isinstance(error, CentralUnavailable) and not error.reached
                return SendReport(acknowledged, refused, batches, str(error), link_down)
            acknowledged += error[0]
            refused += error[1]

    def backlog(self) -> int:
        """Entries not yet acknowledged by the centre."""
        row = self.db.execute(
            "SELECT COUNT(*) FROM outbox WHERE acknowledged_at IS NULL"
        ).fetchone()
        return int(row[0])

    def _send(
        self, pending: list[PendingEntry]
    ) -> CentralUnavailable | CentralRefused | tuple[int, int]:
        records = [p.record for p in pending if p.record is not None]
        batch = SubmitBatch(items=records, backlog=max(self.backlog() - len(records), 0))
        try:
            result = self.client.submit(batch)
        except (CentralUnavailable, CentralRefused) as error:
            self._reschedule(pending, str(error))
            return error
        outcomes = {item.uuid: item for item in result.results}
        now = self.clock.now()
        acknowledged: list[PendingEntry] = []
        refused: list[tuple[PendingEntry, str]] = []
        for entry in pending:
            assert entry.record is not None
            outcome = outcomes.get(entry.record.uuid)
            if outcome is None:
                refused.append((entry, "the centre's answer did not mention it"))
            elif outcome.outcome is ItemOutcome.REFUSED:
                refused.append((entry, f"refused: {outcome.reason}"))
            else:
                acknowledged.append(entry)
        with transaction(self.db):
            self._acknowledge(acknowledged, now)
            for entry, reason in refused:
                self._schedule_retry(entry, reason, now)
        return len(acknowledged), len(refused)

    def _acknowledge(self, entries: list[PendingEntry], now: datetime) -> None:
        stamp = format_timestamp(now)
        for entry in entries:
            self.db.execute(
                "UPDATE outbox SET acknowledged_at = ?, last_attempt_at = ?, last_error = NULL"
                " WHERE id = ? AND acknowledged_at IS NULL",
                [stamp, stamp, entry.outbox_id],
            )
        if entries:
            audit.append(
                self.db,
                action="outbox_acknowledged",
                subject="outbox",
                actor="kiosk",
                details={"count": len(entries), "outbox_id": entries[-1].outbox_id},
                clock=self.clock,
            )

    def _reschedule(self, entries: list[PendingEntry], error: str | None) -> None:
        now = self.clock.now()
        with transaction(self.db):
            for entry in entries:
                self._schedule_retry(entry, error or entry.problem or "unknown", now)

    def _schedule_retry(self, entry: PendingEntry, reason: str, now: datetime) -> None:
        attempts = entry.attempts + 1
        due = now + self.policy.delay(attempts, self.rng)
        self.db.execute(
            "UPDATE outbox SET attempts = ?, last_attempt_at = ?, last_error = ?,"
            " next_attempt_at = ? WHERE id = ? AND acknowledged_at IS NULL",
            [attempts, format_timestamp(now), reason[:500], format_timestamp(due), entry.outbox_id],
        )

    def _due(self) -> list[PendingEntry]:
        rows = self.db.execute(
            f"{PENDING_SELECT} AND o.next_attempt_at <= ? ORDER BY o.next_attempt_at, o.id LIMIT ?",
            [format_timestamp(self.clock.now()), self.batch_size],
        ).fetchall()
        pending: list[PendingEntry] = []
        size = 0
        for row in rows:
            entry = pending_from_row(row, self._keys)
            size += len(bytes(row[9] or b""))
            if pending and size > BATCH_BYTES:
                break
            pending.append(entry)
        return pending


def pending_from_row(row: tuple[object, ...], keys: KioskKeys) -> PendingEntry:
    """A :data:`PENDING_SELECT` row, as the record to send (or why not).

    Raises :class:`~kiosk.errors.KioskLockedError` while the kiosk is locked.
    """
    outbox_id, attempts, uuid, form_id, version, language, number, at, assisted, sealed = row[:10]
    try:
        stored = sealed if isinstance(sealed, bytes) else b""
        answers = keys.unseal(stored, answers_context(str(uuid)))
        record = ApplicationRecord(
            uuid=str(uuid),
            form_id=str(form_id),
            form_version=int(str(version)),
            language=str(language),
            tracking_number=str(number),
            submitted_at=str(at),
            assisted=assisted is not None,
            answers=json.loads(answers),
            identity=identity_check_from_stored(row[10]),
        )
    except (ValidationError, ValueError, SealedDataDamagedError) as error:
        problem = f"cannot be sent: {error}".splitlines()[0]
        return PendingEntry(int(str(outbox_id)), int(str(attempts)), None, problem)
    return PendingEntry(int(str(outbox_id)), int(str(attempts)), record, None)
