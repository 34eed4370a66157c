"""The kiosk software's update repository, on The Update Framework's model (python-tuf).

Four roles sign what kiosks trust, each with its own keys and expiry:

- ``root`` (several keys, a threshold of them must sign; kept offline, as
  files the administrator holds) says which keys every role has;
- ``targets`` (one key, offline, given at each publish) lists the artefacts
  and ``rollout.json``, with their lengths and hashes;
- ``snapshot`` and ``timestamp`` (online keys, on this server) pin the
  newest targets version and are re-signed often, so a kiosk notices when
  it is shown an old repository (rollback) or a frozen one (expired).

The repository is a folder (``KIOSK_CENTRAL_UPDATES_DIR``, by default beside
the SQLite database or in the platform's data folder)::

    metadata/N.root.json  metadata/N.targets.json  metadata/N.snapshot.json
    metadata/timestamp.json
    targets/<sha256>.kiosk-V.tar.gz   targets/<sha256>.rollout.json
    keys/snapshot.pem  keys/timestamp.pem      (mode 0600)

Consistent snapshots: every file but ``timestamp.json`` is written once under
a name of its own and never changed, so several platform processes can serve
the folder while a publish writes the next version, and a kiosk whose
download spans a publish still gets the files it verified.
"""

from __future__ import annotations

import logging
import os
import shutil
import tarfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.serialization import load_pem_private_key
from securesystemslib.signer import CryptoSigner
from tuf.api.metadata import (
    Metadata,
    MetaFile,
    Root,
    Snapshot,
    TargetFile,
    Targets,
    Timestamp,
)
from tuf.api.serialization import DeserializationError
from tuf.api.serialization.json import JSONSerializer

from central.database import Database, Dialect, create_private_file, data_dir
from kiosk.software_updates import (
    ROLLOUT_TARGET,
    ReleaseError,
    Rollout,
    artefact_name,
    check_members,
    check_version,
)

log = logging.getLogger(__name__)

UPDATES_DIR_VARIABLE = "KIOSK_CENTRAL_UPDATES_DIR"
EXPIRY = {
    "root": timedelta(days=365),
    "targets": timedelta(days=365),
    "snapshot": timedelta(days=30),
    "timestamp": timedelta(days=3),
}
"""How long each role's signature holds. ``kiosk-central updates renew``, run daily
(a systemd timer), re-signs timestamp and snapshot; root and targets are re-signed
with the offline keys when an administrator publishes, or sooner than a year."""
ONLINE_ROLES = ("snapshot", "timestamp")
MAX_ARTEFACT_BYTES = 2 * 1024**3
_SERIALIZER = JSONSerializer(compact=False)


class RepositoryError(ValueError):
    """The repository cannot do what was asked; the text says why, for the administrator."""


def updates_dir(database: Database) -> Path:
    """Where ``database``'s update repository lives (``KIOSK_CENTRAL_UPDATES_DIR`` overrides)."""
    chosen = os.environ.get(UPDATES_DIR_VARIABLE)
    if chosen:
        return Path(chosen)
    if database.dialect is Dialect.SQLITE:
        return database.sqlite_path.with_name("updates")
    return data_dir() / "updates"


def current_rollout(database: Database) -> Rollout | None:
    """The release offered now, or None (no repository, nothing published, unreadable)."""
    repository = UpdateRepository(updates_dir(database))
    if not repository.exists():
        return None
    try:
        return repository.rollout()
    except (OSError, ValueError, DeserializationError) as error:  # shown as nothing offered
        log.warning("the update repository at %s cannot be read: %s", repository.path, error)
        return None


def write_key(signer: CryptoSigner, path: Path) -> None:
    """Keep a private key as a 0600 PEM file (never over an existing one)."""
    if path.exists():
        raise RepositoryError(f"{path} exists already: a key is never overwritten")
    create_private_file(path)
    path.write_bytes(signer.private_bytes)


def read_key(path: Path) -> CryptoSigner:
    """A signer from a PEM file written by :func:`write_key`."""
    try:
        key = load_pem_private_key(path.read_bytes(), password=None)
        return CryptoSigner(key)
    except (OSError, ValueError, TypeError) as error:
        raise RepositoryError(f"{path} is not a private key: {error}") from error


@dataclass(frozen=True)
class RepositoryStatus:
    """What ``kiosk-central updates status`` prints about the repository itself."""

    root_version: int
    root_threshold: int
    targets_version: int
    targets_expires: datetime
    snapshot_expires: datetime
    timestamp_expires: datetime
    rollout: Rollout | None
    releases: list[str]


