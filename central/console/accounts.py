"""The people who sign in to the web console: administrators, officers, supervisors.

Passwords are kept as argon2id hashes. Administrators must pass a TOTP second
factor (RFC 6238, the codes of any authenticator app); officers and
supervisors may. Five wrong passwords or codes in a row lock an account for a
quarter of an hour: long enough to stop guessing, short enough that an
officer locked out by a typo is back at work after a break.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

import pyotp
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from central.database import Connection, Row
from central.errors import conflict, invalid
from kiosk.clock import format_timestamp, parse_timestamp

MAX_FAILED_ATTEMPTS = 5
LOCKOUT = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 256
CONSOLE_LANGUAGES = ("zh_CN", "en")

_hasher = PasswordHasher()
_USERNAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789._-")


class Role(StrEnum):
    """What an account may do (docs/console.md has the table)."""

    ADMINISTRATOR = "administrator"
    OFFICER = "officer"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Account:
    """One console account, without its secrets."""

    username: str
    display_name: str
    role: Role
    language: str
    services: tuple[str, ...]
    """Form ids an officer processes; empty means every service."""
    townships: tuple[str, ...]
    """Townships an officer processes; empty means every township."""
    has_second_factor: bool
    locked_until: str | None
    disabled: bool

    @property
    def needs_second_factor(self) -> bool:
        """Administrators always sign in with a TOTP code; others when they set one up."""
        return self.role is Role.ADMINISTRATOR or self.has_second_factor

    @property
    def can_change(self) -> bool:
        """Supervisors read everything and change nothing."""
        return self.role is not Role.SUPERVISOR


_COLUMNS = (
    "username, display_name, role, language, services, townships, totp_secret,"
    " locked_until, disabled_at"
)


def _account(row: Row) -> Account:
    return Account(
        username=str(row[0]),
        display_name=str(row[1]),
        role=Role(str(row[2])),
        language=str(row[3]),
        services=tuple(json.loads(str(row[4]))),
        townships=tuple(json.loads(str(row[5]))),
        has_second_factor=row[6] is not None,
        locked_until=None if row[7] is None else str(row[7]),
        disabled=row[8] is not None,
    )


def check_username(username: str) -> str:
    """A username in lower-case letters, digits, dots, dashes and underscores."""
    name = username.strip().lower()
    if not 2 <= len(name) <= 64 or not set(name) <= _USERNAME_CHARACTERS:
        raise invalid(
            "bad_username", "a username is 2–64 letters, digits, dots, dashes or underscores"
        )
    return name


def check_password(password: str) -> None:
    """Refuse a password too short to resist guessing (or absurdly long)."""
    if not MIN_PASSWORD_LENGTH <= len(password) <= MAX_PASSWORD_LENGTH:
        raise invalid(
            "weak_password",
            f"a password has {MIN_PASSWORD_LENGTH} to {MAX_PASSWORD_LENGTH} characters",
        )


def add_account(
    connection: Connection,
    username: str,
    display_name: str,
    role: Role,
    password: str,
    now: datetime,
    *,
    language: str = "zh_CN",
    services: tuple[str, ...] = (),
    townships: tuple[str, ...] = (),
) -> Account:
    """Create an account; refused when the username is taken."""
    name = check_username(username)
    check_password(password)
    if language not in CONSOLE_LANGUAGES:
        raise invalid("bad_language", f"the console speaks {', '.join(CONSOLE_LANGUAGES)}")
    added = connection.execute(
        "INSERT INTO console_accounts (username, display_name, role, password_hash, language,"
        " services, townships, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (username) DO NOTHING",
        [
            name,
            display_name.strip() or name,
            role.value,
            _hasher.hash(password),
            language,
            json.dumps(sorted(services)),
            json.dumps(sorted(townships)),
            format_timestamp(now),
        ],
    )
    if added != 1:
        raise conflict("account_exists", f"the account {name} already exists")
    found = find_account(connection, name)
    assert found is not None
    return found


def find_account(connection: Connection, username: str) -> Account | None:
    """The account called ``username``, or None."""
    rows = connection.query(
        f"SELECT {_COLUMNS} FROM console_accounts WHERE username = ?", [username.strip().lower()]
    )
    return _account(rows[0]) if rows else None


def all_accounts(connection: Connection) -> list[Account]:
    """Every account, by username."""
    rows = connection.query(f"SELECT {_COLUMNS} FROM console_accounts ORDER BY username")
    return [_account(row) for row in rows]


def is_locked(account: Account, now: datetime) -> bool:
    """Whether too many failures keep the account shut for now."""
    return account.locked_until is not None and parse_timestamp(account.locked_until) > now


def check_password_of(connection: Connection, username: str, password: str) -> bool:
    """Whether ``password`` is the account's (False for unknown accounts too)."""
    rows = connection.query(
        "SELECT password_hash FROM console_accounts WHERE username = ?", [username]
    )
    if not rows or len(password) > MAX_PASSWORD_LENGTH:
        _hasher.hash("spend the same time as a real check")  # no timing hint of which names exist
        return False
    try:
        return _hasher.verify(str(rows[0][0]), password)
    except (VerificationError, InvalidHashError):
        return False


