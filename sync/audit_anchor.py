"""Sending the audit chain's new links to the centre, which checks they continue.

Only ids and hashes leave the kiosk. The position anchored last is kept in
settings; a lost answer just means the same links are sent again, which the
centre accepts as already anchored.
"""

from __future__ import annotations

from sqlite_utils import Database

from kiosk import audit
from kiosk.store import transaction
from sync import sync_settings
from sync.client import CentralClient
from sync.protocol import MAX_ANCHOR_LINKS, AnchorRequest, AuditLink


def anchor_audit_chain(db: Database, client: CentralClient, backlog: int) -> int:
    """Anchor every entry written since the last anchor; return the anchored head id."""
    anchored = int(sync_settings.read(db, sync_settings.ANCHORED_ID) or 0)
    while True:
        entries = audit.entries(db, after_id=anchored)[:MAX_ANCHOR_LINKS]
        if not entries:
            return anchored
        links = [AuditLink(id=e.id, prev_hash=e.prev_hash, hash=e.hash) for e in entries]
        answer = client.anchor(AnchorRequest(links=links, backlog=backlog))
        anchored = answer.head_id
        with transaction(db):
            sync_settings.write(db, sync_settings.ANCHORED_ID, str(anchored))
