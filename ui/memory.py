"""Giving freed memory back between two applicants.

Each application leaves two kinds of memory behind that nothing uses any
more, and the kiosk gives both back when it is back at its start screen and
idle (``Navigator.reset_done``):

- **Garbage in reference cycles.** A receipt's reportlab document (canvas,
  page templates, PDF objects pointing at each other, the PDF's bytes) and a
  finished connection's asyncio transport are freed only by Python's cycle
  collector. Its young generations run often, but an object that lived
  through two of them (a receipt is rendered on the printing thread while
  the screens make thousands of objects) is only looked at by a full
  collection, and Python starts one only when a quarter as many objects as
  the kiosk keeps for good have piled up: many hundreds of applications'
  worth of receipts. Collecting once per application frees them at once.
  The first time, once the kiosk has been through a whole application, what
  is alive then (Qt's and the screens' objects, every module loaded) is
  frozen (``gc.freeze``): no collection walks it again, so this one and
  every automatic full collection look only at what was made since, well
  under a millisecond instead of about a tenth of a second.
- **Free pages glibc keeps.** glibc keeps what was freed in each thread's
  arena for later use (the screens on the GUI thread, the receipt on the
  printing thread, the database on the storage thread, the sync worker).
  Asking it to trim its arenas returns the whole free pages to the system;
  it takes about a millisecond. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
import gc
from functools import cache
from typing import Any

from PySide6.QtCore import QObject, Slot

GLIBC = "libc.so.6"


@cache
def _libc() -> Any:
    """glibc, or None where there is none (musl, macOS, Windows)."""
    try:
        libc = ctypes.CDLL(GLIBC)
    except OSError:
        return None
    return libc if hasattr(libc, "malloc_trim") else None


def release_freed_memory() -> bool:
    """Return the heap's free pages to the system; True when glibc gave some back."""
    libc = _libc()
    if libc is None:
        return False
    return bool(libc.malloc_trim(0))


class BetweenApplicants(QObject):
    """What the kiosk does with memory each time it is back at its start screen.

    A QObject, owned by what emits the signal it is connected to: a signal keeps
    no plain Python object alive, and this one must live as long as the kiosk.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.frozen = False
        """Whether what the kiosk keeps for good has been frozen yet (the first time)."""

    @Slot()
    def release(self) -> int:
        """Collect the cycles the last application left, freeze what is kept the first
        time, and give free pages back; the number of objects collected."""
        collected = gc.collect()
        if not self.frozen:
            gc.freeze()
            self.frozen = True
        release_freed_memory()
        return collected
