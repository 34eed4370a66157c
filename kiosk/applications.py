"""Applications on the kiosk: drafts while the wizard runs, then one durable submit.

The submit is the promise the kiosk makes to a villager, so it is a single
transaction that marks the application submitted, gives it a tracking number,
appends the audit entry and queues it in the outbox. The method returns only
after COMMIT, i.e. after ``synchronous=FULL`` has put it on the disk; only then
may the screen say "done". If anything in it fails, nothing of it remains and
the draft is exactly as it was, ready to be submitted again.

Answers are personal, so they are stored sealed to the kiosk's public key
(:mod:`kiosk.security`): JSON exactly as given, then sealed. Writing needs only
the public key, so a locked kiosk keeps taking applications; reading them back
(resuming a draft, a reprint, sending) needs the kiosk unlocked and raises
:class:`KioskLockedError` otherwise. The applicant's ID number is also kept as
a keyed hash for lookups (filled in at unlock for rows written while locked).
Tracking number, form, state and times stay plain: they identify nobody.
The caller turns dates and other values into JSON types (dates as ISO strings)
before handing them over.
"""

from __future__ import annotations

import json
import re
import uuid as uuid_module
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from sqlite_utils import Database

from kiosk import audit, tracking
from kiosk.clock import Clock, format_timestamp, parse_timestamp
from kiosk.errors import (
    CorrectionRefusedError,
    InvalidStateError,
    InvalidTrackingNumberError,
    NotFoundError,
)
from kiosk.kiosk_code import is_valid_kiosk_code
from kiosk.security.contexts import APPLICANT_ID_FIELD, answers_context
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import storage_errors, transaction

_COLUMNS = (
    "uuid, form_id, form_version, state, language, position, tracking_number,"
    " assisted_by, created_at, updated_at, submitted_at, purged_at, sealed_answers"
)
_STAFF_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_VISIT_ID = re.compile(r"[A-Za-z0-9-]{1,64}")


class ApplicationState(StrEnum):
    """Where an application is in its life on the kiosk."""

    DRAFT = "draft"
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class Application:
    """One application as stored; a snapshot, never updated in place.

    ``position`` is the id of the question the wizard was on, so a resumed
    draft opens where it was left. ``assisted_by`` is the staff id of the
    clerk who filled it in on the applicant's behalf, if any.
    """

    uuid: str
    form_id: str
    form_version: int
    state: ApplicationState
    language: str
    answers: Mapping[str, Any]
    position: str | None
    tracking_number: str | None
    assisted_by: str | None
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    purged_at: datetime | None = None
    """When the retention rule removed the answers (the centre had them long since)."""


@dataclass(frozen=True)
class VisitEntry:
    """One submitted application of a visit, as its receipts list it."""

    form_id: str
    form_version: int
    tracking_number: str


@dataclass(frozen=True)
class StateCounts:
    """How many applications the kiosk holds in each state (for the clerk's screen)."""

    draft: int
    submitted: int


