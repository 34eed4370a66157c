"""Where the soak's memory went between two samples: ``python -m bench.soak --diagnose``.

At each sample it compares with the previous one and prints to standard
error what grew: the Python allocations that grew most, by source line
(tracemalloc), the Python objects that grew in number, by type (the garbage
collector's list), and Qt's widgets and objects alive, by class. A cause of
growth per application shows as a line or a type whose increase is
proportional to the applications between the samples; a bounded cache shows
growth that stops.
"""

from __future__ import annotations

import ctypes
import gc
import os
import re
import sys
import tempfile
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

TOP = 12
"""How many of the largest increases are printed per kind."""
FRAMES = 4
"""Stack depth tracemalloc keeps, so a growth can be traced to the caller that kept it."""


SQLITE_STATUS_MEMORY_USED = 0


class _MallInfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks",
            "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def native_heap_mb() -> dict[str, float]:
    """What the C heap holds beyond Python's view: SQLite's own memory (every page cache
    of every connection in the process) and glibc's heap in use and free (fragmentation)."""
    figures: dict[str, float] = {}
    sqlite = ctypes.CDLL("libsqlite3.so.0")
    current, highest = ctypes.c_int64(), ctypes.c_int64()
    if (
        sqlite.sqlite3_status64(
            SQLITE_STATUS_MEMORY_USED, ctypes.byref(current), ctypes.byref(highest), 0
        )
        == 0
    ):
        figures["sqlite"] = current.value / 2**20
    libc = ctypes.CDLL("libc.so.6")
    if hasattr(libc, "mallinfo2"):
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
        figures["malloc in use"] = (info.uordblks + info.hblkhd) / 2**20
        figures["malloc free"] = info.fordblks / 2**20
    return figures


SQLITE_DBSTATUS_CACHE_USED = 1


_OPENED: list[Any] = []
"""The SQLite connections opened since `watch_sqlite_connections` (closed ones dropped)."""


def _sqlite_handle(connection: Any) -> int | None:
    """SQLite's handle of a Python connection (the first field of its object), None once
    closed."""
    return ctypes.c_void_p.from_address(id(connection) + object.__basicsize__).value


def watch_sqlite_connections() -> None:
    """Remember every SQLite connection opened from now on (call it before the kiosk starts).

    Python's connections cannot be found afterwards: the garbage collector does
    not list what the kiosk froze (``gc.freeze``) and a connection takes no weak
    reference. Closed ones are dropped at each new opening, so only the open
    ones and the last few closed are held.
    """
    import sqlite3

    if getattr(sqlite3.connect, "watched", False):
        return
    opening = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> Any:
        connection = opening(*args, **kwargs)
        _OPENED[:] = [opened for opened in _OPENED if _sqlite_handle(opened)]
        _OPENED.append(connection)
        return connection

    setattr(connect, "watched", True)  # noqa: B010 - a mark on a function
    sqlite3.connect = connect


def sqlite_page_caches_kb() -> list[float]:
    """The page cache of each SQLite connection open in this process and watched
    (`watch_sqlite_connections`), in KB, largest first.

    Each fills as the pages it reads grow in number and stops at its
    ``cache_size`` (2,000 KiB unless set): a bounded cache per connection,
    told from a leak by whether it stops there. Read through SQLite's own
    count for the connection (``sqlite3_db_status``).
    """
    library = ctypes.CDLL("libsqlite3.so.0")
    caches: list[float] = []
    for connection in _OPENED:
        handle = _sqlite_handle(connection)
        if not handle:  # closed
            continue
        current, highest = ctypes.c_int(), ctypes.c_int()
        status = library.sqlite3_db_status(
            ctypes.c_void_p(handle),
            SQLITE_DBSTATUS_CACHE_USED,
            ctypes.byref(current),
            ctypes.byref(highest),
            0,
        )
        if status == 0:
            caches.append(current.value / 1024)
    return sorted(caches, reverse=True)


def resident_mb() -> dict[str, float]:
    """Resident memory by where it lives: the main heap (``[heap]``), other anonymous
    mappings (glibc's arenas of the other threads, large blocks, Python's arenas, Qt's
    images), and file pages (libraries, fonts); then Python's own arenas inside it."""
    figures = {"heap": 0.0, "other anonymous": 0.0, "file": 0.0}
    name = ""
    with open("/proc/self/smaps", encoding="utf-8", errors="replace") as smaps:
        for line in smaps:
            if line[0] in "0123456789abcdef" and "-" in line.split(" ", 1)[0]:
                parts = line.split(None, 5)
                name = parts[5].strip() if len(parts) > 5 else ""
            elif line.startswith("Rss:"):
                kb = int(line.split()[1])
                if name == "[heap]":
                    figures["heap"] += kb
                elif name and not name.startswith("["):
                    figures["file"] += kb
                else:
                    figures["other anonymous"] += kb
    result = {kind: kb / 1024 for kind, kb in figures.items()}
    result.update(python_arenas_mb())
    return result


