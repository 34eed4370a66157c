"""A verified artefact is unpacked the same on every Python the kiosk runs on: Debian 12's
3.11.2 has no tarfile extraction filters, so the kiosk's own checks must do their work."""

from __future__ import annotations

import io
import stat
import tarfile
from pathlib import Path

import pytest

from kiosk.software_updates import ReleaseError
from sync.software_updates import unpack
from tests.sync.update_fixtures import install_root


def _artefact(path: Path, version: str, link_to: str | None = None) -> Path:
    """An artefact with bin/kiosk (set-user-id), a group-writable file and, if asked, a
    symbolic link ``lib`` to `link_to` with a file written through it."""
    with tarfile.open(path, "w:gz") as archive:
        for name, mode in ((f"{version}/bin/kiosk", 0o4755), (f"{version}/shared.txt", 0o666)):
            info = tarfile.TarInfo(name)
            info.size, info.mode = 2, mode
            archive.addfile(info, io.BytesIO(b"ok"))
        if link_to is not None:
            link = tarfile.TarInfo(f"{version}/lib")
            link.type, link.linkname = tarfile.SYMTYPE, link_to
            archive.addfile(link)
            through = tarfile.TarInfo(f"{version}/lib/planted")
            through.size = 2
            archive.addfile(through, io.BytesIO(b"no"))
    return path


@pytest.fixture(params=["as this Python has it", "without extraction filters (before 3.11.4)"])
def python(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param.startswith("without"):
        monkeypatch.delattr(tarfile, "tar_filter", raising=False)
    return str(request.param)


def test_no_unpacked_file_keeps_set_id_or_shared_write_bits(python: str, tmp_path: Path) -> None:
    layout = install_root(tmp_path / "opt")
    unpacked = unpack(_artefact(tmp_path / "a.tar.gz", "0.2.0"), layout, "0.2.0")
    assert stat.S_IMODE((unpacked / "bin" / "kiosk").stat().st_mode) == 0o755
    assert stat.S_IMODE((unpacked / "shared.txt").stat().st_mode) == 0o644


def test_a_file_under_a_symbolic_link_is_refused_and_nothing_is_written(
    python: str, tmp_path: Path
) -> None:
    layout = install_root(tmp_path / "opt")
    outside = tmp_path / "outside"
    outside.mkdir()
    artefact = _artefact(tmp_path / "a.tar.gz", "0.2.0", link_to=str(outside))
    with pytest.raises(ReleaseError, match="under a symbolic link"):
        unpack(artefact, layout, "0.2.0")
    assert list(outside.iterdir()) == []
    assert not layout.version_dir("0.2.0").exists()
