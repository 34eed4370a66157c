"""Staff accounts: who may open the clerk screens, with which role, and lock-out.

Each member of staff has a numeric staff id (typed on the keypad), a display
name, a role and a PIN stored only as an argon2id hash, so reading the
database reveals no PIN. Accounts come from two places: a local one made at
the kiosk with ``kiosk staff add`` (the first-run administrator), and those
provisioned by the central platform on each sync (:mod:`kiosk.staff_provisioning`).

Guessing is slowed by lock-out: after :data:`LOCKOUT_THRESHOLD` wrong PINs in
a row the account is locked for :data:`FIRST_LOCKOUT`, and every further wrong
PIN after that doubles the wait, up to :data:`MAX_LOCKOUT`. A correct PIN
resets the count; a supervisor or administrator can unlock at once.

Every sign-in, failure, lock-out, sign-out, unlock and account change is
audited in the transaction that changes the account. A staff id that does not
exist is audited without what was typed: a villager may have typed their ID
number into the wrong box, and the audit log never holds personal data.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp, parse_timestamp
from kiosk.store import transaction

MIN_PIN_LENGTH = 4
MAX_PIN_LENGTH = 12
FLEET_PIN_LENGTH = 12
"""Digits of the PIN of an account valid on every kiosk (``*``).

Every kiosk holds that account's argon2id hash, so one stolen kiosk lets a
thief try every PIN offline, with no lock-out: 10^12 guesses at argon2id's
cost are centuries of one core (arithmetic in docs/security.md), where four
digits fell in under two minutes. An account for one kiosk opens only the
kiosk the thief already has, and keeps the short PIN.
"""
LOCKOUT_THRESHOLD = 5
"""Wrong PINs in a row that lock an account."""
FIRST_LOCKOUT = timedelta(minutes=1)
MAX_LOCKOUT = timedelta(hours=1)

STAFF_ID = re.compile(r"[0-9]{1,12}")
"""Staff ids are digits, because they are typed on the keypad."""

UNKNOWN_SUBJECT = "unknown-staff"
"""The audit subject of a sign-in with a staff id that does not exist."""

# OWASP's minimum for argon2id (19 MiB, two passes): a kiosk has two cores
# shared with everything else, and a sign-in must answer within a second.
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
_LEGACY_PREFIX = "scrypt$"
_LEGACY_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
_DUMMY_HASH = _HASHER.hash("not-a-pin")
_COLUMNS = "staff_id, display_name, role, pin_hash, source, active, failed_count, locked_until"


class Role(StrEnum):
    """What a member of staff may do; each role can do what the ones before it can."""

    CLERK = "clerk"
    SUPERVISOR = "supervisor"
    ADMINISTRATOR = "administrator"

    @property
    def can_unlock(self) -> bool:
        """Supervisors and administrators unlock locked accounts."""
        return self is not Role.CLERK

    @property
    def can_quit_kiosk(self) -> bool:
        """Supervisors and administrators may close the kiosk program."""
        return self is not Role.CLERK


class StaffError(ValueError):
    """A staff account request that cannot be carried out; the message says why."""


class SignInOutcome(StrEnum):
    """Why a sign-in succeeded or not; the screen turns it into a sentence."""

    ACCEPTED = "accepted"
    WRONG_PIN = "wrong_pin"
    LOCKED = "locked"
    UNKNOWN = "unknown"
    DISABLED = "disabled"
    NOT_SET_UP = "not_set_up"


@dataclass(frozen=True)
class StaffAccount:
    """One member of staff, as stored (without the PIN hash)."""

    staff_id: str
    display_name: str
    role: Role
    source: str
    active: bool
    failed_count: int
    locked_until: datetime | None

    @property
    def actor(self) -> str:
        """How the audit log names this person: ``clerk:1001``."""
        return f"{self.role.value}:{self.staff_id}"


@dataclass(frozen=True)
class SignIn:
    """The outcome of one sign-in attempt."""

    outcome: SignInOutcome
    account: StaffAccount | None = None
    locked_until: datetime | None = None


def hash_pin(pin: str) -> str:
    """The argon2id hash of a PIN, after checking its shape."""
    check_pin(pin)
    return _HASHER.hash(pin)


def check_pin(pin: str) -> None:
    """Refuse a PIN that is not MIN_PIN_LENGTH to MAX_PIN_LENGTH digits."""
    if not (MIN_PIN_LENGTH <= len(pin) <= MAX_PIN_LENGTH and pin.isdigit()):
        raise StaffError(f"a PIN is {MIN_PIN_LENGTH} to {MAX_PIN_LENGTH} digits")


def check_staff_id(staff_id: str) -> None:
    """Refuse a staff id that is not 1 to 12 digits."""
    if not STAFF_ID.fullmatch(staff_id):
        raise StaffError("a staff id is 1 to 12 digits")


def has_staff(db: Database) -> bool:
    """Whether any account exists: without one the kiosk is not set up yet."""
    return db.execute("SELECT 1 FROM staff LIMIT 1").fetchone() is not None


def add_staff(
    db: Database,
    staff_id: str,
    display_name: str,
    role: Role,
    pin: str,
    clock: Clock,
    actor: str = "kiosk",
) -> StaffAccount:
    """Create a local account (refused if the staff id is taken); audited."""
    check_staff_id(staff_id)
    if not display_name.strip():
        raise StaffError("a member of staff needs a display name")
    pin_hash = hash_pin(pin)
    now = format_timestamp(clock.now())
    with transaction(db):
        if _row(db, staff_id) is not None:
            raise StaffError(f"staff id {staff_id} already exists")
        db.execute(
            "INSERT INTO staff (staff_id, display_name, role, pin_hash, source, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, 'local', ?, ?)",
            [staff_id, display_name.strip(), role.value, pin_hash, now, now],
        )
        audit.append(db, "staff_added", staff_id, actor, {"role": role.value}, clock)
    account = get_staff(db, staff_id)
    assert account is not None
    return account


def set_active(db: Database, staff_id: str, active: bool, clock: Clock, actor: str) -> None:
    """Disable (or enable again) an account; audited."""
    with transaction(db):
        if _row(db, staff_id) is None:
            raise StaffError(f"no staff id {staff_id}")
        db.execute(
            "UPDATE staff SET active = ?, updated_at = ? WHERE staff_id = ?",
            [int(active), format_timestamp(clock.now()), staff_id],
        )
        action = "staff_enabled" if active else "staff_disabled"
        audit.append(db, action, staff_id, actor, {}, clock)


def get_staff(db: Database, staff_id: str) -> StaffAccount | None:
    """The account with this staff id, or None."""
    row = _row(db, staff_id)
    return None if row is None else _account(row)


def all_staff(db: Database) -> list[StaffAccount]:
    """Every account, by staff id."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM staff ORDER BY staff_id").fetchall()
    return [_account(tuple(row)) for row in rows]


