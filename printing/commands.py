"""Running the CUPS command-line clients, as a value the CUPS back-end can inspect.

The CUPS back-end talks to the spooler through ``lp`` and ``lpstat`` rather
than libcups bindings: they ship with every CUPS install (``cups-bsd`` /
``cups-client``), need no compiled extension, and their behaviour is the one
an administrator sees at a terminal. Output is read in the C locale so that
messages parse the same on every kiosk.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

COMMAND_TIMEOUT_SECONDS = 30.0
"""A spooler that has not answered in this long is treated as down."""


@dataclass(frozen=True)
class CommandResult:
    """What a finished command said; ``returncode`` is None when it could not run."""

    returncode: int | None
    stdout: str
    stderr: str


def run_command(
    argv: Sequence[str],
    stdin: bytes | None = None,
    extra_env: Mapping[str, str] | None = None,
    timeout: float = COMMAND_TIMEOUT_SECONDS,
) -> CommandResult:
    """Run a command to completion; a missing program or a timeout is a result, not an error."""
    env = dict(os.environ)
    env.update({"LC_ALL": "C", "LANG": "C"})
    env.update(extra_env or {})
    try:
        completed = subprocess.run(
            list(argv),
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError as exc:
        return CommandResult(None, "", f"{argv[0]} is not installed: {exc}")
    except subprocess.TimeoutExpired:
        return CommandResult(None, "", f"{argv[0]} did not answer within {timeout:.0f} s")
    return CommandResult(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )
