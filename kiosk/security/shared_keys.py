"""The one set of keys a kiosk process shares between its threads' connections.

Kept apart from :mod:`kiosk.security.key_store` so that the start-up path,
which only carries this holder around, does not import the cryptography
library before the first screen is shown.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database

    from kiosk.security.key_material import KioskKeys


class SharedKeys:
    """The process's :class:`KioskKeys`, made from whichever connection asks first.

    The storage, printing and sync threads each open their own connection;
    they must share one set of keys so that an unlock by any serves all.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._keys: KioskKeys | None = None

    def keys_for(self, db: Database) -> KioskKeys:
        """The shared keys, read from ``db`` the first time."""
        from kiosk.security.key_store import open_keys

        with self._lock:
            if self._keys is None:
                self._keys = open_keys(db)
            return self._keys
