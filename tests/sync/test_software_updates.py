"""A kiosk updates itself from the central platform, and refuses what it must.

A real platform on loopback serves a real TUF repository; the kiosk's sync
worker fetches through the fault proxy; versions are unpacked into a real
install root in a temporary folder, and restarts run the guard and the new
version's entry point as processes, as systemd would.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from securesystemslib.signer import CryptoSigner

from bench.fault_proxy import FaultProxy
from central.console import accounts
from central.console.accounts import Role
from central.update_repository import UpdateRepository, read_key, updates_dir
from central.update_rollout import kiosks_in_townships, rollout_progress
from kiosk.config import DataPaths
from kiosk.software_updates import Rollout, rollout_bucket
from kiosk.update_guard import InstallLayout, State, begin_trial, read_state
from sync.software_updates import SoftwareUpdater
from sync.transport import HttpResponse, Transport
from tests.central.browser import PASSWORD, chromium, shown
from tests.central.browser import sign_in as browser_sign_in
from tests.central.platform import Platform
from tests.central.test_console import console, sign_in
from tests.sync.conftest import KIOSK_CODE, Kiosk
from tests.sync.test_fleet_settings import LOCAL_TOML
from tests.sync.test_fleet_settings import publish as publish_settings
from tests.sync.update_fixtures import Build, guard, install_root, make_artefact, now, restart

CHUNK = 16 * 1024


@dataclass
class Recorder:
    """The kiosk's transport, noting each update request's path and range."""

    inner: Transport
    requests: list[tuple[str, str | None]] = field(default_factory=list)

    def request(
        self,
        method: str,
        url: str,
        *,
        headers: dict[str, str],
        body: bytes | None,
        timeout: tuple[float, float],
    ) -> HttpResponse:
        if "/updates/" in url:
            self.requests.append((url.split("/updates/", 1)[1], headers.get("Range")))
        return self.inner.request(method, url, headers=headers, body=body, timeout=timeout)

    def artefact_ranges(self) -> list[str]:
        return [str(span) for path, span in self.requests if ".kiosk-" in path]


@dataclass
class Centre:
    """The platform's update repository and the administrator's targets key."""

    repository: UpdateRepository
    targets_key: CryptoSigner
    folder: Path

    def publish(
        self, version: str, build: Build = Build.HEALTHY, percent: int = 100, payload: bytes = b""
    ) -> None:
        artefact = make_artefact(self.folder, version, build, payload)
        self.repository.publish(
            artefact, version, self.targets_key, Rollout("", "", percent), now()
        )


@pytest.fixture
def centre(platform: Platform, tmp_path: Path) -> Centre:
    repository = UpdateRepository(updates_dir(platform.database))
    offline = tmp_path / "offline-keys"
    repository.initialise(offline, root_keys=3, threshold=2, now=now())
    artefacts = tmp_path / "artefacts"
    artefacts.mkdir()
    return Centre(repository, read_key(offline / "targets.pem"), artefacts)


@pytest.fixture
def layout(tmp_path: Path) -> InstallLayout:
    return install_root(tmp_path / "opt")


@pytest.fixture
def recorder(kiosk: Kiosk) -> Recorder:
    recording = Recorder(kiosk.client.transport)
    kiosk.client.transport = recording
    return recording


def updater_for(kiosk: Kiosk, layout: InstallLayout, work: Path, running: str) -> SoftwareUpdater:
    """The kiosk's updater, as the running ``running`` version makes it, on the worker."""
    updater = SoftwareUpdater(kiosk.client, layout, work, running, chunk_bytes=CHUNK)
    kiosk.worker.software = updater
    return updater


def refused_cycle(kiosk: Kiosk, caplog: pytest.LogCaptureFixture) -> str:
    """Run a sync cycle whose update step must refuse: the reason, also logged."""
    with caplog.at_level(logging.WARNING):
        outcome = kiosk.worker.run_once().software_update
    assert outcome is not None and outcome.state == State.FAILED
    assert f"software update refused: {outcome.detail}" in caplog.text
    return outcome.detail


def progress(platform: Platform, centre: Centre) -> Callable[[], tuple[int, int, int]]:
    def read() -> tuple[int, int, int]:
        with platform.database.transaction() as connection:
            found = rollout_progress(connection, centre.repository.rollout())
        return found.offered, found.updated, found.rolled_back

    return read


