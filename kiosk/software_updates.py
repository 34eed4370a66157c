"""The rules of a software update, without the network: which release, whether this
kiosk is in its rollout, and whether an artefact's contents may be unpacked.

The central platform announces one release at a time in a signed ``rollout.json``
(a target of its update repository, so it is as trusted as the artefact):
the version, the artefact's target name, and who takes it first. A kiosk
takes a release when

- it is newer than the version it runs and not one that already failed here;
- the kiosk is named (its township was chosen when the rollout was set) or
  falls in the rollout's percentage. The percentage uses a stable hash of the
  kiosk code, so widening 10 % to 50 % keeps the first 10 % and the same
  kiosks go first for every release (the canaries an administrator watches).
"""

from __future__ import annotations

import hashlib
import json
import tarfile
from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from kiosk.update_guard import VERSION_PATTERN

ARTEFACT_PREFIX = "kiosk-"
ARTEFACT_SUFFIX = ".tar.gz"
ROLLOUT_TARGET = "rollout.json"
MAX_ROLLOUT_BYTES = 1024 * 1024


class ReleaseError(ValueError):
    """A rollout document or an artefact that must not be used; the text says why."""


@dataclass(frozen=True)
class Rollout:
    """The release the centre offers, and to whom."""

    version: str
    artefact: str
    percent: int = 0
    townships: tuple[str, ...] = ()
    kiosks: tuple[str, ...] = ()
    """The kiosks of the chosen townships when the rollout was set."""

    def to_json(self) -> str:
        """The canonical text published as ``rollout.json``."""
        return json.dumps(
            {
                "version": self.version,
                "artefact": self.artefact,
                "percent": self.percent,
                "townships": sorted(self.townships),
                "kiosks": sorted(self.kiosks),
            },
            ensure_ascii=False,
            sort_keys=True,
            indent=1,
        )

    @classmethod
    def from_json(cls, data: bytes) -> Rollout:
        """Parse ``rollout.json``; :class:`ReleaseError` for anything but its shape."""
        try:
            raw = json.loads(data)
            rollout = cls(
                version=str(raw["version"]),
                artefact=str(raw["artefact"]),
                percent=int(raw["percent"]),
                townships=tuple(str(name) for name in raw["townships"]),
                kiosks=tuple(str(code) for code in raw["kiosks"]),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ReleaseError(f"rollout.json is not a rollout: {error}") from error
        check_version(rollout.version)
        if rollout.artefact != artefact_name(rollout.version):
            raise ReleaseError(f"rollout.json names {rollout.artefact!r} for {rollout.version}")
        if not 0 <= rollout.percent <= 100:
            raise ReleaseError(f"rollout percentage {rollout.percent} is not 0–100")
        return rollout


def check_version(version: str) -> Version:
    """The parsed version; :class:`ReleaseError` unless it is a version and a safe name."""
    if not VERSION_PATTERN.fullmatch(version):
        raise ReleaseError(f"{version!r} cannot name a version directory")
    try:
        return Version(version)
    except InvalidVersion as error:
        raise ReleaseError(f"{version!r} is not a version number") from error


def artefact_name(version: str) -> str:
    """The target name of a version's artefact."""
    return f"{ARTEFACT_PREFIX}{version}{ARTEFACT_SUFFIX}"


def rollout_bucket(kiosk_code: str) -> int:
    """The kiosk's place 0–99 in every percentage rollout (stable across releases)."""
    digest = hashlib.sha256(f"kiosk-rollout\n{kiosk_code}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100


def in_rollout(rollout: Rollout, kiosk_code: str) -> bool:
    """Whether this kiosk is offered the release now."""
    return kiosk_code in rollout.kiosks or rollout_bucket(kiosk_code) < rollout.percent


def wanted(rollout: Rollout, kiosk_code: str, running: str, refused: list[str]) -> bool:
    """Whether to fetch the release: newer than ``running``, not failed here, offered."""
    if rollout.version in refused:
        return False
    try:
        if Version(rollout.version) <= Version(running):
            return False
    except InvalidVersion:
        pass  # a running version that reads as no version (a bare checkout): any release is newer
    return in_rollout(rollout, kiosk_code)


def check_members(archive: tarfile.TarFile, version: str) -> list[tarfile.TarInfo]:
    """The members of an artefact, all under ``<version>/``, with ``bin/kiosk`` among them.

    Refuses paths that leave the version's directory, hard links, device
    files and members under a symbolic link (which would be written where the
    link points): a signed artefact is trusted, but a mistake in building one
    must not write outside ``versions/``. Symbolic links are kept as they are
    (a virtual environment's ``bin/python`` points at the system's
    interpreter). These checks do not lean on tarfile's extraction filters,
    which Debian 12's Python (3.11.2) does not have.
    """
    members = archive.getmembers()
    links = {member.name + "/" for member in members if member.issym()}
    for member in members:
        parts = member.name.split("/")
        if member.name.startswith("/") or ".." in parts or parts[0] != version:
            raise ReleaseError(f"the artefact holds {member.name!r} outside {version}/")
        if not (member.isfile() or member.isdir() or member.issym()):
            raise ReleaseError(f"the artefact holds {member.name!r}, neither file, folder nor link")
        if any(member.name.startswith(link) for link in links):
            raise ReleaseError(f"the artefact holds {member.name!r} under a symbolic link")
    if not any(member.name == f"{version}/bin/kiosk" for member in members):
        raise ReleaseError(f"the artefact has no {version}/bin/kiosk")
    return members
