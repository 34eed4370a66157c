"""Storing the public's feedback sent by kiosks, once per UUID."""

from __future__ import annotations

from datetime import datetime

from central.database import Connection
from kiosk.clock import format_timestamp
from sync.protocol import FeedbackRecord


def store_feedback(
    connection: Connection, kiosk_code: str, items: list[FeedbackRecord], now: datetime
) -> list[str]:
    """Insert the items not yet stored; return every UUID the centre now holds.

    An item whose UUID another kiosk already used is not this kiosk's to claim,
    so it is left out of the answer (and the kiosk keeps it for a person to look at).
    """
    stamp = format_timestamp(now)
    held = []
    for item in items:
        connection.execute(
            "INSERT INTO feedback (uuid, kiosk_code, created_at, language, rating, topic,"
            " comment, contact, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (uuid) DO NOTHING",
            [
                item.uuid,
                kiosk_code,
                item.created_at,
                item.language,
                item.rating,
                item.topic,
                item.comment,
                item.contact,
                stamp,
            ],
        )
        owner = connection.query("SELECT kiosk_code FROM feedback WHERE uuid = ?", [item.uuid])
        if owner and owner[0][0] == kiosk_code:
            held.append(item.uuid)
    return held
