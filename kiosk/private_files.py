"""Files and folders of the kiosk's data readable by the kiosk's own user alone.

``kiosk.db`` holds applicants' answers (sealed, but also the staff PIN
hashes and the credential to the central platform), the logs name
applications, and receipts carry personal data in clear. Created with the
process's umask they would be 0644 on a system whose umask is 022, readable
by every account on the machine. So the kiosk makes them 0600 (folders
0700) explicitly, whatever the umask, and tightens them when it finds them
wider; the `kiosk` command also sets its umask to 077, so that anything
else it writes (SQLite's journal files follow the database's own mode) is
private too.
"""

from __future__ import annotations

import errno
import logging
import os
from pathlib import Path

FILE_MODE = 0o600
DIRECTORY_MODE = 0o700
PRIVATE_UMASK = 0o077

_log = logging.getLogger(__name__)


def private_directory(path: Path) -> Path:
    """Make ``path`` (and missing parents) and leave it mode 0700 (when it is ours)."""
    path.mkdir(mode=DIRECTORY_MODE, parents=True, exist_ok=True)
    _tighten(path, DIRECTORY_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty if missing (never following a link); leave it mode 0600."""
    descriptor = os.open(path, os.O_RDONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, FILE_MODE)
    os.close(descriptor)
    _tighten(path, FILE_MODE)
    return path


def _tighten(path: Path, mode: int) -> None:
    """Set ``mode``; a folder that is not ours to change (read-only medium, another
    owner) is left as it is: refusing to start would protect nothing."""
    if os.stat(path).st_mode & 0o777 == mode:
        return
    try:
        os.chmod(path, mode)
    except OSError as error:
        if error.errno not in (errno.EROFS, errno.EPERM):
            raise
        _log.warning("%s keeps mode %o: %s", path, os.stat(path).st_mode & 0o777, error)
