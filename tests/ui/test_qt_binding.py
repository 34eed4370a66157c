"""Guards on the Qt binding itself, for faults that would take the kiosk down.

PySide6 6.12.0 loses a reference to `True` on every signal emitted from
Python; under Python 3.11, where `True` is not immortal, a kiosk crashes
("bool_dealloc") after a few hundred screen changes. The pinned version must
not have that fault.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot

EMISSIONS = 5000


class _Emitter(QObject):
    value = Signal(object)
    nothing = Signal()


def test_emitting_signals_keeps_the_reference_count_of_true(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    emitter.nothing.connect(lambda: received.append(None))
    before = sys.getrefcount(True)

    for number in range(EMISSIONS):
        emitter.value.emit(number)
        emitter.nothing.emit()

    assert len(received) == 2 * EMISSIONS
    assert abs(sys.getrefcount(True) - before) < 10
