"""Fetching a new kiosk version over the sync link, verified with The Update Framework.

At each sync cycle, on a kiosk installed in the versioned layout
(:mod:`kiosk.update_guard`), the updater

1. refreshes the update metadata with python-tuf's client (``ngclient``): it
   refuses metadata that is not signed by the keys the trusted root names
   (a forged signature), that has expired (a frozen repository), or whose
   version is older than one already seen (a rollback);
2. reads the signed ``rollout.json`` and decides, with the rules of
   :mod:`kiosk.software_updates`, whether this kiosk takes the release;
3. downloads the artefact in ``Range`` pieces into a ``.part`` file, each
   piece written and synced before the next is asked for, for at most
   :attr:`SoftwareUpdater.time_budget` seconds a cycle, so a cut link (or a
   long download over 2G) resumes at the next cycle where it stopped;
4. checks the whole file's length and hash against the signed targets
   metadata, unpacks it into ``versions/<version>/`` beside the running
   version, and records it as staged.

The switch itself happens in the kiosk program, when no applicant is using
it (:func:`kiosk.update_guard.begin_trial`).

Where the root of trust comes from: the kiosk keeps the update metadata in its
data directory. The first time, it takes the root from
``<install root>/update-root.json`` when the package shipped one, else the
centre's first root over the enrolled link (the same trust as the form signing
key it received at enrolment). From then on a new root is accepted only when
signed by a threshold of the previous root's keys.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tarfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tuf.api import exceptions as tuf_errors
from tuf.api.metadata import TargetFile
from tuf.ngclient import Updater
from tuf.ngclient.fetcher import FetcherInterface

from kiosk.software_updates import (
    MAX_ROLLOUT_BYTES,
    ROLLOUT_TARGET,
    ReleaseError,
    Rollout,
    check_members,
    wanted,
)
from kiosk.update_guard import (
    InstallLayout,
    State,
    UpdateState,
    read_state,
    running_version,
    write_state,
)
from sync.client import CentralClient, CentralUnavailable

log = logging.getLogger(__name__)

METADATA_PATH = "/updates/metadata/"
TARGETS_PATH = "/updates/targets/"
PACKAGED_ROOT = "update-root.json"
CHUNK_BYTES = 256 * 1024
"""One ``Range`` piece: over 2G (~20 KB/s) about ten seconds, so a cut loses little."""


class _LinkFetcher(FetcherInterface):
    """Gives python-tuf the repository's files over the kiosk's own authenticated link."""

    def __init__(self, client: CentralClient) -> None:
        self._client = client

    def _fetch(self, url: str) -> Iterator[bytes]:
        response = self._client.get_file(url)
        if response.status != 200:
            raise tuf_errors.DownloadHTTPError(f"{url}: HTTP {response.status}", response.status)
        yield response.body


@dataclass(frozen=True)
class UpdateOutcome:
    """What the update step did this cycle (for the sync report and the log)."""

    state: State
    version: str | None = None
    detail: str = ""


@dataclass
class SoftwareUpdater:
    """Brings the release the centre offers this kiosk into ``versions/``, verified."""

    client: CentralClient
    layout: InstallLayout
    work_dir: Path
    """The kiosk's own folder for update metadata and partial downloads (in its data dir)."""
    running_version: str
    chunk_bytes: int = CHUNK_BYTES
    time_budget: float = 60.0
    """Seconds of downloading per sync cycle; the rest follows at the next cycles."""
    monotonic: Callable[[], float] = field(default=time.monotonic)

    @property
    def metadata_dir(self) -> Path:
        return self.work_dir / "metadata"

    @property
    def downloads(self) -> Path:
        return self.work_dir / "downloads"

    def run(self, kiosk_code: str) -> UpdateOutcome:
        """One cycle's work for the kiosk ``kiosk_code``; a link that is down raises
        :class:`CentralUnavailable`."""
        state = read_state(self.layout)
        if state.state == State.TRIAL or (state.state == State.STAGED and self._unpacked(state)):
            return UpdateOutcome(state.state, state.version)  # waits for the switch, or its trial
        try:
            updater = self._updater()
            updater.refresh()
            rollout = self._rollout(updater)
            if rollout is None or not wanted(
                rollout, kiosk_code, self.running_version, state.refused
            ):
                if state.state == State.FAILED:  # the trouble is over: nothing is wanted now
                    write_state(self.layout, replace(state, state=State.NONE, detail=""))
                return UpdateOutcome(State.NONE)
            target = updater.get_targetinfo(rollout.artefact)
            if target is None:
                raise ReleaseError(f"{rollout.artefact} is offered but not a signed target")
            archive = self._download(target)
            if archive is None:
                return self._downloading(state, rollout.version, target)
            return self._stage(archive, rollout.version, state)
        except tuf_errors.DownloadError as error:
            cause = error.__cause__
            if isinstance(cause, CentralUnavailable):
                raise cause from error
            return self._refused(state, f"the update metadata could not be fetched: {error}")
        except (tuf_errors.RepositoryError, ReleaseError) as error:
            return self._refused(state, f"{type(error).__name__}: {error}")

    def _unpacked(self, state: UpdateState) -> bool:
        """Whether the staged version is still there to switch to (else fetch it again)."""
        return (
            state.version is not None
            and (self.layout.version_dir(state.version) / "bin" / "kiosk").exists()
        )

    def _updater(self) -> Updater:
        self.metadata_dir.mkdir(parents=True, exist_ok=True)
        bootstrap = None
        if not (self.metadata_dir / "root.json").exists():
            bootstrap = self._first_root()
        return Updater(
            str(self.metadata_dir),
            METADATA_PATH,
            str(self.downloads),
            TARGETS_PATH,
            fetcher=_LinkFetcher(self.client),
            bootstrap=bootstrap,
        )

    def _first_root(self) -> bytes:
        packaged = self.layout.root / PACKAGED_ROOT
        if packaged.is_file():
            return packaged.read_bytes()
        response = self.client.get_file(f"{METADATA_PATH}1.root.json")
        if response.status != 200:
            raise ReleaseError(f"the centre has no update repository yet (HTTP {response.status})")
        log.info("software updates: first root of trust taken from the centre")
        return response.body

    def _rollout(self, updater: Updater) -> Rollout | None:
        target = updater.get_targetinfo(ROLLOUT_TARGET)
        if target is None:
            return None
        if target.length > MAX_ROLLOUT_BYTES:
            raise ReleaseError(f"rollout.json is {target.length} bytes")
        self.downloads.mkdir(parents=True, exist_ok=True)
        path = updater.download_target(target, str(self.downloads / ROLLOUT_TARGET))
        return Rollout.from_json(Path(path).read_bytes())

    def _download(self, target: TargetFile) -> Path | None:
        """The whole verified artefact, or None when this cycle's time ran out first."""
        self.downloads.mkdir(parents=True, exist_ok=True)
        digest = target.hashes["sha256"]
        part = self._part(target)
        for stale in self.downloads.glob("*.part"):  # a release the centre no longer offers
            if stale != part:
                stale.unlink()
        offset = part.stat().st_size if part.exists() else 0
        if offset > target.length:
            part.unlink()
            offset = 0
        if offset:
            log.info(
                "software update: resuming %s at byte %d of %d", target.path, offset, target.length
            )
        deadline = self.monotonic() + self.time_budget
        url = f"{TARGETS_PATH}{digest}.{target.path}"
        with open(part, "ab") as file:
            while offset < target.length:
                if self.monotonic() > deadline:
                    log.info(
                        "software update: %d of %d bytes, more next cycle", offset, target.length
                    )
                    return None
                end = min(offset + self.chunk_bytes, target.length) - 1
                response = self.client.get_file(url, offset, end)
                if response.status != 206 or len(response.body) != end - offset + 1:
                    raise CentralUnavailable(
                        f"the centre answered HTTP {response.status} with {len(response.body)}"
                        f" bytes for the update's bytes {offset}-{end}"
                    )
                file.write(response.body)
                file.flush()
                os.fsync(file.fileno())
                offset = end + 1
        try:
            with open(part, "rb") as file:
                target.verify_length_and_hashes(file)
        except tuf_errors.LengthOrHashMismatchError:
            part.unlink()
            raise
        return part

    def _downloading(self, state: UpdateState, version: str, target: TargetFile) -> UpdateOutcome:
        done = self._part(target).stat().st_size
        detail = f"{done} of {target.length} bytes"
        write_state(
            self.layout, replace(state, state=State.DOWNLOADING, version=version, detail=detail)
        )
        return UpdateOutcome(State.DOWNLOADING, version, detail)

    def _part(self, target: TargetFile) -> Path:
        return self.downloads / f"{target.hashes['sha256']}.{target.path}.part"

    def _stage(self, archive: Path, version: str, state: UpdateState) -> UpdateOutcome:
        try:
            unpack(archive, self.layout, version)
        except (OSError, tarfile.TarError, ReleaseError) as error:
            return self._refused(state, f"version {version} could not be unpacked: {error}")
        finally:
            archive.unlink(missing_ok=True)
        write_state(self.layout, replace(state, state=State.STAGED, version=version, detail=""))
        log.info(
            "software update: version %s is ready, switched to when the kiosk is idle", version
        )
        return UpdateOutcome(State.STAGED, version)

    def _refused(self, state: UpdateState, reason: str) -> UpdateOutcome:
        log.warning("software update refused: %s", reason)
        write_state(self.layout, replace(state, state=State.FAILED, detail=reason[:300]))
        return UpdateOutcome(State.FAILED, state.version, reason)


