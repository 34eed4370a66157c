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
import sys
import tracemalloc
from collections import Counter
from dataclasses import dataclass, field

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
    snapshot: tracemalloc.Snapshot | None = None
    objects: Counter[str] = field(default_factory=Counter)

    def report(self, applications: int) -> None:
        """Print what grew since the last call.

        Allocations are traced from the first sample on: what the warm-up
        loads once is left out, and the run is slowed only from then.
        """
        gc.collect()
        objects = python_objects() + qt_objects()
        out = sys.stderr
        native_figures = native_heap_mb()
        native = ", ".join(f"{name} {mb:.1f} MB" for name, mb in native_figures.items())
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
