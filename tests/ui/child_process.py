"""What the kiosk children under Xvfb share: the report line the test reads, and the wait.

Imported by `person_child` and `virtual_keyboard_child` after they have chosen
their platform plugin (this module imports Qt).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

from PySide6.QtWidgets import QApplication


def report(name: str, **figures: object) -> None:
    """One line the test reads."""
    print("REPORT", json.dumps({"check": name, **figures}, ensure_ascii=False), flush=True)


def wait_until(condition: Callable[[], bool], polls: int, poll_seconds: float) -> bool:
    """Let Qt run until `condition` holds, at most `polls` times `poll_seconds` (a bound
    for a shared machine, not a performance target); False when it never did."""
    for _ in range(polls):
        QApplication.processEvents()
        if condition():
            return True
        time.sleep(poll_seconds)
    return False
