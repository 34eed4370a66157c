"""The kiosk's log: what happened, for the clerk and for support.

One rotating file in the data directory's `logs/` folder, plus standard error.
Log lines name applications by id or tracking number, never by personal data.

The kiosk's start holds its records in memory (`hold_records`) and
configures the log once its first screen is painted: the rotating file's
module (with the socket and pickle modules it imports) loads after that
frame, and nothing said before it is lost.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_FILE_NAME = "kiosk.log"
LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def hold_records(level: int = logging.INFO) -> None:
    """Keep the log records made from now on until `configure_logging` writes them."""
    root = logging.getLogger()
    root.setLevel(level)
    _add_kiosk_handler(root, _HeldRecords())


def configure_logging(logs_dir: Path, level: int = logging.INFO) -> None:
    """Send log records to `logs_dir/kiosk.log` (five files of 1 MiB kept) and stderr,
    first those held since `hold_records`.

    If the log file cannot be opened (read-only or full disk), stderr only.
    """
    from kiosk.log_file import open_log_file

    root = logging.getLogger()
    root.setLevel(level)
    held: list[logging.LogRecord] = []
    for handler in list(root.handlers):
        if getattr(handler, "kiosk_handler", False):
            root.removeHandler(handler)
            if isinstance(handler, _HeldRecords):
                held.extend(handler.take())
            handler.close()
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    try:
        handlers.append(open_log_file(logs_dir / LOG_FILE_NAME))
    except OSError as error:
        # A read-only or full disk must not stop the kiosk from starting and
        # telling the applicant and the clerk; the log still reaches stderr.
        problem: OSError | None = error
    else:
        problem = None
    for handler in handlers:
        handler.setFormatter(logging.Formatter(LOG_FORMAT))
        _add_kiosk_handler(root, handler)
    for record in held:
        root.handle(record)
    if problem is not None:
        logging.getLogger(__name__).error(
            "cannot write the log file in %s (%s); logging to stderr only", logs_dir, problem
        )


def _add_kiosk_handler(root: logging.Logger, handler: logging.Handler) -> None:
    setattr(handler, "kiosk_handler", True)  # noqa: B010 - marks our handlers for removal
    root.addHandler(handler)


class _HeldRecords(logging.Handler):
    """Records kept until the log is configured; on stderr if it never was (a start
    that failed before its first screen), so that nothing is lost."""

    def __init__(self) -> None:
        super().__init__()
        self._records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self._records.append(record)

    def take(self) -> list[logging.LogRecord]:
        """The records held so far, which this handler forgets."""
        records, self._records = self._records, []
        return records

    def close(self) -> None:
        fallback = logging.StreamHandler()
        fallback.setFormatter(logging.Formatter(LOG_FORMAT))
        for record in self.take():
            fallback.handle(record)
        super().close()
