"""Qt's enum values named as text, for what is built before the first paint.

The first use of anything in PySide's ``Qt`` namespace (``Qt.AlignmentFlag``,
``Qt.WindowType``, even ``from PySide6.QtCore import Qt``) makes Python enums
of all 93 of its enum types at once: about 127 million instructions, a fifth
of all a bare PySide6 window does to show itself (docs/BENCHMARKS.md). The
start screen and its window set the few such values they need through Qt's
meta-object system instead, which takes them by name; the ``Qt`` namespace is
first used once the start screen is on the glass.
"""

from __future__ import annotations

from PySide6.QtCore import QObject


def set_enum_property(target: QObject, name: str, keys: str) -> None:
    """Set the Qt property `name` (an enum or flags type) of `target` to the value
    named `keys`, as its setter would: ``"AlignCenter"``, or flags joined with
    ``|`` (``"AlignLeading|AlignVCenter"``)."""
    if not target.setProperty(name, keys):
        raise ValueError(f"{type(target).__name__} has no property {name} that takes {keys!r}")
