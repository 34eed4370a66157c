"""What a parser needs from outside: the trust list and the time, passed in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kiosk.identity.trust import TrustList

DEFAULT_CLOCK_SKEW = timedelta(minutes=5)
"""Kiosk clocks drift (no network time in many villages); a code valid a few
minutes from now is not refused for that."""


@dataclass(frozen=True)
class VerificationContext:
    """The trust list and the moment of the check, so tests and the kiosk agree."""

    now: datetime
    trust_list: TrustList = field(default_factory=TrustList)
    clock_skew: timedelta = DEFAULT_CLOCK_SKEW
