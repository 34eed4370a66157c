"""Finding a USB stick to write to, where desktop Linux mounts them."""

from __future__ import annotations

import os
from pathlib import Path

MOUNT_ROOTS = (Path("/media"), Path("/run/media"))
"""udisks mounts removable drives at /media/USER/LABEL (Debian) or /run/media/USER/LABEL."""


def removable_drives(roots: tuple[Path, ...] = MOUNT_ROOTS) -> list[Path]:
    """Writable mounted drives under the usual mount roots, in name order."""
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for user_dir in sorted(root.iterdir()):
            try:
                candidates = sorted(user_dir.iterdir()) if user_dir.is_dir() else []
            except OSError:  # another user's mounts
                continue
            found.extend(
                drive
                for drive in candidates
                if drive.is_dir() and os.path.ismount(drive) and os.access(drive, os.W_OK)
            )
    return found
