"""Finding the USB stick a clerk plugged in, for "Export to USB".

Desktop sessions mount removable drives under ``/media/USER/LABEL`` (Debian,
udisks) or ``/run/media/USER/LABEL`` (others); a kiosk with its own automount
rule names its folder in ``usb_mount_patterns``. Only folders that are a
mount point of their own count, so an empty ``/media/kiosk/stick`` left
behind after the stick was pulled is never written to (the file would land
on the kiosk's own disk and the clerk would walk away with nothing).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable
from pathlib import Path


def find_removable_drive(patterns: Iterable[str]) -> Path | None:
    """The first mounted, writable folder matching one of ``patterns``, or None."""
    for pattern in patterns:
        for match in sorted(glob.glob(pattern)):
            path = Path(match)
            if path.is_dir() and os.path.ismount(path) and os.access(path, os.W_OK):
                return path
    return None
