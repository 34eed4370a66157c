"""Document photos arriving in chunks, each stored exactly once, whatever the link does.

When an application is stored, every image answer in it (a photo's SHA-256)
becomes an expected attachment. The kiosk then uploads each photo in chunks
of at most :data:`~sync.protocol.ATTACHMENT_CHUNK_BYTES`, each naming the
offset it starts at. A chunk is appended only when it starts exactly where
the received bytes end; any other chunk (a resend after a lost answer, a
duplicate, a stale retry) changes nothing and is answered with the current
offset, so the kiosk goes on from there and no byte is ever stored twice.
When the last byte arrives the whole photo must hash to the digest the
answers name: then it is encrypted, written to the attachment store and the
upload marked complete, all before the answer is sent; a mismatch throws the
received bytes away and the kiosk starts that photo again.

An application counts as complete at the centre only when every expected
attachment is (:func:`missing_attachments`). The chunks received so far wait
in the database (base64 text, the same on SQLite and PostgreSQL), so several
workers behind a load balancer share one upload; each request takes the
attachment's row lock first.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from central.attachment_store import AttachmentStore, attachment_key
from central.database import Connection, Dialect
from central.errors import Refusal
from central.personal_data import DataProtection
from kiosk.clock import format_timestamp
from sync.protocol import ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES, AttachmentStatus


@dataclass(frozen=True)
class UploadOutcome:
    """What one chunk did: the upload's status, and whether the whole photo failed its
    digest (its bytes were then thrown away and must be sent again from 0)."""

    status: AttachmentStatus
    digest_mismatch: bool = False


@dataclass(frozen=True)
class _Row:
    size: int | None
    received: int
    complete: bool


def expect_attachments(
    connection: Connection, uuid: str, answers: Mapping[str, object], image_fields: tuple[str, ...]
) -> int:
    """Record the photos a newly stored application names; the number expected."""
    expected = 0
    for field_id in image_fields:
        digest = answers.get(field_id)
        if isinstance(digest, str) and len(digest) == 64:
            expected += connection.execute(
                "INSERT INTO attachments (application_uuid, digest, field_id) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [uuid, digest, field_id],
            )
    return expected


def attachment_status(
    connection: Connection, kiosk_code: str, uuid: str, digest: str
) -> AttachmentStatus:
    """How much of the attachment the centre holds; 404 unless one of the kiosk's own
    applications names it."""
    row = _locked_row(connection, kiosk_code, uuid, digest)
    return _status(uuid, digest, row)


def receive_chunk(
    connection: Connection,
    kiosk_code: str,
    place: tuple[str, str],
    offset: int,
    size: int,
    chunk: bytes,
    finish: tuple[AttachmentStore, DataProtection, datetime],
) -> UploadOutcome:
    """Append ``chunk`` if it starts where the received bytes end; finish the upload when
    it was the last. ``place`` is (application UUID, digest); ``finish`` what completing
    needs (where to store, the key to encrypt under, the time)."""
    uuid, digest = place
    row = _locked_row(connection, kiosk_code, uuid, digest)
    if row.complete:
        return UploadOutcome(_status(uuid, digest, row))
    if row.size is not None and row.size != size:
        raise Refusal(409, "size_mismatch", f"this attachment was started as {row.size} bytes")
    if len(chunk) > ATTACHMENT_CHUNK_BYTES or offset + len(chunk) > size:
        raise Refusal(422, "chunk_too_long", "the chunk runs past the attachment or the chunk size")
    if offset != row.received or not chunk:
        return UploadOutcome(_status(uuid, digest, _Row(size, row.received, False)))
    connection.execute(
        "INSERT INTO attachment_chunks (application_uuid, digest, start_offset, data)"
        " VALUES (?, ?, ?, ?)",
        [uuid, digest, offset, base64.b64encode(chunk).decode("ascii")],
    )
    received = offset + len(chunk)
    connection.execute(
        "UPDATE attachments SET size = ?, received = ? WHERE application_uuid = ? AND digest = ?",
        [size, received, uuid, digest],
    )
    if received < size:
        return UploadOutcome(_status(uuid, digest, _Row(size, received, False)))
    return _complete(connection, place, size, finish)


def receive_whole(
    connection: Connection,
    kiosk_code: str,
    place: tuple[str, str],
    data: bytes,
    finish: tuple[AttachmentStore, DataProtection, datetime],
) -> bool:
    """Store a whole photo that came on a USB stick; whether it is now complete.

    The same checks as an upload: the kiosk's own application must name it,
    and its bytes must hash to the digest. A photo already complete is left
    as it is, so importing a file twice stores nothing twice.
    """
    uuid, digest = place
    try:
        row = _locked_row(connection, kiosk_code, uuid, digest)
    except Refusal:
        return False
    if row.complete:
        return True
    if len(data) > MAX_ATTACHMENT_BYTES or hashlib.sha256(data).hexdigest() != digest:
        return False
    connection.execute(
        "DELETE FROM attachment_chunks WHERE application_uuid = ? AND digest = ?", [uuid, digest]
    )
    store, protection, now = finish
    store.put(attachment_key(uuid, digest), protection.seal_bytes(_context(uuid, digest), data))
    connection.execute(
        "UPDATE attachments SET size = ?, received = ?, completed_at = ?"
        " WHERE application_uuid = ? AND digest = ?",
        [len(data), len(data), format_timestamp(now), uuid, digest],
    )
    return True


def missing_attachments(connection: Connection, uuid: str) -> int:
    """How many of the application's photos have not arrived whole yet."""
    rows = connection.query(
        "SELECT COUNT(*) FROM attachments WHERE application_uuid = ? AND completed_at IS NULL",
        [uuid],
    )
    return int(rows[0][0])