def sign_in(
    db: Database,
    staff_id: str,
    pin: str,
    clock: Clock,
    replacing: StaffAccount | None = None,
    confirming: bool = False,
) -> SignIn:
    """Check a staff id and PIN, counting failures and locking out; audited.

    ``replacing`` is the member of staff whose session is open: if someone
    else signs in, that session ends (``replaced``) in the same transaction,
    recorded before the new sign-in, so one session never covers two people.
    ``confirming`` asks a signed-in person for their PIN again before a
    grave step (quitting the kiosk): a success is audited as
    ``staff_pin_confirmed``, failures count towards lock-out as usual.

    The PIN is verified outside the transaction (argon2 is slow on purpose
    and must not hold the write lock); the count is then updated from the
    row as it is at that moment, so two attempts at once both count.
    """
    if not has_staff(db):
        return SignIn(SignInOutcome.NOT_SET_UP)
    row = _row(db, staff_id) if STAFF_ID.fullmatch(staff_id) else None
    now = clock.now()
    if row is None:
        _verify(_DUMMY_HASH, pin)  # the same delay as a known id: ids are not enumerable
        with transaction(db):
            details = {"reason_code": SignInOutcome.UNKNOWN.value}
            audit.append(db, "staff_login_failed", UNKNOWN_SUBJECT, "kiosk", details, clock)
        return SignIn(SignInOutcome.UNKNOWN)
    account = _account(row)
    if not account.active:
        with transaction(db):
            details = {"reason_code": SignInOutcome.DISABLED.value}
            audit.append(db, "staff_login_failed", staff_id, "kiosk", details, clock)
        return SignIn(SignInOutcome.DISABLED, account)
    if account.locked_until is not None and account.locked_until > now:
        with transaction(db):
            details = {"reason_code": SignInOutcome.LOCKED.value}
            audit.append(db, "staff_login_failed", staff_id, "kiosk", details, clock)
        return SignIn(SignInOutcome.LOCKED, account, account.locked_until)
    pin_hash = str(row[3])
    if _verify(pin_hash, pin):
        action = "staff_pin_confirmed" if confirming else "staff_login"
        return _accept(db, account, pin_hash, pin, clock, replacing, action)
    return _refuse(db, staff_id, clock)


def sign_out(db: Database, account: StaffAccount, reason_code: str, clock: Clock) -> None:
    """Record the end of a clerk session (``end_tapped``, ``inactivity``, ``replaced``)."""
    with transaction(db):
        details = {"reason_code": reason_code}
        audit.append(db, "staff_logout", account.staff_id, account.actor, details, clock)


def unlock(db: Database, staff_id: str, by: StaffAccount, clock: Clock) -> None:
    """Clear a lock-out; only a supervisor or administrator may, never on their own account."""
    if not by.role.can_unlock:
        raise StaffError("only a supervisor or an administrator can unlock an account")
    if staff_id == by.staff_id:
        raise StaffError("nobody can unlock their own account")
    with transaction(db):
        if _row(db, staff_id) is None:
            raise StaffError(f"no staff id {staff_id}")
        db.execute(
            "UPDATE staff SET failed_count = 0, locked_until = NULL, updated_at = ?"
            " WHERE staff_id = ?",
            [format_timestamp(clock.now()), staff_id],
        )
        audit.append(db, "staff_unlocked", staff_id, by.actor, {}, clock)


def locked_accounts(db: Database, clock: Clock) -> list[StaffAccount]:
    """Accounts locked at this moment, for the supervisor's unlock buttons."""
    now = clock.now()
    return [
        account
        for account in all_staff(db)
        if account.locked_until is not None and account.locked_until > now
    ]


def lockout_for(failed_count: int) -> timedelta | None:
    """How long an account with this many failures in a row stays locked."""
    if failed_count < LOCKOUT_THRESHOLD:
        return None
    doublings = failed_count - LOCKOUT_THRESHOLD
    if doublings >= 12:  # far beyond the cap; avoids an enormous power of two
        return MAX_LOCKOUT
    lockout: timedelta = FIRST_LOCKOUT * (2**doublings)
    return min(lockout, MAX_LOCKOUT)


def _accept(
    db: Database,
    account: StaffAccount,
    pin_hash: str,
    pin: str,
    clock: Clock,
    replacing: StaffAccount | None,
    action: str,
) -> SignIn:
    upgraded = _HASHER.hash(pin) if _needs_rehash(pin_hash) else pin_hash
    with transaction(db):
        if replacing is not None and replacing.staff_id != account.staff_id:
            details = {"reason_code": "replaced"}
            audit.append(db, "staff_logout", replacing.staff_id, replacing.actor, details, clock)
        db.execute(
            "UPDATE staff SET failed_count = 0, locked_until = NULL, pin_hash = ?,"
            " updated_at = ? WHERE staff_id = ?",
            [upgraded, format_timestamp(clock.now()), account.staff_id],
        )
        audit.append(db, action, account.staff_id, account.actor, {}, clock)
    signed_in = get_staff(db, account.staff_id)
    assert signed_in is not None
    return SignIn(SignInOutcome.ACCEPTED, signed_in)


def _refuse(db: Database, staff_id: str, clock: Clock) -> SignIn:
    now = clock.now()
    with transaction(db):
        row = db.execute("SELECT failed_count FROM staff WHERE staff_id = ?", [staff_id]).fetchone()
        failed = int(row[0]) + 1
        lockout = lockout_for(failed)
        locked_until = None if lockout is None else now + lockout
        db.execute(
            "UPDATE staff SET failed_count = ?, locked_until = ?, updated_at = ?"
            " WHERE staff_id = ?",
            [
                failed,
                None if locked_until is None else format_timestamp(locked_until),
                format_timestamp(now),
                staff_id,
            ],
        )
        details: dict[str, audit.DetailValue] = {
            "reason_code": SignInOutcome.WRONG_PIN.value,
            "count": failed,
        }
        audit.append(db, "staff_login_failed", staff_id, "kiosk", details, clock)
        if lockout is not None:
            details = {"count": failed, "seconds": int(lockout.total_seconds())}
            audit.append(db, "staff_locked_out", staff_id, "kiosk", details, clock)
    account = get_staff(db, staff_id)
    if locked_until is not None:
        return SignIn(SignInOutcome.LOCKED, account, locked_until)
    return SignIn(SignInOutcome.WRONG_PIN, account)


def _verify(pin_hash: str, pin: str) -> bool:
    if pin_hash.startswith(_LEGACY_PREFIX):
        return _verify_legacy_scrypt(pin_hash, pin)
    try:
        return _HASHER.verify(pin_hash, pin)
    except (VerificationError, InvalidHashError):
        return False


def _verify_legacy_scrypt(stored: str, pin: str) -> bool:
    """The clerk PIN of schema 5 and before, carried over into account 0001."""
    _scheme, salt_hex, hash_hex = stored.split("$")
    computed = hashlib.scrypt(
        pin.encode("utf-8"), salt=bytes.fromhex(salt_hex), dklen=32, **_LEGACY_SCRYPT
    )
    return hmac.compare_digest(computed.hex(), hash_hex)


def _needs_rehash(pin_hash: str) -> bool:
    """Only the carried-over scrypt hash: a centrally shipped hash stays as shipped,
    or the next sync would see a difference and provision it again."""
    return pin_hash.startswith(_LEGACY_PREFIX)


def _row(db: Database, staff_id: str) -> tuple[Any, ...] | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM staff WHERE staff_id = ?", [staff_id]).fetchone()
    return None if row is None else tuple(row)


def _account(row: tuple[Any, ...]) -> StaffAccount:
    staff_id, name, role, _hash, source, active, failed, locked = row
    return StaffAccount(
        staff_id=str(staff_id),
        display_name=str(name),
        role=Role(str(role)),
        source=str(source),
        active=bool(active),
        failed_count=int(failed),
        locked_until=None if locked is None else parse_timestamp(str(locked)),
    )
