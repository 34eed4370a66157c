"""The kiosk's log: what happened, for the clerk and for support.

One rotating file in the data directory's `logs/` folder, plus standard error.
Log lines name applications by id or tracking number, never by personal data.
"""

from __future__ import annotations

import logging
import logging.handlers
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


def _file_handler(logs_dir: Path) -> logging.Handler:
    return logging.handlers.RotatingFileHandler(
        logs_dir / LOG_FILE_NAME, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
    )
