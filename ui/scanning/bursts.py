"""Telling a hand-held scanner from a person at the keyboard, by timing alone.

USB scanners "type" a whole code in a burst (a few milliseconds between keys)
and finish with Enter; even a fast typist leaves 60 ms or more between most
keys. Keys are held back while they might belong to a burst; a burst that
ends in Enter is a scan, anything else is handed back to be typed. No Qt
here, so the rules are tested with exact timings.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class BurstRules:
    """What counts as a scanner burst."""

    max_gap_ms: int = 35
    """Longest pause between two keys of one burst (scanners: 1–20 ms)."""
    min_length: int = 6
    """Shorter bursts are a person's quick roll over two or three keys."""
    max_length: int = 8_000
    """A QR code holds at most 4,296 characters; anything longer is refused."""


@dataclass
class BurstDetector:
    """Holds keys that may be a scan; decides when Enter comes or the burst stops."""

    rules: BurstRules = field(default_factory=BurstRules)
    _held: list[str] = field(default_factory=list)
    _last_ms: int | None = None

    @property
    def holding(self) -> bool:
        """Whether keys are held back, waiting for the burst to end."""
        return bool(self._held)

    def key(self, char: str, at_ms: int) -> list[str]:
        """Hold a typed character; returns earlier held keys to type now (a pause ended them)."""
        released = [] if self._continues(at_ms) else self.release()
        if len(self._held) >= self.rules.max_length:
            released += self.release()
        self._held.append(char)
        self._last_ms = at_ms
        return released

    def enter(self, at_ms: int) -> str | None:
        """The scanned text if Enter ends a scanner burst; else None (release, then type Enter)."""
        if len(self._held) >= self.rules.min_length and self._continues(at_ms):
            text = "".join(self._held)
            self._held.clear()
            self._last_ms = None
            return text
        return None

    def release(self) -> list[str]:
        """Give back every held key, to be typed as the person meant."""
        held, self._held = self._held, []
        self._last_ms = None
        return held

    def _continues(self, at_ms: int) -> bool:
        return self._last_ms is not None and 0 <= at_ms - self._last_ms <= self.rules.max_gap_ms
