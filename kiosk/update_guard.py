"""The installed kiosk versions, the switch between them, and the guard that rolls back.

The kiosk's software lives under one install root (``/opt/township-kiosk``)::

    versions/<version>/     a complete virtual environment, one per version
    current -> versions/V   the version the service starts (``current/bin/kiosk``)
    update-state.json       what the updater and the guard last did
    health/<version>        written by a version once its start screen is up
    update-guard.py         a copy of this module, run by systemd around each start

A new version cannot be trusted to roll itself back: it may crash before any
of its code runs. So this module uses the standard library alone, and a copy
made by the version that was running *before* the switch (a healthy one) is
what systemd runs before and after every start (``resources/systemd``):

- ``update-guard.py before-start`` counts the starts of a version on trial;
  past :data:`MAX_TRIAL_STARTS` without a health marker (a crash loop) it points
  ``current`` back at the previous version, which was kept;
- ``update-guard.py await-health --seconds N`` waits for the marker after the
  start; without one in time (a version that hangs) it rolls back and fails,
  so systemd restarts the unit on the previous version.

Every write is atomic (a temporary file or link renamed into place), so a
power cut leaves either the old state or the new one.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

DEFAULT_INSTALL_ROOT = Path("/opt/township-kiosk")
INSTALL_ROOT_VARIABLE = "KIOSK_INSTALL_ROOT"
MAX_TRIAL_STARTS = 3
"""Starts a new version gets to reach its start screen before the guard rolls back."""
DEFAULT_HEALTH_SECONDS = 180
RESTART_EXIT_CODE = 75
"""The kiosk exits with this code to be restarted on a newly switched version
(``Restart=always`` restarts on any code; the unit may also name it in
``RestartForceExitStatus``)."""
VERSION_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$")
"""A version as a directory name and as the kiosk report carries it."""


class State(StrEnum):
    """Where a kiosk is with a software update (``update-state.json``, and its report)."""

    NONE = "none"
    DOWNLOADING = "downloading"
    """Part of a version is downloaded; the rest follows at the next sync cycles."""
    STAGED = "staged"
    """A verified version is unpacked and waits for the kiosk to be idle."""
    TRIAL = "trial"
    """``current`` points at the new version, which has not yet shown its start screen."""
    HEALTHY = "healthy"
    ROLLED_BACK = "rolled_back"
    FAILED = "failed"
    """The last attempt to fetch or unpack a version failed (``detail`` says why)."""


@dataclass(frozen=True)
class UpdateState:
    """What ``update-state.json`` holds."""

    state: State = State.NONE
    version: str | None = None
    """The version staged, on trial, healthy or rolled back."""
    previous: str | None = None
    """The version a trial replaced, kept for a rollback."""
    starts: int = 0
    changed_at: str | None = None
    detail: str = ""
    refused: list[str] = field(default_factory=list)
    """Versions that failed on this kiosk: never fetched or tried again."""


@dataclass(frozen=True)
class InstallLayout:
    """The paths under one install root."""

    root: Path

    @classmethod
    def from_environment(cls) -> InstallLayout:
        """The root named by ``KIOSK_INSTALL_ROOT``, else ``/opt/township-kiosk``."""
        return cls(Path(os.environ.get(INSTALL_ROOT_VARIABLE) or DEFAULT_INSTALL_ROOT))

    @property
    def versions(self) -> Path:
        return self.root / "versions"

    @property
    def current(self) -> Path:
        return self.root / "current"

    @property
    def state_file(self) -> Path:
        return self.root / "update-state.json"

    @property
    def guard(self) -> Path:
        return self.root / "update-guard.py"

    def version_dir(self, version: str) -> Path:
        """Where ``version`` is (or will be) installed."""
        if not VERSION_PATTERN.fullmatch(version):
            raise ValueError(f"not a version: {version!r}")
        return self.versions / version

    def health_marker(self, version: str) -> Path:
        """The file ``version`` writes once its start screen is up and its database open."""
        return self.root / "health" / self.version_dir(version).name

    def managed(self) -> bool:
        """Whether this kiosk runs from such a layout (not from a source checkout)."""
        return self.current.is_symlink() and self.versions.is_dir()

    def current_version(self) -> str | None:
        """The version ``current`` points at, or None when there is no layout."""
        if not self.current.is_symlink():
            return None
        return Path(os.readlink(self.current)).name


def running_version(layout: InstallLayout) -> str | None:
    """The version this process runs from (the ``versions/<version>`` virtual environment
    it was started in), or None when it does not run from ``layout``."""
    prefix = Path(sys.prefix).resolve()
    if prefix.parent != layout.versions.resolve():
        return None
    return prefix.name


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _write_atomically(path: Path, text: str) -> None:
    draft = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(draft, "w", encoding="utf-8") as file:
        file.write(text)
        file.flush()
        os.fsync(file.fileno())
    os.replace(draft, path)


def read_state(layout: InstallLayout) -> UpdateState:
    """The recorded state; a missing or unreadable file reads as nothing recorded."""
    try:
        raw = json.loads(layout.state_file.read_text(encoding="utf-8"))
        known = {name: raw[name] for name in UpdateState.__dataclass_fields__ if name in raw}
        known["state"] = State(known.get("state", State.NONE))
        return UpdateState(**known)
    except (OSError, ValueError, TypeError, AttributeError):
        return UpdateState()


def write_state(layout: InstallLayout, state: UpdateState) -> UpdateState:
    """Record ``state`` (stamped with the time) whole or not at all."""
    stamped = replace(state, changed_at=_now())
    _write_atomically(layout.state_file, json.dumps(asdict(stamped), indent=2) + "\n")
    return stamped


def point_current_at(layout: InstallLayout, version: str) -> None:
    """Make ``current`` point at ``version`` in one rename (never a moment without it)."""
    target = layout.version_dir(version)
    if not (target / "bin" / "kiosk").exists():
        raise FileNotFoundError(f"{target} holds no bin/kiosk")
    draft = layout.root / f".current.{os.getpid()}.tmp"
    if draft.is_symlink():
        draft.unlink()
    os.symlink(Path("versions") / version, draft)
    os.replace(draft, layout.current)


def install_guard(layout: InstallLayout) -> None:
    """Put this module's text where systemd runs it, unless it is there already."""
    text = Path(__file__).read_text(encoding="utf-8")
    try:
        if layout.guard.read_text(encoding="utf-8") == text:
            return
    except OSError:
        pass
    _write_atomically(layout.guard, text)