def record_failure(connection: Connection, username: str, now: datetime) -> bool:
    """Count a failed password or code; True when the account is now locked."""
    rows = connection.query(
        "UPDATE console_accounts SET failed_attempts = failed_attempts + 1"
        " WHERE username = ? RETURNING failed_attempts",
        [username],
    )
    if not rows or int(rows[0][0]) < MAX_FAILED_ATTEMPTS:
        return False
    connection.execute(
        "UPDATE console_accounts SET locked_until = ?, failed_attempts = 0 WHERE username = ?",
        [format_timestamp(now + LOCKOUT), username],
    )
    return True


def record_success(connection: Connection, username: str) -> None:
    """A full sign-in clears the failure count."""
    connection.execute(
        "UPDATE console_accounts SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
        [username],
    )


def new_totp_secret() -> str:
    """A fresh base32 secret for an authenticator app."""
    return pyotp.random_base32()


def provisioning_uri(username: str, secret: str) -> str:
    """The otpauth:// address an authenticator app scans."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name="Township kiosks")


def set_totp_secret(connection: Connection, username: str, secret: str) -> None:
    """Keep the second-factor secret of an account (after a code proved it was set up)."""
    connection.execute(
        "UPDATE console_accounts SET totp_secret = ? WHERE username = ?", [secret, username]
    )


def check_totp(connection: Connection, username: str, code: str) -> bool:
    """Whether ``code`` is the account's current TOTP code (one step of clock drift allowed)."""
    rows = connection.query(
        "SELECT totp_secret FROM console_accounts WHERE username = ?", [username]
    )
    if not rows or rows[0][0] is None:
        return False
    return check_totp_code(str(rows[0][0]), code)


def check_totp_code(secret: str, code: str) -> bool:
    """Whether ``code`` matches ``secret`` now (digits only, one step of drift)."""
    digits = code.strip().replace(" ", "")
    return (
        len(digits) == 6 and digits.isdigit() and pyotp.TOTP(secret).verify(digits, valid_window=1)
    )


def set_password(connection: Connection, username: str, password: str) -> None:
    """Replace an account's password."""
    check_password(password)
    connection.execute(
        "UPDATE console_accounts SET password_hash = ? WHERE username = ?",
        [_hasher.hash(password), username],
    )


def set_disabled(connection: Connection, username: str, disabled: bool, now: datetime) -> None:
    """Disable (or enable again) an account; a disabled account cannot sign in."""
    connection.execute(
        "UPDATE console_accounts SET disabled_at = ? WHERE username = ?",
        [format_timestamp(now) if disabled else None, username],
    )