class ApplicationStore:
    """Creates, saves and submits applications in one kiosk database.

    ``kiosk_code`` goes into every tracking number. ``zone`` is the time zone
    whose calendar day a tracking number shows (the kiosk's own, e.g.
    ``ZoneInfo("Asia/Shanghai")``); it is passed in rather than read from the
    machine so that a misconfigured system clock zone cannot change numbering.

    ``keys`` is the process's one :class:`KioskKeys` (shared with the other
    threads so one unlock serves all); without it the store opens the
    database's keys itself, unlocked only while they are still unprotected.

    Use an instance from the thread that opened ``db`` only (see
    :mod:`kiosk.store`).
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        kiosk_code: str,
        *,
        zone: tzinfo = UTC,
        keys: KioskKeys | None = None,
    ) -> None:
        self.issue_as(kiosk_code)
        self._db = db
        self._clock = clock
        self._zone = zone
        with storage_errors():
            self.keys = keys or open_keys(db)

    def issue_as(self, kiosk_code: str) -> None:
        """Start the tracking numbers issued from now on with ``kiosk_code``: the
        configured one at start, the one the central platform assigned once the kiosk
        has enrolled."""
        if not is_valid_kiosk_code(kiosk_code):
            raise ValueError(f"kiosk code {kiosk_code!r} is not 2–8 upper-case letters or digits")
        self._kiosk_code = kiosk_code

    def create_draft(
        self,
        form_id: str,
        form_version: int,
        language: str,
        assisted_by: str | None = None,
        visit: str | None = None,
    ) -> Application:
        """Start an empty draft of a form version; the draft stays on that version.

        `visit` is the id the applications of one person's visit share (see
        :meth:`visit_of`)."""
        if not form_id:
            raise ValueError("form_id must not be empty")
        if form_version < 1:
            raise ValueError(f"form_version must be at least 1, not {form_version}")
        if not language:
            raise ValueError("language must not be empty")
        if assisted_by is not None and not _STAFF_ID.fullmatch(assisted_by):
            raise ValueError(f"assisted_by {assisted_by!r} is not a staff id")
        if visit is not None and not _VISIT_ID.fullmatch(visit):
            raise ValueError(f"visit {visit!r} is not a visit id")
        now = self._clock.now()
        application = Application(
            uuid=str(uuid_module.uuid4()),
            form_id=form_id,
            form_version=form_version,
            state=ApplicationState.DRAFT,
            language=language,
            answers=MappingProxyType({}),
            position=None,
            tracking_number=None,
            assisted_by=assisted_by,
            created_at=now,
            updated_at=now,
            submitted_at=None,
        )
        with transaction(self._db):
            self._db.execute(
                f"INSERT INTO applications ({_COLUMNS}, visit)"
                " VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, ?, NULL, NULL, ?, ?)",
                [
                    application.uuid,
                    form_id,
                    form_version,
                    ApplicationState.DRAFT.value,
                    language,
                    assisted_by,
                    format_timestamp(now),
                    format_timestamp(now),
                    self._seal(application.uuid, "{}"),
                    visit,
                ],
            )
            audit.append(
                self._db,
                action="application_created",
                subject=application.uuid,
                actor=f"clerk:{assisted_by}" if assisted_by else "applicant",
                details={"form_id": form_id, "form_version": form_version},
                clock=self._clock,
            )
        return application

    def save_draft(
        self, uuid: str, answers: Mapping[str, Any], position: str | None
    ) -> Application:
        """Replace a draft's answers and position, so it can be resumed after a reset.

        Raises :class:`InvalidStateError` for a submitted application: once
        acknowledged, its answers change only through a recorded correction.
        """
        encoded = _encode_answers(answers)
        sealed = self._seal(uuid, encoded)
        digest = self._id_number_hash(answers)
        with transaction(self._db):
            current = self._require(uuid, unseal=False)
            if current.state is not ApplicationState.DRAFT:
                raise InvalidStateError(f"application {uuid} is {current.state}, not a draft")
            now = self._clock.now()
            self._db.execute(
                "UPDATE applications SET sealed_answers = ?, id_number_hash = ?, position = ?,"
                " updated_at = ? WHERE uuid = ?",
                [sealed, digest, position, format_timestamp(now), uuid],
            )
        return replace(current, answers=_decode_answers(encoded), position=position, updated_at=now)

    def get(self, uuid: str) -> Application:
        """Return the application with this uuid, or raise :class:`NotFoundError`.

        Raises :class:`KioskLockedError` while the kiosk is locked.
        """
        with storage_errors():
            return self._require(uuid)

    def drafts(self) -> list[Application]:
        """All drafts, most recently touched first (the one just left is on top).

        While the kiosk is locked their answers are left empty (not unreadable:
        the list itself identifies nobody).
        """
        with storage_errors():
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM applications WHERE state = ?"
                " ORDER BY updated_at DESC, created_at DESC, uuid",
                [ApplicationState.DRAFT.value],
            ).fetchall()
        unseal = self.keys.is_unlocked
        return [self._from_tuple(row, unseal=unseal) for row in rows]

    def discard_draft(self, uuid: str, *, actor: str = "kiosk") -> None:
        """Delete a draft (abandoned, or the applicant chose to start over).

        Refuses submitted applications with :class:`InvalidStateError`: those
        are kept until the central platform has acknowledged them. The
        deletion is audited without any of the draft's answers.
        """
        with transaction(self._db):
            current = self._require(uuid, unseal=False)
            if current.state is not ApplicationState.DRAFT:
                raise InvalidStateError(f"application {uuid} is {current.state}, not a draft")
            self._db.execute("DELETE FROM applications WHERE uuid = ?", [uuid])
            audit.append(
                self._db,
                action="draft_discarded",
                subject=uuid,
                actor=actor,
                details={"form_id": current.form_id, "form_version": current.form_version},
                clock=self._clock,
            )

    def submit(self, uuid: str, answers: Mapping[str, Any]) -> Application:
        """Submit a draft durably and return it with its tracking number.

        One transaction writes the final answers, state, tracking number and
        submission time, the audit entry and the outbox entry; the method
        returns after COMMIT. Submitting an application that is already
        submitted returns it unchanged (a double tap or a retry after a lost
        reply must not create a second number or a second outbox entry).
        The application returned carries the answers given, so a locked kiosk
        never has to read sealed data back to show or print them.
        """
        encoded = _encode_answers(answers)
        sealed = self._seal(uuid, encoded)
        digest = self._id_number_hash(answers)
        with transaction(self._db):
            current = self._require(uuid, unseal=False)
            if current.state is ApplicationState.SUBMITTED:
                if self.keys.is_unlocked:
                    return self._require(uuid)
                # Locked, the stored answers cannot be read back; a retry of
                # the same submit carries the same answers.
                return replace(current, answers=_decode_answers(encoded))
            submitted = self._submit_in_transaction(current, sealed, digest)
        return replace(submitted, answers=_decode_answers(encoded))

    def find_by_id_number(self, id_number: str) -> list[Application]:
        """Applications whose applicant has this ID number, newest first (needs unlock)."""
        digest = self.keys.require_lookup_hash(id_number)
        with storage_errors():
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM applications WHERE id_number_hash = ?"
                " ORDER BY created_at DESC",
                [digest],
            ).fetchall()
        return [self._from_tuple(row) for row in rows]

    def correct(self, uuid: str, answers: Mapping[str, Any], actor: str) -> Application:
        """Replace a submitted application's answers before it leaves the kiosk.

        Allowed only while its outbox entry was never sent: once the sync
        worker has tried, the centre may hold the first version, and a second
        one under the same UUID would be refused there as a conflict. The
        answers, the outbox entry (due again at once) and the audit entry
        ``application_corrected`` share one transaction. Raises
        :class:`CorrectionRefusedError` otherwise.
        """
        encoded = _encode_answers(answers)
        sealed = self._seal(uuid, encoded)
        digest = self._id_number_hash(answers)
        with transaction(self._db):
            current = self.check_correctable(uuid)
            now = self._clock.now()
            stamp = format_timestamp(now)
            self._db.execute(
                "UPDATE applications SET sealed_answers = ?, id_number_hash = ?, updated_at = ?"
                " WHERE uuid = ?",
                [sealed, digest, stamp, uuid],
            )
            self._db.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE application_uuid = ?", [stamp, uuid]
            )
            audit.append(
                self._db,
                action="application_corrected",
                subject=uuid,
                actor=actor,
                details={
                    "form_id": current.form_id,
                    "form_version": current.form_version,
                    "tracking_number": current.tracking_number,
                },
                clock=self._clock,
            )
        return replace(current, answers=_decode_answers(encoded), updated_at=now)

    def check_correctable(self, uuid: str) -> Application:
        """The submitted application if it may still be corrected; else raise why not."""
        current = self._require(uuid)
        if current.state is not ApplicationState.SUBMITTED:
            raise InvalidStateError(f"application {uuid} is a draft; drafts are resumed")
        outbox = self._db.execute(
            "SELECT attempts, acknowledged_at FROM outbox WHERE application_uuid = ?", [uuid]
        ).fetchone()
        if outbox is None or outbox[1] is not None:
            raise CorrectionRefusedError("acknowledged", f"{uuid} was received centrally")
        if int(outbox[0]) > 0:
            raise CorrectionRefusedError("already_sent", f"{uuid} was already sent")
        return current

    def find_by_tracking_number(self, text: str) -> Application | None:
        """The application with this tracking number as typed or scanned, if any.

        Returns None both for an unknown number and for text that is not a
        valid tracking number; use :func:`kiosk.tracking.is_valid` first to
        tell the two apart for the person typing.
        """
        return self._by_tracking_number(text, unseal=True)

    def service_by_tracking_number(self, text: str) -> Application | None:
        """Like :meth:`find_by_tracking_number`, without the answers: works while locked.

        "Check my application" needs only the form and the status, never the
        answers, so a locked kiosk can still answer it.
        """
        return self._by_tracking_number(text, unseal=False)

    def _by_tracking_number(self, text: str, *, unseal: bool) -> Application | None:
        try:
            number = tracking.parse(text)
        except InvalidTrackingNumberError:
            return None
        with storage_errors():
            row = self._db.execute(
                f"SELECT {_COLUMNS} FROM applications WHERE tracking_number = ?",
                [number.text],
            ).fetchone()
        return None if row is None else self._from_tuple(row, unseal=unseal)

    def visit_of(self, uuid: str) -> list[VisitEntry]:
        """The applications submitted in the same visit as this submitted one, up to it
        and in the order they were submitted (it last); only itself outside a visit.

        Reads no sealed column: works while the kiosk is locked, for the receipt of an
        application just submitted and for a clerk's reprint alike."""
        with storage_errors():
            rows = self._db.execute(
                "SELECT other.form_id, other.form_version, other.tracking_number"
                " FROM applications AS this JOIN applications AS other"
                " ON other.uuid = this.uuid OR other.visit = this.visit"
                " WHERE this.uuid = ? AND other.state = ? AND this.state = ?"
                " AND (other.submitted_at, other.rowid) <= (this.submitted_at, this.rowid)"
                " ORDER BY other.submitted_at, other.rowid",
                [uuid, ApplicationState.SUBMITTED.value, ApplicationState.SUBMITTED.value],
            ).fetchall()
        return [
            VisitEntry(str(form_id), int(version), str(number)) for form_id, version, number in rows
        ]

    def record_identity_check(self, uuid: str, record: Mapping[str, Any]) -> None:
        """Keep how the applicant of a draft was identified (the latest check wins).

        `record` holds the format, the verification outcome, the issuer and
        key, never personal data, for the back office.
        """
        encoded = json.dumps(dict(record), ensure_ascii=False, sort_keys=True)
        with transaction(self._db):
            self._require(uuid, unseal=False)
            self._db.execute(
                "INSERT INTO identity_checks (application_uuid, record, recorded_at)"
                " VALUES (?, ?, ?) ON CONFLICT (application_uuid) DO UPDATE"
                " SET record = excluded.record, recorded_at = excluded.recorded_at",
                [uuid, encoded, format_timestamp(self._clock.now())],
            )

    def identity_check(self, uuid: str) -> dict[str, Any] | None:
        """The identity check recorded for an application, if any."""
        with storage_errors():
            row = self._db.execute(
                "SELECT record FROM identity_checks WHERE application_uuid = ?", [uuid]
            ).fetchone()
        if row is None:
            return None
        record: dict[str, Any] = json.loads(row[0])
        return record

    def waiting_to_send(self) -> int:
        """Submitted applications the central platform has not acknowledged yet."""
        with storage_errors():
            row = self._db.execute(
                "SELECT COUNT(*) FROM outbox WHERE acknowledged_at IS NULL"
            ).fetchone()
        return int(row[0])

    def count_by_state(self) -> StateCounts:
        """Count drafts and submitted applications."""
        with storage_errors():
            rows = self._db.execute(
                "SELECT state, COUNT(*) FROM applications GROUP BY state"
            ).fetchall()
        counts = {str(state): int(count) for state, count in rows}
        return StateCounts(
            draft=counts.get(ApplicationState.DRAFT.value, 0),
            submitted=counts.get(ApplicationState.SUBMITTED.value, 0),
        )

    def _submit_in_transaction(
        self, current: Application, sealed: bytes, digest: str | None
    ) -> Application:
        """The writes of a submit; the caller holds the transaction."""
        now = self._clock.now()
        stamp = format_timestamp(now)
        number = tracking.allocate(self._db, self._kiosk_code, now.astimezone(self._zone).date())
        self._db.execute(
            "UPDATE applications SET state = ?, sealed_answers = ?, id_number_hash = ?,"
            " tracking_number = ?, submitted_at = ?, updated_at = ? WHERE uuid = ? AND state = ?",
            [
                ApplicationState.SUBMITTED.value,
                sealed,
                digest,
                number,
                stamp,
                stamp,
                current.uuid,
                ApplicationState.DRAFT.value,
            ],
        )
        audit.append(
            self._db,
            action="application_submitted",
            subject=current.uuid,
            actor=f"clerk:{current.assisted_by}" if current.assisted_by else "applicant",
            details={
                "form_id": current.form_id,
                "form_version": current.form_version,
                "tracking_number": number,
                "assisted": current.assisted_by is not None,
            },
            clock=self._clock,
        )
        self._db.execute(
            "INSERT INTO outbox (application_uuid, created_at, attempts, next_attempt_at)"
            " VALUES (?, ?, 0, ?)",
            [current.uuid, stamp, stamp],
        )
        return replace(
            current,
            state=ApplicationState.SUBMITTED,
            tracking_number=number,
            updated_at=now,
            submitted_at=now,
        )

    def _require(self, uuid: str, *, unseal: bool = True) -> Application:
        """The stored application; without ``unseal`` its answers are left empty."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM applications WHERE uuid = ?", [uuid]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no application {uuid}")
        return self._from_tuple(row, unseal=unseal)

    def _seal(self, uuid: str, encoded: str) -> bytes:
        return self.keys.seal(encoded.encode("utf-8"), answers_context(uuid))

    def _unseal(self, uuid: str, sealed: bytes) -> str:
        return self.keys.unseal(sealed, answers_context(uuid)).decode("utf-8")

    def _id_number_hash(self, answers: Mapping[str, Any]) -> str | None:
        return _id_number_hash(self.keys, answers)

    def _from_tuple(self, row: tuple[Any, ...], *, unseal: bool = True) -> Application:
        """An Application from a row in ``_COLUMNS`` order; the answers opened if asked."""
        uuid, sealed = str(row[0]), row[-1]
        answers: Mapping[str, Any] = MappingProxyType({})
        if unseal and sealed is not None:
            answers = _decode_answers(self._unseal(uuid, bytes(sealed)))
        return _from_tuple(row[:-1], answers)


def fill_lookup_hashes(db: Database, keys: KioskKeys) -> int:
    """Hash the ID numbers of applications written while locked; returns how many.

    Called once the kiosk is unlocked: a locked kiosk cannot compute the
    keyed hash, so those rows were written without it.
    """
    with storage_errors():
        rows = db.execute(
            "SELECT uuid, sealed_answers FROM applications"
            " WHERE id_number_hash IS NULL AND sealed_answers IS NOT NULL"
        ).fetchall()
    filled = 0
    for uuid, sealed in rows:
        opened = keys.unseal(bytes(sealed), answers_context(str(uuid))).decode("utf-8")
        digest = _id_number_hash(keys, _decode_answers(opened))
        if digest is None:
            continue
        with transaction(db):
            db.execute("UPDATE applications SET id_number_hash = ? WHERE uuid = ?", [digest, uuid])
        filled += 1
    return filled


def _id_number_hash(keys: KioskKeys, answers: Mapping[str, Any]) -> str | None:
    id_number = answers.get(APPLICANT_ID_FIELD)
    return keys.lookup_hash(id_number) if isinstance(id_number, str) else None


def _encode_answers(answers: Mapping[str, Any]) -> str:
    """Answers as JSON text; a value JSON cannot hold is a caller's mistake."""
    return json.dumps(dict(answers), ensure_ascii=False, sort_keys=True, allow_nan=False)


def _decode_answers(text: str) -> Mapping[str, Any]:
    decoded = json.loads(text)
    if not isinstance(decoded, dict):
        raise ValueError("stored answers are not a JSON object")
    return MappingProxyType(decoded)


def _from_tuple(row: tuple[Any, ...], answers: Mapping[str, Any]) -> Application:
    """Build an Application from a row in ``_COLUMNS`` order (less the sealed answers)."""
    (
        uuid,
        form_id,
        form_version,
        state,
        language,
        position,
        tracking_number,
        assisted_by,
        created_at,
        updated_at,
        submitted_at,
        purged_at,
    ) = row
    return Application(
        uuid=str(uuid),
        form_id=str(form_id),
        form_version=int(form_version),
        state=ApplicationState(state),
        language=str(language),
        answers=answers,
        position=None if position is None else str(position),
        tracking_number=None if tracking_number is None else str(tracking_number),
        assisted_by=None if assisted_by is None else str(assisted_by),
        created_at=parse_timestamp(str(created_at)),
        updated_at=parse_timestamp(str(updated_at)),
        submitted_at=None if submitted_at is None else parse_timestamp(str(submitted_at)),
        purged_at=None if purged_at is None else parse_timestamp(str(purged_at)),
    )