def test_a_kiosk_updates_itself_from_the_centre_and_rolls_back_a_broken_build(
    platform: Platform, kiosk: Kiosk, centre: Centre, layout: InstallLayout, tmp_path: Path
) -> None:
    work = tmp_path / "kiosk-data" / "updates"
    updater_for(kiosk, layout, work, "0.1.0")
    centre.publish("0.2.0", payload=os.urandom(100_000))

    staged = kiosk.worker.run_once()

    assert staged.error is None
    assert staged.software_update is not None and staged.software_update.state == State.STAGED
    assert (layout.versions / "0.2.0" / "bin" / "kiosk").exists()
    assert layout.current_version() == "0.1.0"  # nothing switches under an applicant
    begin_trial(layout, "0.2.0")  # what the idle start screen does (tests/ui/test_software_switch)
    assert layout.current_version() == "0.2.0"

    assert restart(layout) == 0  # the new version's start screen came up
    assert layout.health_marker("0.2.0").exists()
    assert read_state(layout).state == State.HEALTHY
    updater_for(kiosk, layout, work, "0.2.0").run(KIOSK_CODE)
    kiosk.worker.run_once()  # reports the new version
    assert progress(platform, centre)() == (1, 1, 0)

    centre.publish("0.3.0", Build.CRASHES)
    broken = kiosk.worker.run_once().software_update
    assert broken is not None and (broken.state, broken.version) == (State.STAGED, "0.3.0")
    begin_trial(layout, "0.3.0")
    exits = [restart(layout) for _ in range(5)]

    assert exits[:3] != [0, 0, 0]  # three starts that crash, then the old version again
    assert exits[-1] == 0
    assert layout.current_version() == "0.2.0"
    state = read_state(layout)
    assert state.state == State.ROLLED_BACK and state.refused == ["0.3.0"]
    assert "crash loop" in state.detail
    recorded = Recorder(kiosk.client.transport)
    kiosk.client.transport = recorded
    assert kiosk.worker.run_once().error is None  # the failed version is not fetched again
    assert recorded.artefact_ranges() == []
    with platform.database.transaction() as connection:
        kiosks = rollout_progress(connection, centre.repository.rollout()).kiosks
    assert [(k.version, k.update_state, k.update_version) for k in kiosks] == [
        ("0.2.0", "rolled_back", "0.3.0")
    ]


def test_a_version_that_hangs_without_its_start_screen_is_rolled_back_after_the_wait(
    kiosk: Kiosk, centre: Centre, layout: InstallLayout, tmp_path: Path
) -> None:
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0", Build.HANGS)
    kiosk.worker.run_once()
    begin_trial(layout, "0.2.0")

    assert guard(layout, "before-start") == 0
    assert guard(layout, "await-health", "--seconds", "0.5") == 1  # systemd restarts the unit

    assert layout.current_version() == "0.1.0"
    assert read_state(layout).state == State.ROLLED_BACK
    assert restart(layout) == 0