def begin_trial(layout: InstallLayout, version: str) -> UpdateState:
    """Switch ``current`` to a staged ``version``, keeping the running one to come back to.

    The guard of the version running now is installed first: it, not the new
    version's, judges whether the new one starts.
    """
    previous = layout.current_version()
    install_guard(layout)
    state = UpdateState(
        state=State.TRIAL,
        version=version,
        previous=previous,
        refused=read_state(layout).refused,
    )
    state = write_state(layout, state)
    point_current_at(layout, version)
    return state


def mark_healthy(layout: InstallLayout, version: str) -> None:
    """Called by a running kiosk whose start screen is up and whose database is open.

    Writes the marker the guard waits for, ends a trial of this version, keeps
    the guard current, and removes versions older than the one kept for rollback.
    """
    marker = layout.health_marker(version)
    marker.parent.mkdir(exist_ok=True)
    _write_atomically(marker, _now() + "\n")
    state = read_state(layout)
    if state.state == State.TRIAL and state.version == version:
        write_state(layout, replace(state, state=State.HEALTHY, detail=""))
        prune_versions(layout, keep={version, state.previous or version})
    install_guard(layout)


def prune_versions(layout: InstallLayout, keep: set[str]) -> None:
    """Remove installed versions other than ``keep`` (and unpacking leftovers)."""
    for entry in layout.versions.iterdir():
        if entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)


def roll_back(layout: InstallLayout, state: UpdateState, reason: str) -> UpdateState:
    """Point ``current`` at the kept previous version and remember the failed one."""
    if state.previous is not None:
        point_current_at(layout, state.previous)
    refused = sorted({*state.refused, *([state.version] if state.version else [])})
    log(f"version {state.version} rolled back to {state.previous}: {reason}")
    return write_state(
        layout, replace(state, state=State.ROLLED_BACK, detail=reason, refused=refused)
    )


def before_start(layout: InstallLayout, max_starts: int = MAX_TRIAL_STARTS) -> UpdateState:
    """Run before each start: count a trial's starts, roll back a crash loop."""
    state = read_state(layout)
    if state.state != State.TRIAL or state.version is None:
        return state
    if layout.health_marker(state.version).exists():
        return write_state(layout, replace(state, state=State.HEALTHY))
    if state.starts >= max_starts:
        return roll_back(
            layout, state, f"no healthy start screen after {state.starts} starts (crash loop)"
        )
    return write_state(layout, replace(state, starts=state.starts + 1))


def await_health(layout: InstallLayout, seconds: float, poll: float = 1.0) -> bool:
    """Run after a start: wait for a trial version's marker; roll back without it.

    True when nothing is on trial or the version proved healthy in time.
    """
    state = read_state(layout)
    if state.state != State.TRIAL or state.version is None:
        return True
    deadline = time.monotonic() + seconds
    marker = layout.health_marker(state.version)
    while time.monotonic() < deadline:
        if marker.exists():
            return True
        time.sleep(poll)
    if marker.exists():
        return True
    roll_back(layout, read_state(layout), f"no healthy start screen within {seconds:g} s")
    return False


def log(message: str) -> None:
    """One line on standard error: the journal keeps it with the unit's other lines."""
    print(f"update-guard: {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """``update-guard.py {before-start|await-health} [--root DIR] [--seconds N]``."""
    parser = argparse.ArgumentParser(prog="update-guard.py", description=__doc__.split("\n")[0])
    parser.add_argument("step", choices=("before-start", "await-health"))
    parser.add_argument("--root", type=Path, help="the install root (default: the environment's)")
    parser.add_argument("--seconds", type=float, default=DEFAULT_HEALTH_SECONDS)
    args = parser.parse_args(argv)
    layout = InstallLayout(args.root) if args.root else InstallLayout.from_environment()
    if not layout.managed():
        return 0
    try:
        if args.step == "before-start":
            before_start(layout)
            return 0
        return 0 if await_health(layout, args.seconds) else 1
    except OSError as error:  # never keep the kiosk from starting over a guard's trouble
        log(f"could not check the update: {error}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
