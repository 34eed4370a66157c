"""What the public says about the service: a one-tap rating after the receipt,
and complaints or suggestions.

Feedback is anonymous unless the person chooses to leave a contact. It is
kept until the central platform has it, which counts it in its statistics
and passes complaints to the people who answer them. The words and the
contact are sealed to the kiosk's public key like an application's answers
(a complaint can name people), so feedback is taken while the kiosk is
locked and sent once it is unlocked. The audit log records that feedback was
given, never what it says.
"""

from __future__ import annotations

import uuid as uuid_module
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.feedback_rules import MAX_COMMENT, MAX_CONTACT, RATINGS, TOPICS
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import transaction


class FeedbackError(ValueError):
    """Feedback the kiosk will not keep (an unknown rating or topic, nothing said)."""


@dataclass(frozen=True)
class Feedback:
    """One rating, or one complaint or suggestion (or both)."""

    uuid: str
    created_at: str
    language: str
    rating: int | None
    topic: str | None
    comment: str | None
    contact: str | None


def record_feedback(
    db: Database,
    clock: Clock,
    language: str,
    rating: int | None = None,
    topic: str | None = None,
    comment: str | None = None,
    contact: str | None = None,
    keys: KioskKeys | None = None,
) -> Feedback:
    """Keep feedback until it is sent; texts are trimmed and cut to a sane length.

    ``keys`` is the process's shared keys (read from the database when not given).
    """
    if rating is not None and rating not in RATINGS:
        raise FeedbackError(f"rating {rating!r} is not one of {RATINGS}")
    if topic is not None and topic not in TOPICS:
        raise FeedbackError(f"topic {topic!r} is not one of {TOPICS}")
    comment = _trimmed(comment, MAX_COMMENT)
    contact = _trimmed(contact, MAX_CONTACT)
    if rating is None and topic is None and comment is None:
        raise FeedbackError("feedback needs a rating, a topic or a comment")
    given = Feedback(
        uuid=str(uuid_module.uuid4()),
        created_at=format_timestamp(clock.now()),
        language=language,
        rating=rating,
        topic=topic,
        comment=comment,
        contact=contact,
    )
    keys = keys or open_keys(db)
    sealed = [
        None if text is None else keys.seal(text.encode("utf-8"), _context(given.uuid, part))
        for part, text in (("comment", comment), ("contact", contact))
    ]
    with transaction(db):
        db.execute(
            "INSERT INTO feedback (uuid, created_at, language, rating, topic,"
            " sealed_comment, sealed_contact) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [given.uuid, given.created_at, language, rating, topic, *sealed],
        )
        audit.append(db, "feedback_given", given.uuid, "public", {}, clock)
    return given


def unsent(db: Database, keys: KioskKeys, limit: int = 200) -> list[Feedback]:
    """Feedback the centre does not have yet, oldest first, opened with the unlocked
    keys (:class:`~kiosk.errors.KioskLockedError` while the kiosk is locked)."""
    rows = db.execute(
        "SELECT uuid, created_at, language, rating, topic, sealed_comment, sealed_contact"
        " FROM feedback WHERE sent_at IS NULL ORDER BY created_at, uuid LIMIT ?",
        [limit],
    ).fetchall()
    return [
        Feedback(
            uuid,
            created_at,
            language,
            rating,
            topic,
            _opened(keys, comment, _context(uuid, "comment")),
            _opened(keys, contact, _context(uuid, "contact")),
        )
        for uuid, created_at, language, rating, topic, comment, contact in rows
    ]


def mark_sent(db: Database, uuids: list[str], clock: Clock) -> None:
    """The centre acknowledged these; they are not sent again."""
    stamp = format_timestamp(clock.now())
    with transaction(db):
        db.conn.executemany(
            "UPDATE feedback SET sent_at = ? WHERE uuid = ? AND sent_at IS NULL",
            [(stamp, uuid) for uuid in uuids],
        )


def _context(uuid: str, part: str) -> str:
    return f"feedback/{uuid}/{part}"


def _opened(keys: KioskKeys, sealed: bytes | None, context: str) -> str | None:
    return None if sealed is None else keys.unseal(bytes(sealed), context).decode("utf-8")


def _trimmed(text: str | None, limit: int) -> str | None:
    if text is None:
        return None
    text = text.strip()[:limit]
    return text or None