def updater_for(client: CentralClient, data_dir: Path) -> SoftwareUpdater | None:
    """The updater of a kiosk running from the versioned layout; None for any other
    (a source checkout updates with git, not with this)."""
    layout = InstallLayout.from_environment()
    version = running_version(layout)
    if version is None or not layout.managed():
        return None
    return SoftwareUpdater(client, layout, data_dir / "updates", version)


UNSAFE_MODE_BITS = stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX | stat.S_IWGRP | stat.S_IWOTH
"""Mode bits no unpacked file keeps: set-user/group-id, sticky, writable by group or others."""


def unpack(archive: Path, layout: InstallLayout, version: str) -> Path:
    """Unpack a verified artefact into ``versions/<version>``, whole or not at all.

    It is unpacked beside, then renamed into place; on any failure (a full
    disk, a bad archive) the half-unpacked folder is removed, and ``current``
    and the running version are never touched.
    """
    final = layout.version_dir(version)
    if version == layout.current_version():
        raise ReleaseError(f"version {version} is the one running")
    staging = layout.versions / f".unpacking-{version}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        with tarfile.open(archive, "r:gz") as opened:
            members = check_members(opened, version)
            for member in members:  # what tarfile's "tar" filter does, on every Python
                member.mode &= ~UNSAFE_MODE_BITS
            if hasattr(tarfile, "tar_filter"):
                opened.extractall(staging, members=members, filter="tar")
            else:  # Python before 3.11.4 (Debian 12's 3.11.2): check_members did the rest
                opened.extractall(staging, members=members)
        shutil.rmtree(final, ignore_errors=True)  # a leftover of an earlier, failed trial
        os.rename(staging / version, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return final
