"""Sending the public's feedback to the centre, after the applications.

Each item carries its UUID, so a lost answer only means the same items are
sent again and stored once; they are marked sent when the centre names them.
"""

from __future__ import annotations

from sqlite_utils import Database

from kiosk.clock import Clock
from kiosk.feedback import mark_sent, unsent
from sync.client import CentralClient
from sync.protocol import MAX_FEEDBACK_ITEMS, FeedbackBatch, FeedbackRecord


def send_feedback(db: Database, client: CentralClient, clock: Clock) -> int:
    """Send everything not yet sent, in batches; return how many the centre took."""
    sent = 0
    while True:
        waiting = unsent(db, MAX_FEEDBACK_ITEMS)
        if not waiting:
            return sent
        batch = FeedbackBatch(
            items=[
                FeedbackRecord(
                    uuid=item.uuid,
                    created_at=item.created_at,
                    language=item.language,
                    rating=item.rating,
                    topic=item.topic,
                    comment=item.comment,
                    contact=item.contact,
                )
                for item in waiting
            ]
        )
        stored = set(client.send_feedback(batch).stored)
        taken = [item.uuid for item in waiting if item.uuid in stored]
        mark_sent(db, taken, clock)
        sent += len(taken)
        if len(taken) < len(waiting):
            return sent  # the rest waits for the next cycle rather than looping