@dataclass(frozen=True)
class UpdateRepository:
    """The repository folder and the operations that sign it."""

    path: Path

    @property
    def metadata_dir(self) -> Path:
        return self.path / "metadata"

    @property
    def targets_dir(self) -> Path:
        return self.path / "targets"

    @property
    def keys_dir(self) -> Path:
        return self.path / "keys"

    def exists(self) -> bool:
        """Whether the repository was set up (its first root is there)."""
        return (self.metadata_dir / "1.root.json").exists()

    # -- setting up -------------------------------------------------------------------

    def initialise(
        self, offline_dir: Path, root_keys: int, threshold: int, now: datetime
    ) -> list[Path]:
        """Make every key and the first metadata; the offline keys' files are returned.

        The root keys and the targets key are written to ``offline_dir``, to be
        carried off the server (``root-N.pem``, ``targets.pem``); the online
        snapshot and timestamp keys stay in the repository's ``keys/``.
        """
        if self.exists():
            raise RepositoryError(f"{self.path} already holds an update repository")
        if not 1 <= threshold <= root_keys:
            raise RepositoryError("the root threshold must be between 1 and the number of keys")
        offline_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        for folder in (self.metadata_dir, self.targets_dir):
            folder.mkdir(parents=True, exist_ok=True)
        self.keys_dir.mkdir(mode=0o700, exist_ok=True)
        root = Root(expires=now + EXPIRY["root"])
        root_signers = [CryptoSigner.generate_ed25519() for _ in range(root_keys)]
        written = []
        for number, signer in enumerate(root_signers, start=1):
            root.add_key(signer.public_key, "root")
            written.append(offline_dir / f"root-{number}.pem")
            write_key(signer, written[-1])
        root.roles["root"].threshold = threshold
        targets_signer = CryptoSigner.generate_ed25519()
        root.add_key(targets_signer.public_key, "targets")
        written.append(offline_dir / "targets.pem")
        write_key(targets_signer, written[-1])
        for role in ONLINE_ROLES:
            signer = CryptoSigner.generate_ed25519()
            root.add_key(signer.public_key, role)
            write_key(signer, self.keys_dir / f"{role}.pem")
        self._write_root(Metadata(root), root_signers)
        self._write_targets(Targets(expires=now + EXPIRY["targets"]), targets_signer, now)
        return written

    def _write_root(self, metadata: Metadata[Root], signers: Iterable[CryptoSigner]) -> None:
        metadata.signatures.clear()
        for signer in signers:
            metadata.sign(signer, append=True)
        self._write(f"{metadata.signed.version}.root.json", metadata)

    # -- reading ----------------------------------------------------------------------

    def root(self) -> Metadata[Root]:
        """The newest root."""
        versions = [int(path.name.split(".")[0]) for path in self.metadata_dir.glob("*.root.json")]
        if not versions:
            raise RepositoryError(f"{self.path} holds no update repository: run 'updates init'")
        return Metadata[Root].from_file(str(self.metadata_dir / f"{max(versions)}.root.json"))

    def timestamp(self) -> Metadata[Timestamp]:
        return Metadata[Timestamp].from_file(str(self.metadata_dir / "timestamp.json"))

    def snapshot(self) -> Metadata[Snapshot]:
        version = self.timestamp().signed.snapshot_meta.version
        return Metadata[Snapshot].from_file(str(self.metadata_dir / f"{version}.snapshot.json"))

    def targets(self) -> Metadata[Targets]:
        version = self.snapshot().signed.meta["targets.json"].version
        return Metadata[Targets].from_file(str(self.metadata_dir / f"{version}.targets.json"))

    def rollout(self) -> Rollout | None:
        """The release offered now, if any was published."""
        target = self.targets().signed.targets.get(ROLLOUT_TARGET)
        if target is None:
            return None
        return Rollout.from_json(self._target_file(target).read_bytes())

    def status(self) -> RepositoryStatus:
        """Versions, expiries and the rollout, for the administrator."""
        root, targets = self.root().signed, self.targets().signed
        releases = sorted(name for name in targets.targets if name != ROLLOUT_TARGET)
        return RepositoryStatus(
            root_version=root.version,
            root_threshold=root.roles["root"].threshold,
            targets_version=targets.version,
            targets_expires=targets.expires,
            snapshot_expires=self.snapshot().signed.expires,
            timestamp_expires=self.timestamp().signed.expires,
            rollout=self.rollout(),
            releases=releases,
        )

    def metadata_file(self, name: str) -> Path | None:
        """A metadata file kiosks may fetch (``N.root.json``, ``timestamp.json``, ...)."""
        path = self.metadata_dir / name
        return path if _served_name(name) and path.is_file() else None

    def target_file(self, name: str) -> Path | None:
        """A hash-prefixed target file kiosks may fetch."""
        path = self.targets_dir / name
        return path if _served_name(name) and path.is_file() else None

    # -- publishing -------------------------------------------------------------------

    def publish(
        self,
        artefact: Path,
        version: str,
        targets_signer: CryptoSigner,
        rollout: Rollout,
        now: datetime,
    ) -> Rollout:
        """Add ``artefact`` as ``version`` and offer it as ``rollout`` says."""
        check_version(version)
        _check_artefact(artefact, version)
        self._require_key("targets", targets_signer)
        targets = self.targets().signed
        name = artefact_name(version)
        if name in targets.targets:
            raise RepositoryError(f"version {version} was published already")
        targets.targets[name] = self._add_target_file(artefact, name)
        offered = Rollout(version, name, rollout.percent, rollout.townships, rollout.kiosks)
        self._offer(targets, offered, targets_signer, now)
        return offered

    def set_rollout(
        self,
        percent: int,
        townships: tuple[str, ...],
        kiosks: tuple[str, ...],
        targets_signer: CryptoSigner,
        now: datetime,
    ) -> Rollout:
        """Widen, narrow or halt (0 %, no township) the release offered now."""
        self._require_key("targets", targets_signer)
        current = self.rollout()
        if current is None:
            raise RepositoryError("no release has been published yet")
        changed = Rollout(current.version, current.artefact, percent, townships, kiosks)
        self._offer(self.targets().signed, changed, targets_signer, now)
        return changed

    def renew_root(self, signers: list[CryptoSigner], now: datetime) -> int:
        """Sign the next root (same keys, a new expiry) with ``signers``, the root keys
        the administrator brought: at least the threshold of them. Its version."""
        root = self.root()
        _require_root_threshold(root.signed, signers)
        root.signed.version += 1
        root.signed.expires = now + EXPIRY["root"]
        self._write_root(root, signers)
        return root.signed.version

    def replace_root_keys(
        self,
        old_signers: list[CryptoSigner],
        offline_dir: Path,
        root_keys: int,
        threshold: int,
        now: datetime,
    ) -> list[Path]:
        """Sign a root that names new root keys only, when one was lost or stolen.

        Every old root key is dropped, including the ones still held: a key out
        of the administrator's hands must never count towards a threshold again.
        The next root is signed by the threshold of the old keys (``old_signers``,
        which kiosks trust now) and by every new key (which it names), as TUF asks
        of a root that changes keys: a kiosk takes it, and roots after it are
        signed by the new keys alone. The new keys go to ``offline_dir`` as
        ``root-N.pem``, before the root that names them is written.
        """
        root = self.root()
        _require_root_threshold(root.signed, old_signers)
        if not 1 <= threshold <= root_keys:
            raise RepositoryError("the root threshold must be between 1 and the number of keys")
        files = [offline_dir / f"root-{number}.pem" for number in range(1, root_keys + 1)]
        taken = [str(path) for path in files if path.exists()]
        if taken:
            raise RepositoryError(f"{', '.join(taken)} exist already: give a new folder")
        offline_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        for keyid in list(root.signed.roles["root"].keyids):
            root.signed.revoke_key(keyid, "root")
        new_signers = [CryptoSigner.generate_ed25519() for _ in files]
        for signer, path in zip(new_signers, files, strict=True):
            write_key(signer, path)
            root.signed.add_key(signer.public_key, "root")
        root.signed.roles["root"].threshold = threshold
        root.signed.version += 1
        root.signed.expires = now + EXPIRY["root"]
        self._write_root(root, [*old_signers, *new_signers])
        return files

    def renew(self, now: datetime) -> None:
        """Re-sign snapshot (when half its life is gone) and timestamp with the online keys."""
        snapshot = self.snapshot().signed
        if snapshot.expires - now < EXPIRY["snapshot"] / 2:
            self._write_snapshot_and_timestamp(snapshot.meta["targets.json"].version, now)
        else:
            self._write_timestamp(snapshot.version, now)

    def _offer(
        self, targets: Targets, rollout: Rollout, signer: CryptoSigner, now: datetime
    ) -> None:
        if not 0 <= rollout.percent <= 100:
            raise RepositoryError("the percentage is between 0 and 100")
        document = self.path / f".{ROLLOUT_TARGET}.draft"
        document.write_text(rollout.to_json() + "\n", encoding="utf-8")
        try:
            targets.targets[ROLLOUT_TARGET] = self._add_target_file(document, ROLLOUT_TARGET)
        finally:
            document.unlink()
        targets.version += 1
        targets.expires = now + EXPIRY["targets"]
        self._write_targets(targets, signer, now)

    def _add_target_file(self, source: Path, name: str) -> TargetFile:
        target = TargetFile.from_file(name, str(source), ["sha256"])
        stored = self.targets_dir / f"{target.hashes['sha256']}.{name}"
        if not stored.exists():
            draft = stored.with_name(f".{stored.name}.draft")
            shutil.copyfile(source, draft)
            os.replace(draft, stored)
        return target

    def _write_targets(self, targets: Targets, signer: CryptoSigner, now: datetime) -> None:
        metadata = Metadata(targets)
        metadata.sign(signer)
        self._write(f"{targets.version}.targets.json", metadata)
        self._write_snapshot_and_timestamp(targets.version, now)

    def _write_snapshot_and_timestamp(self, targets_version: int, now: datetime) -> None:
        """Pin ``targets_version`` in a new snapshot, and that snapshot in a new timestamp."""
        previous = self._snapshot_version()
        snapshot = Snapshot(
            version=previous + 1,
            expires=now + EXPIRY["snapshot"],
            meta={"targets.json": MetaFile(targets_version)},
        )
        metadata = Metadata(snapshot)
        metadata.sign(self._online_signer("snapshot"))
        self._write(f"{snapshot.version}.snapshot.json", metadata)
        self._write_timestamp(snapshot.version, now)

    def _write_timestamp(self, snapshot_version: int, now: datetime) -> None:
        path = self.metadata_dir / "timestamp.json"
        version = self.timestamp().signed.version + 1 if path.exists() else 1
        timestamp = Timestamp(
            version=version,
            expires=now + EXPIRY["timestamp"],
            snapshot_meta=MetaFile(snapshot_version),
        )
        metadata = Metadata(timestamp)
        metadata.sign(self._online_signer("timestamp"))
        self._write("timestamp.json", metadata)

    def _snapshot_version(self) -> int:
        if not (self.metadata_dir / "timestamp.json").exists():
            return 0
        return self.timestamp().signed.snapshot_meta.version

    def _online_signer(self, role: str) -> CryptoSigner:
        return read_key(self.keys_dir / f"{role}.pem")

    def _require_key(self, role: str, signer: CryptoSigner) -> None:
        if signer.public_key.keyid not in self.root().signed.roles[role].keyids:
            raise RepositoryError(f"this is not the {role} key of the update repository")

    def _target_file(self, target: TargetFile) -> Path:
        return self.targets_dir / f"{target.hashes['sha256']}.{target.path}"

    def _write(
        self,
        name: str,
        metadata: Metadata[Root] | Metadata[Targets] | Metadata[Snapshot] | Metadata[Timestamp],
    ) -> None:
        path = self.metadata_dir / name
        draft = path.with_name(f".{name}.draft")
        draft.write_bytes(metadata.to_bytes(_SERIALIZER))
        os.replace(draft, path)