def python_arenas_mb() -> dict[str, float]:
    """Python's small-object allocator: its arenas (mmapped, outside glibc's heap) and
    the bytes in use in them, as ``sys._debugmallocstats`` prints them on C's stderr."""
    with tempfile.TemporaryFile() as captured:
        sys.stderr.flush()
        saved = os.dup(2)
        try:
            os.dup2(captured.fileno(), 2)
            sys._debugmallocstats()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        captured.seek(0)
        text = captured.read().decode("ascii", errors="replace")
    arenas = re.search(r"(\d+) arenas \* (\d+) bytes/arena", text)
    used = re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", text)
    figures: dict[str, float] = {}
    if arenas:
        figures["python arenas"] = int(arenas[1]) * int(arenas[2]) / 2**20
    if used:
        figures["python in use"] = int(used[1].replace(",", "")) / 2**20
    return figures


def python_objects() -> Counter[str]:
    """Live objects the garbage collector tracks, counted by type."""
    return Counter(type(thing).__qualname__ for thing in gc.get_objects())


def qt_objects() -> Counter[str]:
    """Qt objects alive under every top-level widget and the application, by class."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    counted: Counter[str] = Counter()
    if not isinstance(app, QApplication):
        return counted
    roots: list[QObject] = [app, *QApplication.topLevelWidgets()]
    for root in roots:
        for child in [root, *root.findChildren(QObject)]:
            counted["Qt " + child.metaObject().className()] += 1
    counted["Qt widgets (all)"] = len(QApplication.allWidgets())
    return counted


@dataclass
class Diagnosis:
    """Remembers the previous sample's snapshot and counts to print the difference."""

    trace_allocations: bool = True
    """tracemalloc too: it names the lines, but makes the run ten times slower."""
    clear_pixmap_cache: bool = False
    """Empty Qt's pixmap cache at each sample to see how much it held (changes the run)."""
    count_objects: bool = True
    """Count Python and Qt objects by type (a full garbage collection at each sample)."""
    snapshot: tracemalloc.Snapshot | None = None
    objects: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        watch_sqlite_connections()

    def report(self, applications: int) -> None:
        """Print what grew since the last call.

        Allocations are traced from the first sample on: what the warm-up
        loads once is left out, and the run is slowed only from then.
        """
        objects: Counter[str] = Counter()
        if self.count_objects:
            gc.collect()
            objects = python_objects() + qt_objects()
        out = sys.stderr
        native_figures = native_heap_mb()
        native = ", ".join(
            f"{name} {mb:.2f} MB" for name, mb in {**native_figures, **resident_mb()}.items()
        )
        native += f", full collections {gc.get_stats()[2]['collections']}"
        caches = ", ".join(f"{kb:.0f}" for kb in sqlite_page_caches_kb())
        native += f", SQLite page cache per connection (KB) {caches}"
        if self.clear_pixmap_cache:
            from PySide6.QtGui import QPixmapCache

            QPixmapCache.clear()
            after = native_heap_mb().get("malloc in use", 0.0)
            held = native_figures.get("malloc in use", 0.0) - after
            native += f", pixmap cache held {held:.1f} MB (limit {QPixmapCache.cacheLimit()} KB)"
        print(f"== after {applications} applications: {native}", file=out)
        snapshot = None
        if tracemalloc.is_tracing():
            traced_mb = tracemalloc.get_traced_memory()[0] / 2**20
            print(f"  Python heap {traced_mb:.1f} MB", file=out)
            snapshot = tracemalloc.take_snapshot().filter_traces(
                [tracemalloc.Filter(False, tracemalloc.__file__)]
            )
        if snapshot is not None and self.snapshot is not None:
            for stat in snapshot.compare_to(self.snapshot, "traceback")[:TOP]:
                if stat.size_diff <= 0:
                    continue
                frames = " <- ".join(
                    f"{frame.filename.rsplit('/', 2)[-1]}:{frame.lineno}"
                    for frame in stat.traceback[:FRAMES]
                )
                grown_kb = stat.size_diff / 1024
                print(f"  {grown_kb:+9.1f} KB {stat.count_diff:+7d} {frames}", file=out)
        if self.objects:
            grown = (objects - self.objects).most_common(TOP)
            print("  objects: " + ", ".join(f"{name} +{n}" for name, n in grown), file=out)
        self.snapshot, self.objects = snapshot, objects
        out.flush()
        if self.trace_allocations and not tracemalloc.is_tracing():
            tracemalloc.start(FRAMES)
