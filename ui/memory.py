"""Giving freed memory back to the system between two applicants.

Each application allocates and frees a few megabytes on several threads
(the screens on the GUI thread, the receipt on the printing thread, the
database on the storage thread, the sync worker). glibc keeps what was
freed in each thread's arena for later use, and pieces of it scattered
between live blocks are never reused exactly: resident memory creeps up
application after application without anything being alive. Asking glibc
to trim its arenas once an application is over, when the kiosk is back at
its start screen and idle, returns those pages; it takes about a
millisecond. Elsewhere than glibc it does nothing.
"""

from __future__ import annotations

import ctypes
from functools import cache
from typing import Any

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