def test_a_target_signed_without_the_targets_key_is_refused(
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A server holding only the online keys cannot push a version of its own."""
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    forger = Centre(centre.repository, CryptoSigner.generate_ed25519(), centre.folder)
    with pytest.raises(ValueError, match="not the targets key"):
        forger.publish("0.2.0")  # the platform's own check
    centre.publish("0.2.0")
    newest = centre.repository.targets()
    newest.signed.version += 1
    newest.signatures.clear()
    newest.sign(forger.targets_key)  # as an attacker on the server would, then re-pin it
    metadata = centre.repository.metadata_dir
    (metadata / f"{newest.signed.version}.targets.json").write_bytes(newest.to_bytes())
    centre.repository._write_snapshot_and_timestamp(newest.signed.version, now())

    detail = refused_cycle(kiosk, caplog)

    assert "UnsignedMetadataError" in detail
    assert not (layout.versions / "0.2.0").exists()


def test_expired_metadata_is_refused_until_the_centre_renews_it(
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A frozen repository (an old timestamp replayed, or one nobody renews) is refused."""
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    artefact = make_artefact(centre.folder, "0.2.0")
    ten_days_ago = now() - timedelta(days=10)
    centre.repository.publish(
        artefact, "0.2.0", centre.targets_key, Rollout("", "", 100), ten_days_ago
    )

    detail = refused_cycle(kiosk, caplog)

    assert "ExpiredMetadataError" in detail and "timestamp" in detail
    centre.repository.renew(now())
    renewed = kiosk.worker.run_once().software_update
    assert renewed is not None and renewed.state == State.STAGED


def test_an_older_timestamp_replayed_is_refused_as_a_rollback(
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0", percent=0)  # seen by the kiosk, not offered to it
    timestamp = centre.repository.metadata_dir / "timestamp.json"
    old = timestamp.read_bytes()
    first = kiosk.worker.run_once().software_update
    assert first is not None and first.state == State.NONE
    centre.repository.renew(now())
    kiosk.worker.run_once()  # the kiosk now trusts the newer timestamp
    timestamp.write_bytes(old)  # a mirror or proxy replays the older one

    detail = refused_cycle(kiosk, caplog)

    assert "BadVersionNumberError" in detail


def test_a_download_cut_over_the_link_resumes_where_it_stopped(
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    recorder: Recorder,
    proxy: FaultProxy,
) -> None:
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0", payload=os.urandom(200_000))
    answered = []

    def cut_after_four_pieces(head: bytes) -> bool:
        if b"/updates/targets/" in head and b".kiosk-" in head:
            answered.append(head)
            return len(answered) > 4
        return False

    proxy.answer_filter = cut_after_four_pieces
    cut = kiosk.worker.run_once()
    assert not cut.online  # the link went down mid-download; the cycle ends
    part = next((tmp_path / "work" / "downloads").glob("*.part"))
    assert part.stat().st_size == 4 * CHUNK

    proxy.answer_filter = None
    recorder.requests.clear()
    resumed = kiosk.worker.run_once().software_update

    assert resumed is not None and resumed.state == State.STAGED
    assert recorder.artefact_ranges()[0] == f"bytes={4 * CHUNK}-{5 * CHUNK - 1}"
    assert (layout.versions / "0.2.0" / "lib" / "payload").stat().st_size == 200_000
    assert not part.exists()


def test_a_disk_that_fills_during_unpacking_leaves_current_untouched(
    kiosk: Kiosk,
    centre: Centre,
    small_filesystem: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    layout = install_root(small_filesystem / "opt")
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0", payload=bytes(8 * 1024 * 1024))  # compresses small, unpacks to 8 MiB

    detail = refused_cycle(kiosk, caplog)

    assert "No space left" in detail
    assert layout.current_version() == "0.1.0"
    assert sorted(entry.name for entry in layout.versions.iterdir()) == ["0.1.0"]
    assert restart(layout) == 0  # the running version still starts
    shutil.rmtree(tmp_path / "work")


def test_a_kiosk_outside_the_rollout_fetches_nothing_until_its_township_is_chosen(
    platform: Platform,
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    recorder: Recorder,
) -> None:
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    with platform.database.transaction() as connection:
        connection.execute("UPDATE kiosks SET township = ? WHERE code = ?", ["Liuqu", KIOSK_CODE])
    centre.publish("0.2.0", percent=rollout_bucket(KIOSK_CODE))  # just below this kiosk

    outcome = kiosk.worker.run_once().software_update

    assert outcome is not None and outcome.state == State.NONE
    assert recorder.artefact_ranges() == []
    assert not (layout.versions / "0.2.0").exists()
    assert progress(platform, centre)() == (0, 0, 0)
    with platform.database.transaction() as connection:
        chosen = kiosks_in_townships(connection, ("Liuqu",))
    centre.repository.set_rollout(0, ("Liuqu",), chosen, centre.targets_key, now())
    widened = kiosk.worker.run_once().software_update
    assert widened is not None and widened.state == State.STAGED
    assert progress(platform, centre)() == (1, 0, 0)


def test_the_console_shows_each_kiosks_version_fleet_settings_and_the_rollout(
    platform: Platform, kiosk: Kiosk, centre: Centre, layout: InstallLayout, tmp_path: Path
) -> None:
    """The administrator's kiosks page, read over HTTP in both languages and looked at in
    headless Chromium (its screenshot stays in the test's folder)."""
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    settings = DataPaths(tmp_path / "kiosk-data")
    settings.config.write_text(LOCAL_TOML, encoding="utf-8")
    kiosk.worker.paths = settings
    assert publish_settings(platform, tmp_path, {"fleet": {"inactivity_seconds": 120}})[0] == 0
    centre.publish("0.2.0", percent=100)
    kiosk.worker.run_once()  # staged, fleet settings No. 1 kept
    kiosk.worker.run_once()  # reported as staged
    with platform.database.transaction() as connection:
        accounts.add_account(
            connection,
            "officer",
            "officer",
            Role.OFFICER,
            PASSWORD,
            platform.clock.now(),
            language="en",
        )
        accounts.add_account(
            connection, "officer_zh", "officer_zh", Role.OFFICER, PASSWORD, platform.clock.now()
        )

    english = sign_in(platform, "officer").get(console(platform, "kiosks"), timeout=30).text

    assert "Version 0.2.0 is offered to 100 % of kiosks" in english
    assert "0 of 1 kiosks offered it run it" in english
    assert "Ready, switches when idle 0.2.0" in english
    assert "No. 1" in english  # the fleet settings' serial it holds
    chinese = sign_in(platform, "officer_zh").get(console(platform, "kiosks"), timeout=30).text
    assert "已就绪，空闲时切换" in chinese and "统一设置" in chinese and "第 1 号" in chinese
    with chromium(tmp_path / "browser") as browser:
        browser_sign_in(browser, platform.url, "officer_zh", None)
        browser.get(f"{platform.url}/console/kiosks")
        assert "0.2.0" in shown(browser, "#software-rollout").text
        browser.save_screenshot(str(tmp_path / "kiosks-software.png"))


def test_a_staged_version_removed_before_the_switch_is_fetched_again(
    kiosk: Kiosk, centre: Centre, layout: InstallLayout, tmp_path: Path
) -> None:
    updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0")
    kiosk.worker.run_once()
    shutil.rmtree(layout.versions / "0.2.0")  # a clean-up by hand, a disk check

    again = kiosk.worker.run_once().software_update

    assert again is not None and again.state == State.STAGED
    assert (layout.versions / "0.2.0" / "bin" / "kiosk").exists()


def _root_signed_by(centre: Centre, names: list[CryptoSigner], signers: list[CryptoSigner]) -> None:
    """Put up the next root, naming only ``names`` as root keys, signed by ``signers``:
    what someone holding those keys, but not the administrator's threshold, could forge."""
    forged = centre.repository.root()
    for keyid in list(forged.signed.roles["root"].keyids):
        forged.signed.revoke_key(keyid, "root")
    for signer in names:
        forged.signed.add_key(signer.public_key, "root")
    forged.signed.version += 1
    forged.signatures.clear()
    for signer in signers:
        forged.sign(signer, append=True)
    (centre.repository.metadata_dir / f"{forged.signed.version}.root.json").write_bytes(
        forged.to_bytes()
    )


def test_root_keys_replaced_after_a_loss_reach_the_kiosk_and_the_old_keys_sign_no_more(
    kiosk: Kiosk,
    centre: Centre,
    layout: InstallLayout,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Root keys are 2 of 3, and key 3 is lost: the administrator replaces all three
    with keys 1 and 2. No root is taken without the threshold of the keys trusted."""
    updater = updater_for(kiosk, layout, tmp_path / "work", "0.1.0")
    centre.publish("0.2.0", percent=0)
    updater.run(KIOSK_CODE)  # trusts root 1
    old = [read_key(tmp_path / "offline-keys" / f"root-{number}.pem") for number in (1, 2)]
    with pytest.raises(ValueError, match="needs 2 of its own keys; 1 given"):
        centre.repository.replace_root_keys(old[:1], tmp_path / "new-keys", 3, 2, now())
    strangers = [CryptoSigner.generate_ed25519() for _ in range(2)]
    _root_signed_by(centre, strangers, [old[0], *strangers])  # one old key of the two needed
    assert "UnsignedMetadataError" in refused_cycle(kiosk, caplog)
    (centre.repository.metadata_dir / "2.root.json").unlink()

    written = centre.repository.replace_root_keys(old, tmp_path / "new-keys", 3, 2, now())
    new = [read_key(path) for path in written]
    assert updater.run(KIOSK_CODE).state == State.NONE  # takes root 2, signed by old and new
    with pytest.raises(ValueError, match="needs 2 of its own keys; 0 given"):
        centre.repository.renew_root(old, now())
    _root_signed_by(centre, old, old)  # the old keys, stolen, try to take the root back
    stolen = updater.run(KIOSK_CODE)
    assert stolen.state == State.FAILED and "UnsignedMetadataError" in stolen.detail
    (centre.repository.metadata_dir / "3.root.json").unlink()
    assert centre.repository.renew_root(new[1:], now()) == 3
    centre.repository.set_rollout(100, (), (), centre.targets_key, now())

    updated = updater.run(KIOSK_CODE)

    assert (updated.state, updated.version) == (State.STAGED, "0.2.0")
    assert (tmp_path / "work" / "metadata" / "root.json").read_bytes() == (
        centre.repository.metadata_dir / "3.root.json"
    ).read_bytes()
