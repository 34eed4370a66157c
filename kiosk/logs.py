"""The kiosk's log: what happened, for the clerk and for support.

One rotating file in the data directory's `logs/` folder, plus standard error.
Log lines name applications by id or tracking number, never by personal data.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

LOG_FILE_NAME = "kiosk.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> None:
    """Send log records to `logs_dir/kiosk.log` (five files of 1 MiB kept) and stderr.

    If the log file cannot be opened (read-only or full disk), stderr only.
    """
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "kiosk_handler", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        handlers.append(_file_handler(logs_dir))
    except OSError as error:
        # A read-only or full disk must not stop the kiosk from starting and
        # telling the applicant and the clerk; the log still reaches stderr.
        problem: OSError | None = error
    else:
        problem = None
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        setattr(handler, "kiosk_handler", True)  # noqa: B010 - marks our handlers for removal
        root.addHandler(handler)
    if problem is not None:
        logging.getLogger(__name__).error(
            "cannot write the log file in %s (%s); logging to stderr only", logs_dir, problem
        )


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


def _file_handler(logs_dir: Path) -> logging.Handler:
    return _KioskLogFile(
        logs_dir / LOG_FILE_NAME, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
    )
