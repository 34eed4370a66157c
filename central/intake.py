"""Storing submitted applications exactly once, keyed on their UUID.

A kiosk resends whatever it has not seen acknowledged, so the same
application arrives again after a lost answer, a replayed batch or a USB
import of something the network already delivered. The UUID is the primary
key and the insert is ``ON CONFLICT DO NOTHING``: a second copy can never be
stored, whatever the order or number of deliveries. A resend with the same
content is acknowledged as already stored; a different application under a
known UUID (or one from another kiosk) is refused, never merged.

A tracking number is what a person quotes at the counter, so it must name
one application of the platform: it has to carry the sending kiosk's own
code and a correct check character, and a number already stored for another
application is refused (a unique index holds that on both databases).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from central.attachments import expect_attachments
from central.database import Connection
from central.deadlines import closure_days, due_date
from central.form_registry import parsed_definition
from central.personal_data import DataProtection
from kiosk import tracking
from kiosk.clock import format_timestamp
from kiosk.errors import InvalidTrackingNumberError
from kiosk.forms import FieldType
from sync.protocol import ApplicationRecord, ItemOutcome, ItemResult


def content_hash(record: ApplicationRecord) -> str:
    """A digest of the application itself, as the kiosk sent it.

    The identity check is left out: it is how the kiosk vouched for the
    applicant, not what they applied for, and leaving it out keeps the digests
    of applications stored before kiosks sent it (a resend after an upgrade is
    still "already stored").
    """
    fields = record.model_dump(mode="json", exclude={"identity"})
    text = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PublishedForm:
    """What intake needs of a published version: its promise and where ID numbers are."""

    processing_days: int | None
    """Working days promised (None: decided on the spot)."""
    id_fields: tuple[str, ...]
    """Fields holding an ID number, for the keyed lookup hash."""
    image_fields: tuple[str, ...] = ()
    """Fields holding a document photo's digest: attachments the application waits for."""


def published_versions(connection: Connection) -> dict[tuple[str, int], PublishedForm]:
    """Form versions ever published (retired ones included: drafts finish on them)."""
    rows = connection.query("SELECT form_id, version, definition FROM forms")
    return {(str(form_id), int(version)): _published(str(text)) for form_id, version, text in rows}


def _published(definition_text: str) -> PublishedForm:
    form = parsed_definition(definition_text)
    id_fields = tuple(field.id for field in form.fields() if field.type is FieldType.ID_NUMBER)
    image_fields = tuple(field.id for field in form.fields() if field.type is FieldType.IMAGE)
    return PublishedForm(form.processing_days, id_fields, image_fields)


def store_batch(
    connection: Connection,
    kiosk_code: str,
    items: list[ApplicationRecord],
    now: datetime,
    protection: DataProtection,
) -> list[ItemResult]:
    """Store each new application; one result per item, in the batch's order."""
    known_forms = published_versions(connection)
    closures = closure_days(connection)
    stamp = format_timestamp(now)
    results: list[ItemResult] = []
    seen: dict[str, str] = {}
    for item in items:
        digest = content_hash(item)
        if item.uuid in seen:
            results.append(_repeat_in_batch(item.uuid, seen[item.uuid], digest))
            continue
        seen[item.uuid] = digest
        if (item.form_id, item.form_version) not in known_forms:
            reason = f"unknown_form: {item.form_id} version {item.form_version} was never published"
            results.append(ItemResult(uuid=item.uuid, outcome=ItemOutcome.REFUSED, reason=reason))
            continue
        problem = tracking_problem(kiosk_code, item.tracking_number)
        if problem is not None:
            results.append(ItemResult(uuid=item.uuid, outcome=ItemOutcome.REFUSED, reason=problem))
            continue
        form = known_forms[(item.form_id, item.form_version)]
        stored = _Stored(
            answers=protection.seal(item.uuid, _answers_text(item)),
            due_on=due_date(now, form.processing_days, closures).isoformat(),
            id_lookup=_id_lookup(item, form, protection),
        )
        result = _insert(connection, kiosk_code, item, digest, stamp, stored)
        if result.outcome is ItemOutcome.STORED:
            expect_attachments(connection, item.uuid, item.answers, form.image_fields)
        results.append(result)
    return results


