"""The kiosk's rotating log file (see `kiosk.logs`), in a module of its own: the
module of its base class imports socket and pickle, which the first screen
does without."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path


def open_log_file(path: Path) -> logging.Handler:
    """The log file at `path`, five files of 1 MiB kept; OSError if it cannot be opened."""
    return _KioskLogFile(path, maxBytes=1 << 20, backupCount=5, encoding="utf-8")


class _KioskLogFile(logging.handlers.RotatingFileHandler):
    """The log file, saying once in a line (not a traceback per record) that it
    cannot be written, as on a full disk; stderr keeps every record."""

    _said = False

    def emit(self, record: logging.LogRecord) -> None:
        try:
            super().emit(record)
        except OSError:  # raised by shouldRollover, before the base class can catch it
            self.handleError(record)

    def handleError(self, record: logging.LogRecord) -> None:
        """One line on stderr the first time writing fails (buffered writes make it
        flicker between failing and not on a full disk); stderr has every record."""
        if self._said:
            return
        self._said = True
        error = sys.exc_info()[1]
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        sys.stderr.write(f"kiosk: the log file {self.baseFilename} cannot be written: {reason}\n")
