"""Where the kiosk core gets the time from, and how times are written down.

The clock is passed in rather than read from ``datetime.now()`` so that tests
can pin it and so that every timestamp of one action comes from one place.
Timestamps are stored as fixed-width UTC text (``2026-11-27T03:30:12.000000Z``)
so that they sort correctly as strings in SQLite and read plainly in a dump.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Protocol

_STORED_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


class Clock(Protocol):
    """Anything that can tell the current time as an aware UTC datetime."""

    def now(self) -> datetime:
        """Return the current time, timezone-aware, in UTC."""
        ...


class SystemClock:
    """The machine's real-time clock."""

    def now(self) -> datetime:
        """Return the system time in UTC."""
        return datetime.now(UTC)


class FixedClock:
    """A clock that only moves when told to, for tests and benchmarks.

    Each instance holds its own time; there is no shared fake time.
    """

    def __init__(self, at: datetime) -> None:
        self._at = _require_aware(at)

    def now(self) -> datetime:
        """Return the pinned time."""
        return self._at

    def set(self, at: datetime) -> None:
        """Jump to another time (forwards or backwards, as a bad RTC might)."""
        self._at = _require_aware(at)

    def advance(self, delta: timedelta) -> None:
        """Move the pinned time by ``delta``."""
        self._at = self._at + delta


def format_timestamp(at: datetime) -> str:
    """Render an aware datetime as the stored fixed-width UTC text."""
    return _require_aware(at).strftime(_STORED_FORMAT)


def parse_timestamp(text: str) -> datetime:
    """Read a timestamp written by :func:`format_timestamp` back as aware UTC."""
    return datetime.strptime(text, _STORED_FORMAT).replace(tzinfo=UTC)


def _require_aware(at: datetime) -> datetime:
    """Refuse naive datetimes: a naive time stored once is ambiguous forever."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at!r}: the kiosk stores only aware UTC times")
    return at.astimezone(UTC)
