"""Keeps an ID number field to what can still become an ID number.

A resident ID number is 17 digits and a check character, a digit or X; only
the 18th character may be X. Whether the number is real (its check character,
its date of birth) is decided by `kiosk.forms` once it is complete; this only
stops keys that can never be right: a 19th character, or an X before the end.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QValidator

ID_NUMBER_LENGTH = 18

_TYPED_SO_FAR = re.compile(r"\d{0,17}|\d{17}[0-9Xx]")


class IdNumberValidator(QValidator):
    """Accepts up to 17 digits then a digit or X; spaces between groups are let through."""

    def validate(self, text: str, position: int) -> tuple[QValidator.State, str, int]:
        compact = text.replace(" ", "")
        if not _TYPED_SO_FAR.fullmatch(compact):
            return QValidator.State.Invalid, text, position
        if len(compact) == ID_NUMBER_LENGTH:
            return QValidator.State.Acceptable, text, position
        return QValidator.State.Intermediate, text, position