def tracking_problem(kiosk_code: str, tracking_number: str) -> str | None:
    """Why ``kiosk_code`` may not send an application under this number, or None."""
    try:
        parsed = tracking.parse(tracking_number)
    except InvalidTrackingNumberError:
        return f"bad_tracking_number: {tracking_number} fails its check character"
    if parsed.text != tracking_number:
        return f"bad_tracking_number: {tracking_number} is not written as the kiosk prints it"
    if parsed.kiosk_code != kiosk_code:
        return f"tracking_number_not_yours: {tracking_number} belongs to kiosk {parsed.kiosk_code}"
    return None


@dataclass(frozen=True)
class _Stored:
    """What the platform keeps beside the record: sealed answers, due date, lookup hash."""

    answers: str
    due_on: str
    id_lookup: str | None


def _answers_text(item: ApplicationRecord) -> str:
    return json.dumps(item.answers, ensure_ascii=False, sort_keys=True)


def _id_lookup(
    item: ApplicationRecord, form: PublishedForm, protection: DataProtection
) -> str | None:
    """The keyed hash of the applicant's ID number (the first ID field answered)."""
    for field_id in form.id_fields:
        value = item.answers.get(field_id)
        if isinstance(value, str) and value.strip():
            return protection.lookup_hash(value)
    return None


def _insert(
    connection: Connection,
    kiosk_code: str,
    item: ApplicationRecord,
    digest: str,
    stamp: str,
    stored: _Stored,
) -> ItemResult:
    identity = None if item.identity is None else item.identity.model_dump_json(exclude_none=True)
    inserted = connection.execute(
        "INSERT INTO applications (uuid, kiosk_code, form_id, form_version, language,"
        " tracking_number, submitted_at, assisted, answers, content_hash, received_at, identity,"
        " due_on, id_lookup) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [
            item.uuid,
            kiosk_code,
            item.form_id,
            item.form_version,
            item.language,
            item.tracking_number,
            item.submitted_at,
            int(item.assisted),
            stored.answers,
            digest,
            stamp,
            identity,
            stored.due_on,
            stored.id_lookup,
        ],
    )
    if inserted == 1:
        return ItemResult(uuid=item.uuid, outcome=ItemOutcome.STORED)
    rows = connection.query(
        "SELECT kiosk_code, content_hash FROM applications WHERE uuid = ?", [item.uuid]
    )
    if not rows:  # nothing under this UUID: the unique tracking number is what clashed
        return ItemResult(
            uuid=item.uuid,
            outcome=ItemOutcome.REFUSED,
            reason=f"tracking_number_conflict: {item.tracking_number} is already stored",
        )
    if rows[0][0] == kiosk_code and rows[0][1] == digest:
        if identity is not None:  # first sent by the kiosk before it knew identity checks
            connection.execute(
                "UPDATE applications SET identity = ? WHERE uuid = ? AND identity IS NULL",
                [identity, item.uuid],
            )
        return ItemResult(uuid=item.uuid, outcome=ItemOutcome.ALREADY_STORED)
    return ItemResult(
        uuid=item.uuid,
        outcome=ItemOutcome.REFUSED,
        reason="uuid_conflict: a different application is stored under this UUID",
    )


def _repeat_in_batch(uuid: str, first_digest: str, digest: str) -> ItemResult:
    """The same UUID twice in one batch: the first copy decides."""
    if first_digest == digest:
        return ItemResult(uuid=uuid, outcome=ItemOutcome.ALREADY_STORED)
    return ItemResult(
        uuid=uuid,
        outcome=ItemOutcome.REFUSED,
        reason="uuid_conflict: the batch holds two different applications with this UUID",
    )
