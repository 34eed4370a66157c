"""Every file the kiosk writes on removable media: no planted link can redirect it.

A property over random sticks: each folder on the way and the file's own
name may already be a link (to the kiosk's data, to a file, dangling) or a
plain file. Whatever the stick holds, the kiosk's files outside it stay
byte-identical, and the write either lands as a regular file inside the
stick or is refused. A static check keeps every writer on that one path.
"""

from __future__ import annotations

import ast
import hashlib
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.media_files import write_on_media
from tests.fuzz.profile import examples

PROJECT = Path(__file__).resolve().parents[2]
PLANTS = st.sampled_from(
    ["nothing", "folder", "link_to_data", "link_to_file", "dangling", "plain_file"]
)
NAMES = st.sampled_from(["township-kiosk", "a", "b"])


def tree_digest(root: Path) -> dict[str, bytes]:
    return {
        str(path): hashlib.sha256(path.read_bytes()).digest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def plant(path: Path, what: str, data_dir: Path) -> None:
    if what == "link_to_data":
        path.symlink_to(data_dir)
    elif what == "link_to_file":
        path.symlink_to(data_dir / "kiosk.db")
    elif what == "dangling":
        path.symlink_to(data_dir / "missing")
    elif what == "plain_file":
        path.write_bytes(b"left on the stick")
    elif what == "folder":
        path.mkdir()


def plain_folder(path: Path) -> bool:
    """A real folder reached without links (planting goes only there, never through a link)."""
    return os.path.isdir(path) and os.path.realpath(path) == str(path)


@settings(examples(40), suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    folders=st.lists(st.tuples(NAMES, PLANTS), min_size=0, max_size=3),
    file_plant=PLANTS,
)
def test_no_planted_link_on_a_stick_redirects_a_write(
    small_filesystem: Path,
    tmp_path: Path,
    folders: list[tuple[str, str]],
    file_plant: str,
) -> None:
    data_dir = tmp_path / "kiosk-data"
    data_dir.mkdir(exist_ok=True)
    (data_dir / "kiosk.db").write_bytes(b"the kiosk's own database")
    before = tree_digest(data_dir)
    for child in small_filesystem.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    folder = small_filesystem
    for name, what in folders:
        if plain_folder(folder) and not os.path.lexists(folder / name):
            plant(folder / name, what, data_dir)
        folder = folder / name
    target = folder / "export.kioskexport"
    if plain_folder(folder):
        plant(target, file_plant, data_dir)

    try:
        written = write_on_media(folder, target.name, b"sealed export", create=True)
    except OSError:
        written = None

    assert tree_digest(data_dir) == before
    if written is not None:
        assert not any(
            os.path.islink(part)
            for part in [written, *written.parents]
            if small_filesystem in Path(part).parents
        )
        assert written.read_bytes() == b"sealed export"
        assert written.stat().st_mode & 0o777 == 0o600


WRITE_CALLS = {"write_text", "write_bytes", "mkdir", "open", "touch", "copy", "copyfile"}


def _writes_outside_media_files(path: Path) -> list[str]:
    """Calls in ``path`` that create or write files by another way than media_files."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if (name in WRITE_CALLS and name != "open") or _opens_for_writing(node, name):
                found.append(f"{path.name}:{node.lineno} {name}")
    return found


def _opens_for_writing(node: ast.Call, name: str) -> bool:
    if name != "open":
        return False
    modes = node.args[1:2] + [k.value for k in node.keywords if k.arg == "mode"]
    return any(
        isinstance(mode, ast.Constant)
        and isinstance(mode.value, str)
        and set(mode.value) & set("wax")
        for mode in modes
    )


NEVER_ON_MEDIA = {"software_updates.py"}
"""Modules of sync/ that write only the kiosk's own disk: the software updater
stages and unpacks versions in its install root, never on a stick."""


def _removable_media_modules() -> list[Path]:
    """Modules that find a stick or write transfer files: sync/ (but those that
    write only the kiosk's own disk), the centre's command (receipts and form
    bundles go onto a stick), and those that look for a removable drive."""
    modules = [
        *(
            path
            for path in sorted((PROJECT / "sync").glob("*.py"))
            if path.name not in NEVER_ON_MEDIA
        ),
        PROJECT / "cli" / "central_command.py",
    ]
    for package in ("ui", "kiosk", "printing"):
        modules += [
            path
            for path in sorted((PROJECT / package).rglob("*.py"))
            if "find_removable_drive(" in path.read_text(encoding="utf-8")
            and path.name != "removable_drives.py"
        ]
    return modules


def test_every_writer_on_removable_media_goes_through_media_files() -> None:
    modules = _removable_media_modules()
    assert PROJECT / "sync" / "usb_transfer.py" in modules
    assert PROJECT / "ui" / "dashboard_flow.py" in modules
    assert [call for path in modules for call in _writes_outside_media_files(path)] == []


@pytest.mark.parametrize("line", ["folder.mkdir(exist_ok=True)", "p.write_text('x')"])
def test_the_static_check_sees_a_plain_write(tmp_path: Path, line: str) -> None:
    module = tmp_path / "probe.py"
    module.write_text(f"def f(folder, p):\n    {line}\n", encoding="utf-8")
    assert _writes_outside_media_files(module)
