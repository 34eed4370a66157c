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
    """Send log records to `logs_dir/kiosk.log` (five files of 1 MiB kept) and stderr."""
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "kiosk_handler", False):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        logs_dir / LOG_FILE_NAME, maxBytes=1 << 20, backupCount=5, encoding="utf-8"
    )
    stream_handler = logging.StreamHandler()
    for handler in (file_handler, stream_handler):
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        setattr(handler, "kiosk_handler", True)  # noqa: B010 - marks our handlers for removal
        root.addHandler(handler)
