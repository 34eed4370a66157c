"""One sync cycle, and the loop that repeats it: outbox, forms, trust list, settings,
statuses, report, anchor.

The worker owns its own database connection (a sqlite3 connection belongs
to the thread that opened it), its transport and its clock, all passed in.
Each cycle records when it last succeeded and why it last failed, which is
what the connection indicator and the clerk's screen show.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlite_utils import Database

from kiosk.clock import Clock, format_timestamp
from kiosk.config import DataPaths
from kiosk.retention import purge_acknowledged
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import transaction
from sync import sync_settings
from sync.attachment_upload import upload_attachments
from sync.audit_anchor import anchor_audit_chain
from sync.backoff import BackoffPolicy
from sync.client import CentralClient, CentralRefused, CentralUnavailable
from sync.feedback_sender import send_feedback
from sync.fleet_settings_updates import update_fleet_settings
from sync.form_updates import FormUpdater, FormUpdateReport
from sync.key_escrow import escrow_with_centre, unlock_through_centre
from sync.kiosk_report import send_kiosk_report
from sync.outbox import OutboxSender, SendReport
from sync.software_updates import SoftwareUpdater, UpdateOutcome
from sync.staff_pull import pull_staff
from sync.status_pull import pull_status_updates
from sync.trust_list_updates import update_trust_list

log = logging.getLogger(__name__)

T = TypeVar("T")
WHOLE_KIOSK_REFUSALS = ("kiosk_revoked", "unauthenticated", "insecure_url")
"""Refusals that concern the kiosk, not one step: the cycle ends at them."""


@dataclass
class _Cycle:
    """What each failed step of one cycle said."""

    problems: list[str] = field(default_factory=list)

    def step(self, name: str, action: Callable[[], T]) -> T | None:
        """Run one step; a refusal or a bad answer is noted and the cycle goes on.

        A link that is down (:class:`CentralUnavailable` without an answer)
        and a refusal of the kiosk itself (its credential, its revocation)
        propagate and end the cycle: every other step would meet the same.
        """
        try:
            result = action()
        except CentralRefused as error:
            if error.status == 401 or error.code in WHOLE_KIOSK_REFUSALS:
                raise
            self.failed(name, str(error))
            return None
        except CentralUnavailable as error:
            if not error.reached:
                raise
            self.failed(name, str(error))
            return None
        return result

    def failed(self, name: str, reason: str) -> None:
        log.warning("sync step %s failed: %s", name, reason)
        self.problems.append(f"{name}: {reason}")


@dataclass(frozen=True)
class SyncReport:
    """The outcome of one cycle; ``online`` is False when the centre was not reached."""

    online: bool
    acknowledged: int = 0
    refused: int = 0
    backlog: int = 0
    forms: FormUpdateReport = field(default_factory=FormUpdateReport)
    statuses: int = 0
    trust_list: int | None = None
    """The serial of a newly installed issuer trust list, if one was."""
    fleet_settings: int | None = None
    """The serial of newly installed fleet settings (effective at the next start), if any."""
    staff_changed: int = 0
    software_update: UpdateOutcome | None = None
    """What the software update step did (None: this kiosk does not update itself)."""
    error: str | None = None
    last_sync_at: str | None = None


@dataclass
class SyncWorker:
    """Runs sync cycles against one centre for one kiosk database."""

    db: Database
    client: CentralClient
    clock: Clock
    rng: random.Random = field(default_factory=random.Random)
    policy: BackoffPolicy = field(default_factory=BackoffPolicy)
    keys: KioskKeys | None = None
    """The process's shared keys; read from the database when not given."""
    retention_days: int | None = None
    """Erase personal data this many days after the centre acknowledged it (None: keep)."""
    paths: DataPaths | None = None
    """The kiosk's data directory: where fleet settings are kept (None: not fetched) and the
    PDF printer's receipts folder, whose files the retention rule erases too."""
    software: SoftwareUpdater | None = None
    """Fetches new kiosk versions (None: a kiosk not installed in the versioned layout)."""

    def __post_init__(self) -> None:
        # Once per worker: an unlock by the centre must outlive the cycle that did it.
        self._keys = self.keys or open_keys(self.db)

    def run_once(self) -> SyncReport:
        """Unlock; send applications and feedback; fetch forms, trust list, statuses and
        staff; report the kiosk's software, forms, printer and disk; anchor; escrow.

        Each step runs on its own: one the centre refuses, or answers badly
        (a form it cannot serve, a list that does not parse), is logged and
        reported, and the others still run, so one bad record at the centre
        cannot stop trust lists, statuses or staff reaching the kiosk. Only a
        link that is down, or a refusal of the kiosk itself (credential,
        revocation), ends the cycle, since every further step would meet it.
        """
        enrolment = sync_settings.enrolment(self.db)
        keys = self._keys
        sender = OutboxSender(self.db, self.client, self.clock, self.rng, self.policy, keys=keys)
        if enrolment is None:
            return self._failed(sender, "this kiosk is not enrolled with the central platform")
        self.client.credential = enrolment.credential
        cycle = _Cycle()
        sent = SendReport()
        try:
            cycle.step("unlock", lambda: unlock_through_centre(self.db, self.client, keys))
            sent = sender.send_due()
            if sent.link_down:
                return self._failed(sender, str(sent.error), sent.acknowledged)
            if sent.error is not None:
                cycle.failed("outbox", sent.error)
            photos = cycle.step(
                "photos", lambda: upload_attachments(self.db, self.client, self.clock, keys)
            )
            for problem in photos.problems if photos is not None else ():
                cycle.failed("photos", problem)
            cycle.step("feedback", lambda: send_feedback(self.db, self.client, self.clock, keys))
            forms = cycle.step("forms", FormUpdater(self.db, self.client, self.clock).update)
            trust_list = cycle.step(
                "trust list", lambda: update_trust_list(self.db, self.client, self.clock)
            )
            fleet_settings = cycle.step("fleet settings", self._update_fleet_settings)
            statuses = cycle.step(
                "statuses", lambda: pull_status_updates(self.db, self.client, self.clock)
            )
            staff = cycle.step("staff", lambda: pull_staff(self.db, self.client, self.clock))
            cycle.step("report", self._send_report)
            cycle.step("anchor", lambda: anchor_audit_chain(self.db, self.client, sender.backlog()))
            cycle.step(
                "escrow", lambda: escrow_with_centre(self.db, self.client, keys, self.clock.now())
            )
            # Last: a long download over 2G must not hold back what the cycle sends.
            software = cycle.step(
                "software update", lambda: self._update_software(enrolment.kiosk_code)
            )
        except (CentralUnavailable, CentralRefused) as error:  # the rest would meet the same
            return self._failed(sender, str(error), sent.acknowledged)
        if self.retention_days is not None:
            receipts = None if self.paths is None else self.paths.receipts
            purge_acknowledged(self.db, self.clock, self.retention_days, receipts)
        problems = "; ".join(cycle.problems) or None
        with transaction(self.db):
            if problems is None:  # a success is a cycle in which every step succeeded
                sync_settings.write(
                    self.db, sync_settings.LAST_SYNC_AT, format_timestamp(self.clock.now())
                )
            sync_settings.write(self.db, sync_settings.LAST_ERROR, (problems or "")[:500])
        if problems is not None:
            log.warning("sync: %s", problems)
        return SyncReport(
            online=True,
            acknowledged=sent.acknowledged,
            refused=sent.refused,
            backlog=sender.backlog(),
            forms=forms or FormUpdateReport(),
            statuses=statuses or 0,
            trust_list=trust_list,
            fleet_settings=fleet_settings,
            staff_changed=staff.changed if staff is not None else 0,
            software_update=software,
            error=problems,
            last_sync_at=sync_settings.read(self.db, sync_settings.LAST_SYNC_AT),
        )

    def _update_fleet_settings(self) -> int | None:
        if self.paths is None:
            return None
        return update_fleet_settings(self.db, self.client, self.clock, self.paths)

    def _send_report(self) -> object:
        data_dir = None if self.paths is None else self.paths.data_dir
        if self.software is None:
            return send_kiosk_report(self.db, self.client, data_dir)
        software = self.software
        return send_kiosk_report(
            self.db, self.client, data_dir, software.layout, software.running_version
        )

    def _update_software(self, kiosk_code: str) -> UpdateOutcome | None:
        if self.software is None:
            return None
        return self.software.run(kiosk_code)

    def run_until(self, stop: threading.Event, wake: threading.Event, interval: float) -> None:
        """Repeat cycles every ``interval`` seconds (sooner when ``wake`` is set) until ``stop``."""
        while not stop.is_set():
            try:
                self.run_once()
            except Exception:  # a bug in one cycle must not end syncing for good
                log.exception("sync cycle failed")
            wake.wait(interval)
            wake.clear()

    def _failed(self, sender: OutboxSender, reason: str, acknowledged: int = 0) -> SyncReport:
        log.warning("sync: %s", reason)
        with transaction(self.db):
            sync_settings.write(self.db, sync_settings.LAST_ERROR, reason[:500])
        return SyncReport(
            online=False,
            acknowledged=acknowledged,
            backlog=sender.backlog(),
            error=reason,
            last_sync_at=sync_settings.read(self.db, sync_settings.LAST_SYNC_AT),
        )
