"""Writing a file onto removable media without following a link someone planted there.

A USB stick comes from outside: whoever had it last may have left
``township-kiosk`` as a symbolic link to ``/var/lib/township-kiosk``, or the
export's file name as a link to ``kiosk.db``. A plain ``write_text`` follows
such links and overwrites the kiosk's own files. Every file the kiosk writes
on a stick therefore goes through :func:`write_on_media`:

- the folders below the stick's mount point are opened one by one, each
  relative to its parent's descriptor with ``O_NOFOLLOW | O_DIRECTORY``, so a
  link anywhere inside the stick is refused (the mount point itself, and the
  path above it, are the kiosk's own and may be links);
- the data goes into a new temporary file (``O_CREAT | O_EXCL | O_NOFOLLOW``,
  mode 0600) in that folder, is flushed with ``fsync``, then renamed to its
  name relative to the same folder descriptor: a link already standing at
  the name is replaced, never followed, and a stick pulled half-way leaves a
  temporary file rather than half an export under the real name;
- the folder is flushed too, so the rename itself reaches the stick.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from kiosk.private_files import DIRECTORY_MODE, FILE_MODE

_DIRECTORY_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
_NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


class UnsafeMediaPath(OSError):
    """A folder on the way to the file is a link, or not a folder: nothing was written."""


def write_on_media(directory: Path, name: str, data: bytes, *, create: bool = False) -> Path:
    """Write ``data`` as ``directory / name`` without following any link below the mount
    point; ``create`` makes missing folders (mode 0700). Returns the path written.

    Raises :class:`UnsafeMediaPath` for a planted link, and OSError when the
    medium cannot be written (full, read-only, pulled out).
    """
    if not name or "/" in name or name in (".", ".."):
        raise ValueError(f"{name!r} is not a plain file name")
    with open_media_directory(directory, create=create) as folder:
        temporary = f".{name}.{secrets.token_hex(6)}.partial"
        descriptor = os.open(temporary, _NEW_FILE_FLAGS, FILE_MODE, dir_fd=folder)
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.rename(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            raise
        _flush_directory(folder)
    return directory / name


@contextlib.contextmanager
def open_media_directory(directory: Path, *, create: bool = False) -> Iterator[int]:
    """A descriptor of ``directory`` reached from its mount point without following links."""
    absolute = Path(os.path.abspath(directory))
    mount_point = _mount_point_of(absolute)
    below = absolute.relative_to(mount_point).parts
    descriptor = os.open(mount_point, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for part in below:
            child = _open_child(descriptor, part, absolute, create)
            os.close(descriptor)
            descriptor = child
        yield descriptor
    finally:
        os.close(descriptor)


def _mount_point_of(path: Path) -> Path:
    """The nearest folder at or above ``path`` that is a mount point (``/`` at worst).

    :func:`os.path.ismount` does not follow a link, so a link inside the stick
    is never taken for the stick's mount point.
    """
    for candidate in (path, *path.parents):
        if os.path.ismount(candidate):
            return candidate
    return Path(path.anchor)


def _open_child(parent: int, part: str, whole: Path, create: bool) -> int:
    try:
        return os.open(part, _DIRECTORY_FLAGS, dir_fd=parent)
    except FileNotFoundError:
        if not create:
            raise
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR):
            raise UnsafeMediaPath(
                error.errno, f"{part!r} in {whole} is a link or not a folder; refusing to write"
            ) from error
        raise
    with contextlib.suppress(FileExistsError):
        os.mkdir(part, DIRECTORY_MODE, dir_fd=parent)
    return _open_child(parent, part, whole, create=False)


def _flush_directory(descriptor: int) -> None:
    """Flush a folder's entries; some stick file systems cannot, which is no failure."""
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise
