"""Which parser reads a scanned text: a registry tried in order, one module per format.

Each parser returns None for a text that is not its format, so the order
only matters for texts two formats could both claim; the ID number comes
first because 18 digits are also valid Base45 characters.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from kiosk.identity.claim169 import parse_claim169
from kiosk.identity.context import VerificationContext
from kiosk.identity.json_record import parse_json_record
from kiosk.identity.outcome import IdentityResult, Outcome, result
from kiosk.identity.prc_id import parse_prc_id

Parser = Callable[[str, VerificationContext], IdentityResult | None]

MAX_INPUT = 16_000
"""Longer than any QR code can hold: such input did not come from a scanner."""


@dataclass(frozen=True)
class ParserRegistry:
    """The formats the kiosk reads, tried in order."""

    parsers: Sequence[Parser]

    def identify(self, text: str, context: VerificationContext) -> IdentityResult:
        """The outcome for a scanned text: the first parser that recognises it decides."""
        if not text.strip() or len(text) > MAX_INPUT:
            return result(Outcome.UNREADABLE, detail="empty or oversized input")
        for parser in self.parsers:
            found = parser(text, context)
            if found is not None:
                return found
        return result(Outcome.NOT_AN_ID, detail="no identity format recognised")


DEFAULT_REGISTRY = ParserRegistry((parse_prc_id, parse_json_record, parse_claim169))


def identify(text: str, context: VerificationContext) -> IdentityResult:
    """Check a scanned text with every format the kiosk knows."""
    return DEFAULT_REGISTRY.identify(text, context)