def _require_root_threshold(root: Root, signers: list[CryptoSigner]) -> None:
    """Refuse unless ``signers`` are all keys of ``root``, at least its threshold."""
    role = root.roles["root"]
    known = {signer.public_key.keyid for signer in signers} & set(role.keyids)
    if len(known) < role.threshold or len(known) < len(signers):
        raise RepositoryError(
            f"the root needs {role.threshold} of its own keys; {len(known)} given"
        )


def _served_name(name: str) -> bool:
    """A plain file name of the repository (no folder, no hidden draft)."""
    return (
        0 < len(name) <= 200
        and "/" not in name
        and not name.startswith(".")
        and all(char.isalnum() or char in "._+-" for char in name)
    )


def _check_artefact(artefact: Path, version: str) -> None:
    """Refuse an artefact kiosks could not unpack: not a tarball of ``<version>/``."""
    try:
        size = artefact.stat().st_size
        if size > MAX_ARTEFACT_BYTES:
            raise RepositoryError(f"{artefact} is larger than {MAX_ARTEFACT_BYTES} bytes")
        with tarfile.open(artefact, "r:gz") as archive:
            check_members(archive, version)
    except (OSError, tarfile.TarError) as error:
        raise RepositoryError(f"{artefact} is not a gzip tarball: {error}") from error
    except ReleaseError as error:
        raise RepositoryError(str(error)) from error
