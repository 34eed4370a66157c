"""How far a software release has gone: which kiosks it is offered to and which run it.

Read from the kiosks' own reports (``PUT /kiosk-report``: software version,
update state, fleet settings serial) and the rollout the update repository
publishes; the same rule as the kiosks' (:func:`kiosk.software_updates.in_rollout`)
says who is offered the release.
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.version import InvalidVersion, Version

from central.database import Connection
from central.kiosk_health import KioskHealth, kiosk_health
from kiosk.software_updates import Rollout, in_rollout
from kiosk.update_guard import State


@dataclass(frozen=True)
class KioskSoftware:
    """One kiosk's software as the rollout views show it."""

    code: str
    township: str | None
    version: str | None
    """The version the kiosk last reported running (None: it never reported)."""
    fleet_settings_serial: int | None
    update_state: str | None
    update_version: str | None
    update_detail: str
    offered: bool
    """Whether the current rollout offers its release to this kiosk."""
    updated: bool
    """Whether the kiosk runs the rollout's release (or a newer one)."""


@dataclass(frozen=True)
class RolloutProgress:
    """The release offered now and where each kiosk is with it."""

    rollout: Rollout | None
    kiosks: list[KioskSoftware]

    @property
    def offered(self) -> int:
        return sum(kiosk.offered for kiosk in self.kiosks)

    @property
    def updated(self) -> int:
        return sum(kiosk.updated for kiosk in self.kiosks)

    @property
    def rolled_back(self) -> int:
        return sum(kiosk.update_state == State.ROLLED_BACK for kiosk in self.kiosks)


def kiosks_in_townships(connection: Connection, townships: tuple[str, ...]) -> tuple[str, ...]:
    """The codes of the (not revoked) kiosks enrolled in any of ``townships``."""
    if not townships:
        return ()
    marks = ", ".join("?" for _ in townships)
    rows = connection.query(
        f"SELECT code FROM kiosks WHERE township IN ({marks}) AND revoked_at IS NULL ORDER BY code",
        list(townships),
    )
    return tuple(str(row[0]) for row in rows)


def _runs_at_least(version: str | None, wanted: str) -> bool:
    if version is None:
        return False
    try:
        return Version(version) >= Version(wanted)
    except InvalidVersion:
        return False


def _software(health: KioskHealth, township: str | None, rollout: Rollout | None) -> KioskSoftware:
    report = health.report
    update = None if report is None else report.software_update
    version = None if report is None else report.software_version
    return KioskSoftware(
        code=health.code,
        township=township,
        version=version,
        fleet_settings_serial=None if report is None else report.fleet_settings_serial,
        update_state=None if update is None else update.state.value,
        update_version=None if update is None else update.version,
        update_detail="" if update is None else update.detail,
        offered=rollout is not None and not health.revoked and in_rollout(rollout, health.code),
        updated=rollout is not None and _runs_at_least(version, rollout.version),
    )


def rollout_progress(connection: Connection, rollout: Rollout | None) -> RolloutProgress:
    """Every kiosk's software and its place in ``rollout``, in code order."""
    townships = {
        str(code): None if township is None else str(township)
        for code, township in connection.query("SELECT code, township FROM kiosks")
    }
    return RolloutProgress(
        rollout,
        [
            _software(kiosk, townships.get(kiosk.code), rollout)
            for kiosk in kiosk_health(connection)
        ],
    )
