"""Anchoring each kiosk's audit chain head at the centre.

A kiosk's audit log is hash-chained, but a kiosk alone cannot prove that
entries were not cut from its end and the chain rebuilt. Each anchor sends
the links (ids and hashes, no content) added since the previous anchor; the
centre accepts them only if they continue the head it already holds, so a
rewritten history is caught at the next sync.
"""

from __future__ import annotations

from datetime import datetime

from central.database import Connection
from central.errors import conflict
from kiosk.audit import GENESIS_HASH
from kiosk.clock import format_timestamp
from sync.protocol import AnchorResponse, AuditLink

CHAIN_BROKEN = "audit_chain_broken"
"""The refusal code of links that do not continue the anchored head."""


def anchor(
    connection: Connection, kiosk_code: str, links: list[AuditLink], now: datetime
) -> AnchorResponse:
    """Check that ``links`` continue the stored head, then store the new head."""
    rows = connection.query(
        "SELECT head_id, head_hash FROM audit_anchors WHERE kiosk_code = ?", [kiosk_code]
    )
    head_id, head_hash = (int(rows[0][0]), str(rows[0][1])) if rows else (0, GENESIS_HASH)
    if links[-1].id <= head_id:
        # A resend of links the centre already holds: accept if they match.
        return _check_known(connection, kiosk_code, links, head_id, head_hash)
    expected_id, expected_prev = head_id + 1, head_hash
    for link in links:
        if link.id < expected_id:
            if link.id == head_id and link.hash != head_hash:
                raise conflict(
                    CHAIN_BROKEN, f"audit entry {link.id} differs from the anchored head"
                )
            continue
        if link.id != expected_id or link.prev_hash != expected_prev:
            raise conflict(
                CHAIN_BROKEN,
                f"audit entry {link.id} does not continue the anchored head {head_id}",
            )
        expected_id, expected_prev = link.id + 1, link.hash
    stamp = format_timestamp(now)
    new_id, new_hash = links[-1].id, links[-1].hash
    connection.execute(
        "INSERT INTO audit_anchors (kiosk_code, head_id, head_hash, anchored_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (kiosk_code) DO UPDATE SET"
        " head_id = excluded.head_id, head_hash = excluded.head_hash,"
        " anchored_at = excluded.anchored_at",
        [kiosk_code, new_id, new_hash, stamp],
    )
    return AnchorResponse(head_id=new_id, head_hash=new_hash)


def _check_known(
    connection: Connection,
    kiosk_code: str,
    links: list[AuditLink],
    head_id: int,
    head_hash: str,
) -> AnchorResponse:
    for link in links:
        if link.id == head_id and link.hash != head_hash:
            raise conflict(CHAIN_BROKEN, f"audit entry {link.id} differs from the anchored head")
    return AnchorResponse(head_id=head_id, head_hash=head_hash)
