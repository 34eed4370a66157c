"""The rules of a software update and the guard systemd runs around each start."""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from pathlib import Path

import pytest

from kiosk.software_updates import (
    ReleaseError,
    Rollout,
    artefact_name,
    check_members,
    in_rollout,
    rollout_bucket,
    wanted,
)
from kiosk.update_guard import (
    InstallLayout,
    State,
    UpdateState,
    before_start,
    begin_trial,
    mark_healthy,
    read_state,
)
from tests.sync.update_fixtures import install_root

DROP_IN = (
    Path(__file__).resolve().parents[2]
    / "resources"
    / "systemd"
    / "township-kiosk.service.d"
    / "updates.conf"
)
CODES = [f"K{number:03d}" for number in range(1000)]


def release(percent: int = 0, kiosks: tuple[str, ...] = ()) -> Rollout:
    return Rollout("0.2.0", artefact_name("0.2.0"), percent, (), kiosks)


def test_a_percentage_offers_about_that_share_and_widening_keeps_the_first_kiosks() -> None:
    ten = {code for code in CODES if in_rollout(release(10), code)}
    fifty = {code for code in CODES if in_rollout(release(50), code)}

    assert 60 <= len(ten) <= 140 and 420 <= len(fifty) <= 580
    assert ten <= fifty
    assert rollout_bucket("LQ03") == rollout_bucket("LQ03")
    assert not any(in_rollout(release(0), code) for code in CODES)
    assert all(in_rollout(release(100), code) for code in CODES)


def test_a_kiosk_wants_only_a_newer_offered_version_that_never_failed_there() -> None:
    named = release(0, ("LQ03",))

    assert wanted(named, "LQ03", "0.1.0", [])
    assert not wanted(named, "DJ01", "0.1.0", [])  # not chosen, 0 %
    assert not wanted(named, "LQ03", "0.2.0", [])  # already runs it
    assert not wanted(named, "LQ03", "0.10.0", [])  # newer than the release (not "0.1" < "0.2")
    assert not wanted(named, "LQ03", "0.1.0", ["0.2.0"])  # rolled back here before


def test_a_rollout_document_that_is_not_one_is_refused() -> None:
    for text in (
        b"[]",
        b"{}",
        b'{"version": "../x", "artefact": "kiosk-../x.tar.gz",'
        b' "percent": 5, "townships": [], "kiosks": []}',
    ):
        with pytest.raises(ReleaseError):
            Rollout.from_json(text)
    assert Rollout.from_json(release(5).to_json().encode()) == release(5)


def _tarball(*names: str) -> tarfile.TarFile:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name in names:
            info = tarfile.TarInfo(name)
            archive.addfile(info, io.BytesIO(b""))
    buffer.seek(0)
    return tarfile.open(fileobj=buffer, mode="r:gz")


@pytest.mark.parametrize(
    ("names", "problem"),
    [
        (("0.2.0/bin/kiosk", "0.2.0/../../etc/cron.d/x"), "outside"),
        (("0.2.0/bin/kiosk", "/etc/passwd"), "outside"),
        (("0.2.0/bin/kiosk", "0.1.0/bin/kiosk"), "outside"),
        (("0.2.0/lib/x",), "no 0.2.0/bin/kiosk"),
    ],
)
def test_an_artefact_writing_outside_its_version_is_refused(
    names: tuple[str, ...], problem: str
) -> None:
    with _tarball(*names) as archive, pytest.raises(ReleaseError, match=problem):
        check_members(archive, "0.2.0")


def staged(tmp_path: Path) -> InstallLayout:
    layout = install_root(tmp_path / "opt")
    other = install_root(tmp_path / "elsewhere", "0.2.0")
    (other.versions / "0.2.0").rename(layout.versions / "0.2.0")
    return layout


def test_a_trial_that_reaches_its_start_screen_keeps_it_and_drops_older_versions(
    tmp_path: Path,
) -> None:
    layout = staged(tmp_path)
    (layout.versions / "0.0.9").mkdir()
    begin_trial(layout, "0.2.0")

    assert before_start(layout).starts == 1
    mark_healthy(layout, "0.2.0")

    assert read_state(layout).state == State.HEALTHY
    assert sorted(path.name for path in layout.versions.iterdir()) == ["0.1.0", "0.2.0"]
    assert before_start(layout).state == State.HEALTHY  # nothing counted any more


def test_a_state_file_that_cannot_be_read_counts_as_no_update(tmp_path: Path) -> None:
    layout = install_root(tmp_path / "opt")
    layout.state_file.write_text("{not json", encoding="utf-8")

    assert read_state(layout) == UpdateState()
    assert before_start(layout) == UpdateState()
    assert layout.current_version() == "0.1.0"


def _guard_lines() -> dict[str, str]:
    """ExecStartPre/ExecStartPost of the drop-in, the shell command of each."""
    lines = {}
    for line in DROP_IN.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"(ExecStart(?:Pre|Post))=-?/bin/sh -c '(.*)'", line)
        if match:
            lines[match.group(1)] = match.group(2)
    return lines


def _run(command: str, layout: InstallLayout) -> int:
    local = command.replace("/opt/township-kiosk", str(layout.root)).replace(
        "--seconds 180", "--seconds 0.2"
    )
    return subprocess.run(["/bin/sh", "-c", local], check=False).returncode


def test_the_units_guard_lines_roll_back_a_crash_loop_and_pass_without_a_guard(
    tmp_path: Path,
) -> None:
    lines = _guard_lines()
    layout = staged(tmp_path)
    assert _run(lines["ExecStartPre"], layout) == 0  # no guard written yet: the kiosk starts
    assert _run(lines["ExecStartPost"], layout) == 0
    begin_trial(layout, "0.2.0")  # writes the guard the lines run

    for _ in range(3):
        assert _run(lines["ExecStartPre"], layout) == 0
    assert layout.current_version() == "0.2.0"
    assert _run(lines["ExecStartPre"], layout) == 0

    assert layout.current_version() == "0.1.0"
    assert read_state(layout).refused == ["0.2.0"]


def test_the_units_health_wait_fails_the_start_of_a_version_that_never_marks(
    tmp_path: Path,
) -> None:
    layout = staged(tmp_path)
    begin_trial(layout, "0.2.0")

    assert _run(_guard_lines()["ExecStartPost"], layout) == 1
    assert layout.current_version() == "0.1.0"