def completed_attachments(connection: Connection, uuid: str) -> list[tuple[str, str]]:
    """(field id, digest) of each photo of the application held whole, in field order."""
    rows = connection.query(
        "SELECT field_id, digest FROM attachments WHERE application_uuid = ?"
        " AND completed_at IS NOT NULL ORDER BY field_id",
        [uuid],
    )
    return [(str(field_id), str(digest)) for field_id, digest in rows]


def read_attachment(
    store: AttachmentStore, protection: DataProtection, uuid: str, digest: str
) -> bytes:
    """A completed photo's bytes, decrypted (KeyError when the store has none)."""
    sealed = store.get(attachment_key(uuid, digest))
    return protection.open_bytes(_context(uuid, digest), sealed)


def _complete(
    connection: Connection,
    place: tuple[str, str],
    size: int,
    finish: tuple[AttachmentStore, DataProtection, datetime],
) -> UploadOutcome:
    uuid, digest = place
    store, protection, now = finish
    pieces = connection.query(
        "SELECT data FROM attachment_chunks WHERE application_uuid = ? AND digest = ?"
        " ORDER BY start_offset",
        [uuid, digest],
    )
    data = b"".join(base64.b64decode(str(piece[0])) for piece in pieces)
    connection.execute(
        "DELETE FROM attachment_chunks WHERE application_uuid = ? AND digest = ?", [uuid, digest]
    )
    if len(data) != size or hashlib.sha256(data).hexdigest() != digest:
        connection.execute(
            "UPDATE attachments SET size = NULL, received = 0"
            " WHERE application_uuid = ? AND digest = ?",
            [uuid, digest],
        )
        return UploadOutcome(_status(uuid, digest, _Row(None, 0, False)), digest_mismatch=True)
    store.put(attachment_key(uuid, digest), protection.seal_bytes(_context(uuid, digest), data))
    connection.execute(
        "UPDATE attachments SET completed_at = ? WHERE application_uuid = ? AND digest = ?",
        [format_timestamp(now), uuid, digest],
    )
    return UploadOutcome(_status(uuid, digest, _Row(size, size, True)))


def _locked_row(connection: Connection, kiosk_code: str, uuid: str, digest: str) -> _Row:
    """The attachment's row, locked for this transaction (404 unless the kiosk's own)."""
    lock = " FOR UPDATE OF t" if connection.dialect is Dialect.POSTGRESQL else ""
    rows = connection.query(
        "SELECT t.size, t.received, t.completed_at FROM attachments t"
        " JOIN applications a ON a.uuid = t.application_uuid"
        f" WHERE t.application_uuid = ? AND t.digest = ? AND a.kiosk_code = ?{lock}",
        [uuid, digest, kiosk_code],
    )
    if not rows:
        raise Refusal(
            404,
            "unknown_attachment",
            "no application of this kiosk names this attachment (send the application first)",
        )
    size, received, completed_at = rows[0]
    return _Row(None if size is None else int(size), int(received), completed_at is not None)


def _status(uuid: str, digest: str, row: _Row) -> AttachmentStatus:
    return AttachmentStatus(
        uuid=uuid,
        digest=digest,
        size=min(row.size or 0, MAX_ATTACHMENT_BYTES),
        received=row.received,
        complete=row.complete,
    )


def _context(uuid: str, digest: str) -> str:
    return json.dumps(["attachment", uuid, digest])
