"""``/applications/{uuid}/attachments/{digest}``: a document photo, uploaded in resumable chunks.

``GET`` says how many bytes the centre holds (where to resume); ``PUT`` with
``offset`` and ``size`` appends one chunk of at most
:data:`~sync.protocol.ATTACHMENT_CHUNK_BYTES` and answers the new status.
See :mod:`central.attachments` for why a cut link can never store a byte twice.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request
from starlette.concurrency import run_in_threadpool

from central import attachments
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.api.request_body import read_body
from central.errors import Refusal
from sync.protocol import (
    ATTACHMENT_CHUNK_BYTES,
    HASH_PATTERN,
    MAX_ATTACHMENT_BYTES,
    UUID_PATTERN,
    AttachmentStatus,
)

router = APIRouter(prefix="/applications", tags=["attachments"], responses=ERROR_RESPONSES)

UuidPath = Annotated[str, Path(pattern=UUID_PATTERN)]
DigestPath = Annotated[str, Path(pattern=HASH_PATTERN)]
_CHUNK_BODY = {
    "requestBody": {
        "required": True,
        "description": f"The bytes from offset on, at most {ATTACHMENT_CHUNK_BYTES}",
        "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
    }
}


@router.get("/{uuid}/attachments/{digest}", response_model=AttachmentStatus)
def upload_status(
    platform: PlatformDep, kiosk: KioskDep, uuid: UuidPath, digest: DigestPath
) -> AttachmentStatus:
    """How much of the photo has arrived: the offset to resume from."""
    with platform.database.transaction() as connection:
        return attachments.attachment_status(connection, kiosk, uuid, digest)


@router.put(
    "/{uuid}/attachments/{digest}",
    response_model=AttachmentStatus,
    openapi_extra=_CHUNK_BODY,
)
async def upload_chunk(
    request: Request,
    platform: PlatformDep,
    kiosk: KioskDep,
    uuid: UuidPath,
    digest: DigestPath,
    offset: Annotated[int, Query(ge=0, lt=MAX_ATTACHMENT_BYTES)],
    size: Annotated[int, Query(ge=1, le=MAX_ATTACHMENT_BYTES)],
) -> AttachmentStatus:
    """Append the chunk if it starts where the received bytes end; otherwise change
    nothing. Either way the answer says where the next chunk starts."""
    chunk = await read_body(request, ATTACHMENT_CHUNK_BYTES)
    outcome = await run_in_threadpool(
        _receive, platform, kiosk, (uuid, digest), offset, size, chunk
    )
    if outcome.digest_mismatch:
        raise Refusal(
            422,
            "digest_mismatch",
            "the photo's bytes do not hash to its digest; they were discarded, send it again",
        )
    return outcome.status


def _receive(
    platform: PlatformDep,
    kiosk: str,
    place: tuple[str, str],
    offset: int,
    size: int,
    chunk: bytes,
) -> attachments.UploadOutcome:
    now = platform.clock.now()
    with platform.database.transaction() as connection:
        return attachments.receive_chunk(
            connection,
            kiosk,
            place,
            offset,
            size,
            chunk,
            (platform.attachments, platform.protection, now),
        )
