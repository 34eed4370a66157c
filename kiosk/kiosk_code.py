"""Kiosk codes: the short name of each kiosk, which starts its tracking numbers.

Apart from the tracking numbers themselves (kiosk.tracking): reading the
configuration checks the code, and the kiosk reads it before its first
screen is painted, which does not wait for the rest.
"""

from __future__ import annotations

import re

_KIOSK_CODE = re.compile(r"[A-Z0-9]{2,8}")


def is_valid_kiosk_code(code: str) -> bool:
    """Whether ``code`` can be a kiosk code: 2–8 upper-case ASCII letters or digits."""
    return _KIOSK_CODE.fullmatch(code) is not None
