"""The input method the kiosk asks Qt for, before the QApplication exists.

Apart from the on-screen keyboard's layouts and settings (ui.virtual_keyboard),
which the kiosk sets up only once its first screen is painted: the start
imports this module before that, and that one after.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

INPUT_METHOD = "qtvirtualkeyboard"
"""The QT_IM_MODULE value that selects Qt Virtual Keyboard."""


def enable_virtual_keyboard(environment: MutableMapping[str, str] = os.environ) -> None:
    """Make Qt Virtual Keyboard the input method; call before the QApplication exists.

    An input method chosen by whoever starts the kiosk (QT_IM_MODULE already
    set, for example to `ibus` on a kiosk with a hardware keyboard) is kept.
    """
    environment.setdefault("QT_IM_MODULE", INPUT_METHOD)


def virtual_keyboard_requested() -> bool:
    """Whether this process asked Qt for the virtual keyboard."""
    return os.environ.get("QT_IM_MODULE") == INPUT_METHOD
