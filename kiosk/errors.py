"""Errors the kiosk core raises for conditions a person may have to act on.

Each class carries a stable ``code`` string. The UI maps a code to one
translated message for the applicant and writes the exception text to the log
for the clerk, so the code of an existing class must never change; add a new
subclass instead.

Programming mistakes (calling a function outside a transaction, passing
personal data to the audit log) raise the built-in exceptions instead: no
person at the kiosk can act on those.
"""

from __future__ import annotations

from typing import ClassVar


class KioskError(Exception):
    """Base of every error a person at the kiosk may be told about."""

    code: ClassVar[str] = "kiosk_error"


class StorageError(KioskError):
    """The database could not do what was asked; nothing was half-written."""

    code: ClassVar[str] = "storage_failed"


class StorageFullError(StorageError):
    """The disk (or the database's size limit) is full; the write was rolled back.

    A separate class because the remedy differs: a clerk must free space or
    call support, while retrying does not help.
    """

    code: ClassVar[str] = "storage_full"


class StorageReadOnlyError(StorageError):
    """The data directory or its filesystem cannot be written (mounted read-only,
    remounted read-only after disk errors, or wrong permissions).

    Its own class because nothing at the kiosk can fix it: a technician must,
    and until then no application can be taken.
    """

    code: ClassVar[str] = "storage_read_only"


class StorageBusyError(StorageError):
    """Another connection held the write lock for longer than the busy timeout.

    Retrying a moment later usually succeeds, unlike other storage failures.
    """

    code: ClassVar[str] = "storage_busy"


class SchemaTooNewError(StorageError):
    """The database was written by a newer kiosk version than this one.

    Raised instead of setting the file aside: the file is healthy, this
    program is simply too old to read it safely.
    """

    code: ClassVar[str] = "schema_too_new"


class NotFoundError(KioskError):
    """The application (or other record) asked for does not exist here."""

    code: ClassVar[str] = "not_found"


class InvalidStateError(KioskError):
    """The action does not fit the record's state, e.g. editing a submitted application."""

    code: ClassVar[str] = "invalid_state"


class CorrectionRefusedError(InvalidStateError):
    """A submitted application can no longer be corrected on the kiosk.

    ``reason`` is ``already_sent`` (the sync worker has sent it at least
    once, so the centre may hold it) or ``acknowledged``; corrections are
    then made at the central platform.
    """

    code: ClassVar[str] = "correction_refused"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class InvalidTrackingNumberError(KioskError):
    """A typed or scanned text is not a well-formed tracking number."""

    code: ClassVar[str] = "invalid_tracking_number"


class TrackingExhaustedError(KioskError):
    """The kiosk issued every tracking number available for the day.

    The daily sequence has four digits, so this means nearly ten thousand
    submissions in one day on one kiosk: a misconfiguration (two kiosks sharing
    a code) is far more likely than real traffic.
    """

    code: ClassVar[str] = "tracking_exhausted"


class ConfigError(KioskError):
    """A configuration file could not be read or holds an invalid value.

    ``key`` names the setting (dotted for nested tables, empty when the whole
    file is unreadable) and ``problem`` says what is wrong with it, so the
    person installing the kiosk can fix the file without reading code.
    """

    code: ClassVar[str] = "config_invalid"

    def __init__(self, key: str, problem: str) -> None:
        self.key = key
        self.problem = problem
        super().__init__(f"{key}: {problem}" if key else problem)


class KioskLockedError(KioskError):
    """Personal data was asked for while the kiosk's private key is not in memory.

    New applications are still accepted (they are sealed to the public key);
    reading one back needs the central platform or the recovery passphrase
    to unlock the kiosk first (see ``docs/security.md``).
    """

    code: ClassVar[str] = "kiosk_locked"


class UnlockRefusedError(KioskError):
    """A passphrase or an unlock secret did not open this kiosk's key.

    Also what a database copied from another kiosk gives: its keys are
    wrapped for that kiosk's secrets, not this one's.
    """

    code: ClassVar[str] = "unlock_refused"


class SealedDataDamagedError(KioskError):
    """A sealed value failed authentication: altered, moved to another row, or foreign."""

    code: ClassVar[str] = "sealed_data_damaged"
