"""Test data for the software update tests: an install root, artefacts, a restart.

The artefacts are stand-ins for a kiosk version's virtual environment: a
``bin/kiosk`` entry point that behaves as a healthy version (it calls the real
:func:`kiosk.update_guard.mark_healthy`, as a kiosk does once its start screen
is up), a broken one (exits non-zero at once) or a hung one (never marks).
The code under test (updater, guard, repository) is the real one.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from kiosk.update_guard import INSTALL_ROOT_VARIABLE, InstallLayout

PROJECT = Path(__file__).resolve().parents[2]
GUARD_MODULE = PROJECT / "kiosk" / "update_guard.py"


class Build(StrEnum):
    """How a test version's entry point behaves."""

    HEALTHY = "healthy"
    CRASHES = "crashes"
    HANGS = "hangs"


def now() -> datetime:
    """Real time: TUF checks expiry against the clock of the kiosk's machine."""
    return datetime.now(UTC)


def entry_point(version: str, build: Build) -> str:
    """The text of ``bin/kiosk`` for a test version."""
    body = {
        Build.HEALTHY: f"mark_healthy(InstallLayout.from_environment(), {version!r})",
        Build.CRASHES: "sys.exit('the new version cannot start: ImportError')",
        Build.HANGS: "time.sleep(3600)",
    }[build]
    return (
        f"#!{sys.executable}\n"
        "import sys, time\n"
        f"sys.path.insert(0, {str(PROJECT)!r})\n"
        "from kiosk.update_guard import InstallLayout, mark_healthy\n"
        f"{body}\n"
    )


def _add(archive: tarfile.TarFile, name: str, data: bytes, mode: int = 0o644) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = mode
    archive.addfile(info, io.BytesIO(data))


def make_artefact(
    folder: Path, version: str, build: Build = Build.HEALTHY, payload: bytes = b""
) -> Path:
    """``kiosk-V.tar.gz`` holding ``V/bin/kiosk`` and ``V/lib/payload`` (``payload``)."""
    path = folder / f"kiosk-{version}.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        _add(archive, f"{version}/bin/kiosk", entry_point(version, build).encode(), 0o755)
        _add(archive, f"{version}/lib/payload", payload)
        archive.add(sys.executable, f"{version}/bin/python", recursive=False)
    return path


def install_root(root: Path, version: str = "0.1.0") -> InstallLayout:
    """An install root with one healthy ``version`` that ``current`` points at."""
    layout = InstallLayout(root)
    entry = layout.version_dir(version) / "bin" / "kiosk"
    entry.parent.mkdir(parents=True)
    entry.write_text(entry_point(version, Build.HEALTHY), encoding="utf-8")
    entry.chmod(0o755)
    os.symlink(Path("versions") / version, layout.current)
    return layout


def _environment(layout: InstallLayout) -> dict[str, str]:
    return {**os.environ, INSTALL_ROOT_VARIABLE: str(layout.root)}


def guard(layout: InstallLayout, *arguments: str) -> int:
    """Run the installed guard (the copy systemd runs) as its own process."""
    script = layout.guard if layout.guard.exists() else GUARD_MODULE
    command = [sys.executable, str(script), *arguments, "--root", str(layout.root)]
    return subprocess.run(command, env=_environment(layout), check=False).returncode


def restart(layout: InstallLayout) -> int:
    """What systemd does at each (re)start: the guard's ExecStartPre, then ``current``'s
    ``bin/kiosk``; the entry point's exit status."""
    guard(layout, "before-start")
    entry = layout.current / "bin" / "kiosk"
    return subprocess.run([str(entry)], env=_environment(layout), check=False).returncode
