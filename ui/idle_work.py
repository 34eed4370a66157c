"""Work put off until the event loop has answered what was waiting: one piece per turn.

Qt's event loop on Linux (GLib's) hands its timers their turn before the window
system's events in the same pass, and a 0 ms timer is due at once: work started
from one right after the first paint ran before the tap or the window manager's
ping that arrived meanwhile, which waited for it (the start screen's finger
scrolling, which makes PySide build its whole `Qt` namespace, kept the window
from answering for 40 ms). Here every piece waits for a pass of its own that
does nothing, so whatever was waiting is handled in that pass first; and the
pieces go one at a time, so two of them never share a pass either.

The first piece after the queue was empty waits a frame longer: what the
kiosk just did (a window shown, a screen drawn) gets its answers from the
window system meanwhile, a ping sent on seeing the first frame among them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from shiboken6 import isValid

SETTLE_MS = 16
"""How long the queue waits before its first piece when it was empty: one frame."""

_Piece = tuple[QObject, Callable[[], bool]]
"""A piece of work and the object it belongs to (no dataclass: this module loads
before the first paint, and making a dataclass costs a millisecond)."""


class _IdleQueue:
    """The pieces waiting, and the one 0 ms timer that runs them."""

    def __init__(self) -> None:
        self.pieces: deque[_Piece] = deque()
        self.timer = QTimer()
        self.timer.timeout.connect(self._pass)
        self.handed_over = False
        """Whether the last pass did nothing, so the window system's events came after it."""

    def add(self, piece: _Piece) -> None:
        self.pieces.append(piece)
        if not self.timer.isActive():
            self.handed_over = False
            self.timer.start(SETTLE_MS)

    def _pass(self) -> None:
        if not self.handed_over:
            self.handed_over = True
            self.timer.setInterval(0)
            return
        self.handed_over = False
        owner, work = piece = self.pieces.popleft()
        if isValid(owner) and work():
            self.pieces.append(piece)  # more to do, after the others waiting
        if not self.pieces:
            self.timer.stop()


_queue: _IdleQueue | None = None


def when_idle(owner: QObject, work: Callable[[], object]) -> None:
    """Run `work` once, on a turn of the event loop after the events waiting then have
    been handled; not at all if `owner` is deleted first."""

    def once() -> bool:
        work()
        return False

    in_turns(owner, once)


def in_turns(owner: QObject, step: Callable[[], bool]) -> None:
    """Run `step` as `when_idle` does, and again on a later turn each time it returns
    true (whether there is more to do); pieces put off meanwhile take turns with it."""
    global _queue
    if _queue is None:
        _queue = _IdleQueue()
    _queue.add((owner, step))
