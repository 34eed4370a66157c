"""Real filesystems that fill up or refuse writes, for the storage fault tests.

Registered as a plugin in tests/conftest.py, so any test can ask for the
``small_filesystem`` or ``read_only_dir`` fixture. Mounting needs root (CI runs as
root); without it the small filesystem is skipped and a read-only directory
falls back to file permissions, which bind an ordinary user just the same.
"""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SMALL_FILESYSTEM_SIZE = "4m"


def _mount_tmpfs(mount_point: Path) -> None:
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SMALL_FILESYSTEM_SIZE}", "tmpfs", str(mount_point)],
        check=True,
    )


def _unmount(mount_point: Path) -> None:
    subprocess.run(["umount", "-l", str(mount_point)], check=True)


@pytest.fixture
def small_filesystem(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MiB filesystem that the test can fill up (mounting needs root, as in CI)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small filesystem needs root; CI runs as root")
    _mount_tmpfs(mount_point)
    try:
        yield mount_point
    finally:
        _unmount(mount_point)


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    """Call it with a directory the test filled: from then on nothing in it can be written.

    As root (whom permissions do not stop) the directory is a tmpfs remounted
    read-only; as another user its mode is set to read and search only.
    """
    mounted: list[Path] = []

    def make_read_only(directory: Path) -> None:
        if os.geteuid() != 0:
            for path in [directory, *directory.rglob("*")]:
                if path.is_dir():
                    path.chmod(0o555)
            return
        staging = tmp_path / f"staging-{len(mounted)}"
        directory.rename(staging)
        directory.mkdir()
        _mount_tmpfs(directory)
        mounted.append(directory)
        subprocess.run(["cp", "-a", f"{staging}/.", str(directory)], check=True)
        subprocess.run(["mount", "-o", "remount,ro", str(directory)], check=True)

    yield make_read_only
    for directory in mounted:
        _unmount(directory)
    if os.geteuid() != 0:
        for path in tmp_path.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)


def fill_up(directory: Path) -> Path:
    """Write a file until the filesystem has no room left; returns it."""
    ballast = directory / "ballast"
    with ballast.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return ballast
