"""The audit log: an append-only, hash-chained record of what the kiosk did.

Each entry stores the hash of the entry before it, and its own hash is
``sha256(previous hash + canonical JSON of the entry)``, where the canonical
JSON covers id, time, action, subject, actor and details with sorted keys and
no whitespace. Editing, removing or reordering any entry therefore breaks the
chain from that point on, and :func:`verify` names the first broken entry.
Removing entries from the end is caught through ``sqlite_sequence``, which
remembers the highest id ever used; rewriting that too is caught only by the
sync worker, which sends the chain head to the central platform (anchoring).

Triggers in the schema refuse UPDATE and DELETE on the table, which stops
accidents; the hash chain is what exposes deliberate tampering.

The log is read by auditors and leaves the kiosk, so it never holds personal
data: subjects are ids, and details accept only the keys in
:data:`ALLOWED_DETAIL_KEYS` with short identifier-like values (no spaces, no
prose). Free text that could carry a name or an answer is refused outright.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sqlite_utils import Database

from kiosk.clock import Clock, format_timestamp

GENESIS_HASH = "0" * 64
"""The ``prev_hash`` of the first entry."""

DetailValue = str | int | bool | None

ALLOWED_DETAIL_KEYS: frozenset[str] = frozenset(
    {
        "application_uuid",
        "assisted",
        "count",
        "digest",
        "file",
        "form_id",
        "form_version",
        "from_version",
        "kiosk_code",
        "language",
        "outbox_id",
        "paper",
        "print_job_id",
        "reason_code",
        "role",
        "seconds",
        "state",
        "to_version",
        "tracking_number",
    }
)
"""Detail keys that can only ever hold identifiers, never personal data.

