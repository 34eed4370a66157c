"""Document photos kept on the kiosk beside their application, sealed like its answers.

One photo per image field of an application: taking another for the same
field replaces it (the person retook it). The answer of the field is the
photo's SHA-256, so the answers say which photo belongs to the application
and the centre can check what it received. The photo is sealed to the
kiosk's public key under a context naming the application and the digest, so
a locked kiosk can still take photos, and a photo moved onto another
application's row fails to open.

Photos leave the kiosk after their application was acknowledged
(:mod:`sync.attachment_upload`); ``uploaded_at`` records that the centre
holds the whole photo, after which the retention rule may erase it with the
answers. A photo is personal data: it is never written to a log, and the
kiosk's own log lines name it by field and size only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.clock import Clock, format_timestamp
from kiosk.errors import InvalidStateError, NotFoundError
from kiosk.photos import MAX_PHOTO_BYTES, media_type_of, photo_digest
from kiosk.security.contexts import attachment_context
from kiosk.security.key_material import KioskKeys
from kiosk.store import transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredAttachment:
    """A photo's description as stored; its bytes are read with :func:`open_attachment`."""

    application_uuid: str
    field_id: str
    digest: str
    media_type: str
    size: int
    uploaded: bool
    upload_started: bool = False
    """Whether a chunk of it was ever sent: only then can the centre hold part of it."""


def keep_photo(
    db: Database, keys: KioskKeys, clock: Clock, application_uuid: str, field_id: str, data: bytes
) -> str:
    """Seal and keep ``data`` as the photo of ``field_id``; return its digest (the answer).

    Refuses (ValueError) what is not a JPEG or WebP of at most
    :data:`~kiosk.photos.MAX_PHOTO_BYTES`: the screen checks first, this is the
    last guard before the bytes are stored. Only a draft takes photos.
    """
    media_type = media_type_of(data)
    if media_type is None or len(data) > MAX_PHOTO_BYTES:
        raise ValueError("a photo must be a JPEG or WebP of at most 300 KB")
    digest = photo_digest(data)
    sealed = keys.seal(data, attachment_context(application_uuid, digest))
    with transaction(db):
        row = db.execute(
            "SELECT state FROM applications WHERE uuid = ?", [application_uuid]
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no application {application_uuid}")
        if row[0] != "draft":
            raise InvalidStateError(f"application {application_uuid} is {row[0]}, not a draft")
        db.execute(
            "INSERT INTO attachments (application_uuid, field_id, digest, media_type, size,"
            " sealed_data, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (application_uuid, field_id) DO UPDATE SET digest = excluded.digest,"
            " media_type = excluded.media_type, size = excluded.size,"
            " sealed_data = excluded.sealed_data, created_at = excluded.created_at",
            [
                application_uuid,
                field_id,
                digest,
                media_type,
                len(data),
                sealed,
                format_timestamp(clock.now()),
            ],
        )
    log.info("document photo kept for field %s (%d bytes)", field_id, len(data))
    return digest


def attachments_of(db: Database, application_uuid: str) -> list[StoredAttachment]:
    """The photos kept for an application, in field order of their taking."""
    rows = db.execute(
        "SELECT application_uuid, field_id, digest, media_type, size, uploaded_at,"
        " upload_started_at FROM attachments WHERE application_uuid = ?"
        " ORDER BY created_at, field_id",
        [application_uuid],
    ).fetchall()
    return [_from_row(row) for row in rows]


def waiting_to_upload(db: Database, limit: int = 100) -> list[StoredAttachment]:
    """Photos of acknowledged applications the centre does not hold whole yet.

    An application is sent first and its photos after it: the centre refuses
    a photo of an application it does not know.
    """
    rows = db.execute(
        "SELECT t.application_uuid, t.field_id, t.digest, t.media_type, t.size, t.uploaded_at,"
        " t.upload_started_at FROM attachments t"
        " JOIN outbox o ON o.application_uuid = t.application_uuid"
        " WHERE t.uploaded_at IS NULL AND o.acknowledged_at IS NOT NULL"
        " AND t.sealed_data IS NOT NULL ORDER BY o.acknowledged_at, t.application_uuid LIMIT ?",
        [limit],
    ).fetchall()
    return [_from_row(row) for row in rows]


def open_attachment(db: Database, keys: KioskKeys, attachment: StoredAttachment) -> bytes:
    """The photo's bytes (needs the kiosk unlocked)."""
    row = db.execute(
        "SELECT sealed_data FROM attachments WHERE application_uuid = ? AND field_id = ?",
        [attachment.application_uuid, attachment.field_id],
    ).fetchone()
    if row is None or row[0] is None:
        raise NotFoundError(f"no photo for {attachment.field_id} of {attachment.application_uuid}")
    return keys.unseal(
        bytes(row[0]), attachment_context(attachment.application_uuid, attachment.digest)
    )


def mark_upload_started(db: Database, clock: Clock, attachment: StoredAttachment) -> None:
    """Record, before its first chunk leaves, that the centre may now hold part of it."""
    with transaction(db):
        db.execute(
            "UPDATE attachments SET upload_started_at = ? WHERE application_uuid = ?"
            " AND field_id = ? AND digest = ? AND upload_started_at IS NULL",
            [
                format_timestamp(clock.now()),
                attachment.application_uuid,
                attachment.field_id,
                attachment.digest,
            ],
        )


def mark_uploaded(db: Database, clock: Clock, attachment: StoredAttachment) -> None:
    """Record that the centre holds the whole photo (it checked the digest)."""
    with transaction(db):
        db.execute(
            "UPDATE attachments SET uploaded_at = ? WHERE application_uuid = ? AND field_id = ?"
            " AND digest = ? AND uploaded_at IS NULL",
            [
                format_timestamp(clock.now()),
                attachment.application_uuid,
                attachment.field_id,
                attachment.digest,
            ],
        )


def forget_unanswered(db: Database, application_uuid: str, answered: set[str]) -> int:
    """Drop photos of an application whose digest no answer names (the field stopped
    being relevant, so its answer was dropped on submit); the count dropped."""
    with transaction(db):
        rows = db.execute(
            "SELECT field_id, digest FROM attachments WHERE application_uuid = ?",
            [application_uuid],
        ).fetchall()
        dropped = [field_id for field_id, digest in rows if digest not in answered]
        for field_id in dropped:
            db.execute(
                "DELETE FROM attachments WHERE application_uuid = ? AND field_id = ?",
                [application_uuid, field_id],
            )
    return len(dropped)


def _from_row(row: tuple[object, ...]) -> StoredAttachment:
    uuid, field_id, digest, media_type, size, uploaded_at, started_at = row
    return StoredAttachment(
        str(uuid),
        str(field_id),
        str(digest),
        str(media_type),
        int(str(size)),
        uploaded_at is not None,
        started_at is not None,
    )
