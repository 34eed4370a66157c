"""What a signed-in clerk does at the kiosk that spans several parts, as plain functions.

Each runs on the storage lane with the screens' :class:`KioskStorage` and is
called by a screen's handler in one line: what the clerk screen shows, the
supervisor's confirmation before the kiosk program is closed (the PIN
checked again and the quit audited), whether a session's account is still
active after a sync, and opening a submitted application for correction.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlite_utils import Database

from kiosk import audit
from kiosk.applications import Application
from kiosk.assisted import open_for_clerk
from kiosk.clock import Clock
from kiosk.staff import SignIn, SignInOutcome, StaffAccount, get_staff, locked_accounts, sign_in
from kiosk.storage import KioskStorage
from kiosk.store import transaction


@dataclass(frozen=True)
class ClerkOverview:
    """What the clerk screen shows, read in one go."""

    waiting: int
    """Submitted applications not yet acknowledged by the central platform."""
    drafts: list[Application]
    locked: list[StaffAccount]
    """Other people's locked-out accounts this clerk may unlock (none for a plain clerk)."""
    kiosk_locked: bool
    """The kiosk's keys are not in memory: drafts cannot be resumed yet."""


def clerk_overview(storage: KioskStorage, account: StaffAccount, clock: Clock) -> ClerkOverview:
    """Read what the clerk screen shows to `account`."""
    locked = locked_accounts(storage.db, clock) if account.role.can_unlock else []
    return ClerkOverview(
        storage.applications.waiting_to_send(),
        storage.applications.drafts(),
        [other for other in locked if other.staff_id != account.staff_id],
        not storage.applications.keys.is_unlocked,
    )


def confirm_quit(db: Database, account: StaffAccount, pin: str, clock: Clock) -> SignIn:
    """Check the PIN of the person closing the kiosk program again; when it is right,
    audit the quit (a wrong PIN counts towards lock-out like any other)."""
    result = sign_in(db, account.staff_id, pin, clock, confirming=True)
    if result.outcome is SignInOutcome.ACCEPTED:
        with transaction(db):
            audit.append(db, "kiosk_quit", account.staff_id, account.actor, {}, clock)
    return result


def still_active(db: Database, account: StaffAccount) -> bool:
    """Whether the account of a session is still there and enabled (accounts arrive by sync)."""
    current = get_staff(db, account.staff_id)
    return current is not None and current.active


def open_for_correction(
    storage: KioskStorage, tracking_number: str, actor: str, clock: Clock
) -> Application | None:
    """The submitted application with this tracking number, opened for a clerk to
    correct (audited as viewed); None when there is none at this kiosk. Raises
    :class:`kiosk.errors.InvalidStateError` when it may no longer be corrected."""
    found = storage.applications.find_by_tracking_number(tracking_number)
    if found is None:
        return None
    return open_for_clerk(
        storage.db, storage.applications, found.uuid, actor, clock, to_correct=True
    )
