"""Printing through CUPS: A4 office printers and thermal printers with CUPS drivers.

A job counts as printed once the spooler has accepted it. Before sending,
the queue's state is read (scheduler running, queue enabled and accepting,
no ``media-empty`` or ``door-open`` reason reported by the driver), so a
receipt stays in the kiosk's own queue, where the clerk sees it, rather than
in a stopped CUPS queue. What happens after acceptance is the spooler's job:
CUPS keeps and retries its jobs across restarts.

``server`` selects another scheduler (the ``CUPS_SERVER`` variable: a host
or a socket path); None uses the system's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from printing.commands import CommandResult, run_command
from printing.printer_status import READY, PrintDocument, PrinterProblem, PrinterState

_REQUEST_ID = re.compile(r"request id is (\S+)")
_DEFAULT = re.compile(r"system default destination: (\S+)")
_REASON_PROBLEMS: tuple[tuple[str, PrinterProblem], ...] = (
    ("media-empty", PrinterProblem.OUT_OF_PAPER),
    ("media-needed", PrinterProblem.OUT_OF_PAPER),
    ("door-open", PrinterProblem.COVER_OPEN),
    ("cover-open", PrinterProblem.COVER_OPEN),
    ("offline", PrinterProblem.OFFLINE),
)


@dataclass(frozen=True)
class CupsPrinter:
    """A CUPS queue: ``queue`` by name, or the system default when None."""

    queue: str | None = None
    server: str | None = None
    options: tuple[str, ...] = field(default=())
    """Extra ``-o`` options for every job (``media=A4``, ``fit-to-page``)."""

    @property
    def label(self) -> str:
        """The queue, as the clerk knows it."""
        return f"CUPS {self.queue or '(default printer)'}"

    @property
    def makes_paper(self) -> bool:
        """Yes: a CUPS queue drives a real printer."""
        return True

    def state(self) -> PrinterState:
        """Scheduler up, queue known, enabled, accepting, and no paper or cover alert."""
        scheduler = self._run(["lpstat", "-r"])
        if scheduler.returncode != 0 or "scheduler is running" not in scheduler.stdout:
            return PrinterState(PrinterProblem.SPOOLER_DOWN, _summary(scheduler))
        queue = self.queue or self._default_queue()
        if queue is None:
            return PrinterState(PrinterProblem.NOT_CONFIGURED, "no default CUPS printer")
        printer = self._run(["lpstat", "-l", "-p", queue])
        if printer.returncode != 0:
            return PrinterState(PrinterProblem.NOT_CONFIGURED, _summary(printer))
        if f"printer {queue} disabled" in printer.stdout:
            return PrinterState(PrinterProblem.QUEUE_DISABLED, _summary(printer))
        accepting = self._run(["lpstat", "-a", queue])
        if "not accepting" in accepting.stdout or accepting.returncode != 0:
            return PrinterState(PrinterProblem.QUEUE_DISABLED, _summary(accepting))
        for reason, problem in _REASON_PROBLEMS:
            if reason in _alerts(printer.stdout):
                return PrinterState(problem, f"printer-state-reasons: {reason}")
        return READY

    def print_document(self, document: PrintDocument) -> PrinterState:
        """Hand the PDF to the queue, titled with the receipt's name."""
        state = self.state()
        if not state.ready:
            return state
        argv = ["lp", "-t", document.name]
        if self.queue is not None:
            argv += ["-d", self.queue]
        for option in self.options:
            argv += ["-o", option]
        argv.append("-")
        result = self._run(argv, document.pdf)
        if result.returncode == 0 and _REQUEST_ID.search(result.stdout):
            return READY
        return _failure(result)

    def _default_queue(self) -> str | None:
        result = self._run(["lpstat", "-d"])
        match = _DEFAULT.search(result.stdout)
        return match.group(1) if match else None

    def _run(self, argv: list[str], stdin: bytes | None = None) -> CommandResult:
        extra = {"CUPS_SERVER": self.server} if self.server is not None else None
        return run_command(argv, stdin, extra)


def _alerts(lpstat_long: str) -> str:
    """The ``Alerts:`` line of ``lpstat -l -p`` (the printer-state-reasons)."""
    for line in lpstat_long.splitlines():
        if line.strip().startswith("Alerts:"):
            return line
    return ""


def _failure(result: CommandResult) -> PrinterState:
    text = (result.stderr + result.stdout).lower()
    if result.returncode is None or "unable to connect" in text or "bad file descriptor" in text:
        return PrinterState(PrinterProblem.SPOOLER_DOWN, _summary(result))
    if "not accepting" in text:
        return PrinterState(PrinterProblem.QUEUE_DISABLED, _summary(result))
    if "does not exist" in text or "no default destination" in text:
        return PrinterState(PrinterProblem.NOT_CONFIGURED, _summary(result))
    return PrinterState(PrinterProblem.PRINTER_ERROR, _summary(result))


def _summary(result: CommandResult) -> str:
    text = " ".join((result.stderr or result.stdout).split())
    return text[:200]
