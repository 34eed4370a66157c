"""Sending document photos after their applications, in chunks that survive a cut link.

A photo goes once its application was acknowledged (the centre refuses a
photo of an application it does not know). An upload resumed starts by
asking the centre how much it already holds (one never started skips the
question: nothing of it can be there, and a 2G round trip is worth saving),
then sends the rest chunk by chunk, each chunk naming its offset. After a
cut the next cycle asks again and goes on from there: at most the one chunk
that was in flight is sent twice, and the centre appends a chunk only at the
exact offset, so it is never stored twice (:mod:`central.attachments`). The
photo is marked uploaded only when the centre answers that it holds all of
it and the digest matched.

Photos are sealed at rest, so uploading needs the kiosk unlocked. A photo
whose field lost its answer before submit (the question stopped applying) is
dropped here instead of sent.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk.attachments import (
    StoredAttachment,
    forget_unanswered,
    mark_upload_started,
    mark_uploaded,
    open_attachment,
    waiting_to_upload,
)
from kiosk.clock import Clock
from kiosk.security.contexts import answers_context
from kiosk.security.key_material import KioskKeys
from sync.client import CentralClient, CentralRefused
from sync.protocol import ATTACHMENT_CHUNK_BYTES, AttachmentStatus

log = logging.getLogger(__name__)

LOCKED = "the kiosk is locked: its keys are needed to send photos"
WHOLE_KIOSK_CODES = frozenset({"kiosk_revoked", "unauthenticated", "insecure_url"})


@dataclass(frozen=True)
class UploadReport:
    """What one :func:`upload_attachments` did; ``problems`` are photos that must wait."""

    completed: int = 0
    chunks: int = 0
    bytes_sent: int = 0
    problems: tuple[str, ...] = ()


@dataclass
class _Tally:
    chunks: int = 0
    bytes_sent: int = 0


def upload_attachments(
    db: Database,
    client: CentralClient,
    clock: Clock,
    keys: KioskKeys,
    chunk_bytes: int = ATTACHMENT_CHUNK_BYTES,
) -> UploadReport:
    """Upload every photo that waits, resuming each where the centre says it stopped.

    A link that goes down raises :class:`~sync.client.CentralUnavailable` (the
    sync cycle ends there and the next one resumes); a refusal of one photo
    is noted and the others still go.
    """
    if not keys.is_unlocked:
        return UploadReport(problems=(LOCKED,))
    tally = _Tally()
    completed = 0
    problems: list[str] = []
    refused: set[tuple[str, str]] = set()
    while True:
        waiting = [
            item
            for item in waiting_to_upload(db)
            if (item.application_uuid, item.field_id) not in refused
        ]
        if not waiting:
            break
        for attachment in waiting:
            if not _still_answered(db, keys, attachment):
                continue
            try:
                _upload_one(db, client, clock, keys, attachment, chunk_bytes, tally)
            except CentralRefused as error:
                if error.status == 401 or error.code in WHOLE_KIOSK_CODES:
                    raise
                refused.add((attachment.application_uuid, attachment.field_id))
                problems.append(
                    f"photo {attachment.field_id} of {attachment.application_uuid}: {error}"
                )
                continue
            mark_uploaded(db, clock, attachment)
            completed += 1
    return UploadReport(completed, tally.chunks, tally.bytes_sent, tuple(problems))


def _upload_one(
    db: Database,
    client: CentralClient,
    clock: Clock,
    keys: KioskKeys,
    attachment: StoredAttachment,
    chunk_bytes: int,
    tally: _Tally,
) -> None:
    """Send what the centre lacks of one photo; returns once it holds all of it."""
    data = open_attachment(db, keys, attachment)
    uuid, digest = attachment.application_uuid, attachment.digest
    if attachment.upload_started:
        status = client.attachment_status(uuid, digest)
    else:  # nothing of it can be at the centre yet: no round trip to ask
        mark_upload_started(db, clock, attachment)
        status = AttachmentStatus(
            uuid=uuid, digest=digest, size=len(data), received=0, complete=False
        )
    restarted = False
    while not status.complete:
        offset = status.received
        chunk = data[offset : offset + chunk_bytes]
        try:
            status = client.send_chunk(uuid, digest, offset, len(data), chunk)
        except CentralRefused as error:
            if error.code != "digest_mismatch" or restarted:
                raise
            # Bytes went wrong on the way: the centre threw them away; once more from 0.
            restarted = True
            status = AttachmentStatus(
                uuid=uuid, digest=digest, size=len(data), received=0, complete=False
            )
        tally.chunks += 1
        tally.bytes_sent += len(chunk)
    log.info("document photo %s uploaded (%d bytes)", attachment.field_id, attachment.size)


def _still_answered(db: Database, keys: KioskKeys, attachment: StoredAttachment) -> bool:
    """Whether the submitted answers still name the photo; drops it when they do not."""
    row = db.execute(
        "SELECT sealed_answers FROM applications WHERE uuid = ?", [attachment.application_uuid]
    ).fetchone()
    if row is None:
        return False
    if row[0] is None:
        return True  # the answers were purged after the centre had them; the photo was named
    opened = keys.unseal(bytes(row[0]), answers_context(attachment.application_uuid))
    answers = json.loads(opened)
    named = {value for value in answers.values() if isinstance(value, str)}
    if attachment.digest in named:
        return True
    forget_unanswered(db, attachment.application_uuid, named)
    return False
