"""One sync cycle, and the loop that repeats it: outbox, forms, trust list, statuses, anchor.

The worker owns its own database connection (a sqlite3 connection belongs
to the thread that opened it), its transport and its clock, all passed in.
Each cycle records when it last succeeded and why it last failed, which is
what the connection indicator and the clerk's screen show.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from kiosk.clock import Clock, format_timestamp
from kiosk.retention import purge_acknowledged
from kiosk.security.key_material import KioskKeys
from kiosk.security.key_store import open_keys
from kiosk.store import transaction
from sync import sync_settings
from sync.audit_anchor import anchor_audit_chain
from sync.backoff import BackoffPolicy
from sync.client import CentralClient, CentralRefused, CentralUnavailable
from sync.feedback_sender import send_feedback
from sync.form_updates import FormUpdater, FormUpdateReport
from sync.key_escrow import escrow_with_centre, unlock_through_centre
from sync.outbox import OutboxSender
from sync.staff_pull import pull_staff
from sync.status_pull import pull_status_updates
from sync.trust_list_updates import update_trust_list

log = logging.getLogger(__name__)


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
    staff_changed: int = 0
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
    receipts_dir: Path | None = None
    """The PDF printer's receipts folder, whose files the same rule erases."""

    def __post_init__(self) -> None:
        # Once per worker: an unlock by the centre must outlive the cycle that did it.
        self._keys = self.keys or open_keys(self.db)

    def run_once(self) -> SyncReport:
        """Unlock; send applications and feedback; fetch forms, trust list, statuses and
        staff; anchor; escrow. Stop at the first failure."""
        enrolment = sync_settings.enrolment(self.db)
        keys = self._keys
        sender = OutboxSender(self.db, self.client, self.clock, self.rng, self.policy, keys=keys)
        if enrolment is None:
            return self._failed(sender, "this kiosk is not enrolled with the central platform")
        self.client.credential = enrolment.credential
        try:
            unlock_through_centre(self.db, self.client, keys)
            sent = sender.send_due()
            if sent.error is not None:
                return self._failed(sender, sent.error, sent.acknowledged)
            send_feedback(self.db, self.client, self.clock, keys)
            forms = FormUpdater(self.db, self.client, self.clock).update()
            trust_list = update_trust_list(self.db, self.client, self.clock)
            statuses = pull_status_updates(self.db, self.client, self.clock)
            staff = pull_staff(self.db, self.client, self.clock)
            anchor_audit_chain(self.db, self.client, sender.backlog())
            escrow_with_centre(self.db, self.client, keys, self.clock.now())
            if self.retention_days is not None:
                purge_acknowledged(self.db, self.clock, self.retention_days, self.receipts_dir)
        except (CentralUnavailable, CentralRefused) as error:
            return self._failed(sender, str(error))
        stamp = format_timestamp(self.clock.now())
        with transaction(self.db):
            sync_settings.write(self.db, sync_settings.LAST_SYNC_AT, stamp)
            sync_settings.write(self.db, sync_settings.LAST_ERROR, "")
        return SyncReport(
            online=True,
            acknowledged=sent.acknowledged,
            refused=sent.refused,
            backlog=sender.backlog(),
            forms=forms,
            statuses=statuses,
            trust_list=trust_list,
            staff_changed=staff.changed,
            last_sync_at=stamp,
        )

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