Adding a key is a deliberate, reviewed change: check first that no value it
could hold identifies or describes a person.
"""

_ACTION = re.compile(r"[a-z][a-z0-9_]{0,63}")
_ACTOR = re.compile(r"[a-z]+(:[A-Za-z0-9_.-]{1,64})?")
_IDENTIFIER = re.compile(r"[A-Za-z0-9_.:+-]{0,128}")
_COLUMNS = "id, at, action, subject, actor, details, prev_hash, hash"


@dataclass(frozen=True)
class AuditEntry:
    """One link of the chain, as stored."""

    id: int
    at: str
    action: str
    subject: str
    actor: str
    details: Mapping[str, DetailValue]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class AuditVerification:
    """The outcome of walking the chain.

    ``entries_checked`` counts the entries found intact before the first
    problem (all of them when ``ok``). ``first_broken_id`` is the id of the
    first entry that was edited, is missing, or no longer links to the one
    before it; ``reason`` says which, for the person investigating.
    """

    ok: bool
    entries_checked: int
    first_broken_id: int | None
    reason: str | None


def append(
    db: Database,
    action: str,
    subject: str,
    actor: str,
    details: Mapping[str, DetailValue],
    clock: Clock,
) -> AuditEntry:
    """Add an entry inside the caller's open transaction and return it.

    It must share the transaction of the change it records, so that the
    change and its record are committed, or lost, together.

    ``action`` is a snake_case verb phrase (``application_submitted``),
    ``subject`` the id of what was acted on, ``actor`` who acted
    (``kiosk``, ``applicant``, ``clerk:<staff id>``).
    """
    if not db.conn.in_transaction:
        raise RuntimeError("audit.append must run inside the transaction of the change")
    _check_fields(action, subject, actor, details)
    previous = _last_link(db)
    entry_id = max(previous[0], _highest_id_ever(db)) + 1
    at = format_timestamp(clock.now())
    clean = dict(details)
    prev_hash = previous[1]
    entry_hash = _link_hash(prev_hash, entry_id, at, action, subject, actor, clean)
    db.execute(
        f"INSERT INTO audit ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [entry_id, at, action, subject, actor, _canonical(clean), prev_hash, entry_hash],
    )
    return AuditEntry(
        id=entry_id,
        at=at,
        action=action,
        subject=subject,
        actor=actor,
        details=MappingProxyType(clean),
        prev_hash=prev_hash,
        hash=entry_hash,
    )


def verify(db: Database) -> AuditVerification:
    """Walk the whole chain from the first entry and report the first break."""
    expected_id = 1
    expected_prev = GENESIS_HASH
    checked = 0
    for row in db.query(f"SELECT {_COLUMNS} FROM audit ORDER BY id"):
        entry_id = int(row["id"])
        if entry_id != expected_id:
            return _broken(checked, expected_id, f"entry {expected_id} is missing")
        if row["prev_hash"] != expected_prev:
            return _broken(
                checked, entry_id, f"entry {entry_id} does not link to entry {entry_id - 1}"
            )
        try:
            details = json.loads(str(row["details"]))
        except ValueError:
            return _broken(checked, entry_id, f"entry {entry_id} has unreadable details")
        recomputed = _link_hash(
            expected_prev,
            entry_id,
            str(row["at"]),
            str(row["action"]),
            str(row["subject"]),
            str(row["actor"]),
            details,
        )
        if recomputed != row["hash"]:
            return _broken(checked, entry_id, f"entry {entry_id} was altered after it was written")
        expected_prev = str(row["hash"])
        expected_id += 1
        checked += 1
    highest = _highest_id_ever(db)
    if highest >= expected_id:
        return _broken(
            checked, expected_id, f"entries {expected_id} to {highest} are missing from the end"
        )
    return AuditVerification(ok=True, entries_checked=checked, first_broken_id=None, reason=None)


def entries(db: Database, after_id: int = 0) -> list[AuditEntry]:
    """Return the entries with an id above ``after_id``, oldest first."""
    rows = db.query(f"SELECT {_COLUMNS} FROM audit WHERE id > ? ORDER BY id", [after_id])
    return [
        AuditEntry(
            id=int(row["id"]),
            at=str(row["at"]),
            action=str(row["action"]),
            subject=str(row["subject"]),
            actor=str(row["actor"]),
            details=MappingProxyType(json.loads(str(row["details"]))),
            prev_hash=str(row["prev_hash"]),
            hash=str(row["hash"]),
        )
        for row in rows
    ]


def _check_fields(
    action: str, subject: str, actor: str, details: Mapping[str, DetailValue]
) -> None:
    """Refuse anything that is not an identifier, so personal data cannot slip in."""
    if not _ACTION.fullmatch(action):
        raise ValueError(f"audit action {action!r} is not a snake_case identifier")
    if not subject or not _IDENTIFIER.fullmatch(subject):
        raise ValueError(f"audit subject {subject!r} is not an identifier")
    if not _ACTOR.fullmatch(actor):
        raise ValueError(f"audit actor {actor!r} is not 'role' or 'role:id'")
    for key, value in details.items():
        if key not in ALLOWED_DETAIL_KEYS:
            raise ValueError(
                f"audit detail {key!r} is not in ALLOWED_DETAIL_KEYS"
                " (details must never carry personal data)"
            )
        if value is None or isinstance(value, bool | int):
            continue
        if not isinstance(value, str) or not _IDENTIFIER.fullmatch(value):
            raise ValueError(f"audit detail {key!r} must be an identifier, not {value!r}")


def _last_link(db: Database) -> tuple[int, str]:
    """Id and hash of the newest entry, or (0, genesis) for an empty log."""
    row = db.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return 0, GENESIS_HASH
    return int(row[0]), str(row[1])


def _highest_id_ever(db: Database) -> int:
    """The highest audit id SQLite ever handed out, even if since deleted."""
    row = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    return 0 if row is None else int(row[0])


def _link_hash(
    prev_hash: str,
    entry_id: int,
    at: str,
    action: str,
    subject: str,
    actor: str,
    details: object,
) -> str:
    content = {
        "id": entry_id,
        "at": at,
        "action": action,
        "subject": subject,
        "actor": actor,
        "details": details,
    }
    return hashlib.sha256((prev_hash + _canonical(content)).encode("utf-8")).hexdigest()


def _canonical(value: object) -> str:
    """JSON with sorted keys and no whitespace: one text per value, for hashing."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _broken(checked: int, entry_id: int, reason: str) -> AuditVerification:
    return AuditVerification(
        ok=False, entries_checked=checked, first_broken_id=entry_id, reason=reason
    )
