"""The clerk's use cases on a real database: overview, quitting, accounts, corrections."""

from __future__ import annotations

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.applications import ApplicationStore
from kiosk.clerk_actions import clerk_overview, confirm_quit, open_for_correction, still_active
from kiosk.clock import FixedClock
from kiosk.errors import InvalidStateError
from kiosk.staff import Role, SignInOutcome, StaffAccount, add_staff, set_active, sign_in
from kiosk.storage import KioskStorage
from kiosk.store import transaction

ANSWERS = {"full_name": "张三", "household_size": 3}


@pytest.fixture
def storage(db: Database, store: ApplicationStore) -> KioskStorage:
    """The screens' storage on the test database."""
    return KioskStorage(db, store, set_aside=None)


@pytest.fixture
def supervisor(db: Database, clock: FixedClock) -> StaffAccount:
    return add_staff(db, "2001", "Supervisor", Role.SUPERVISOR, "1357", clock)


def _submitted(store: ApplicationStore) -> tuple[str, str]:
    """Submit an application; its uuid and tracking number."""
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    number = store.submit(draft.uuid, ANSWERS).tracking_number
    assert number is not None
    return draft.uuid, number


def _actions(db: Database) -> list[str]:
    return [entry.action for entry in audit.entries(db)]


def test_the_overview_counts_the_backlog_and_lists_drafts_and_lockouts(
    storage: KioskStorage,
    store: ApplicationStore,
    db: Database,
    clock: FixedClock,
    supervisor: StaffAccount,
) -> None:
    clerk = add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    for _ in range(5):
        sign_in(db, "1001", "0000", clock)
    draft = store.create_draft("rural-pension", 3, "zh_CN")
    store.submit(store.create_draft("rural-pension", 3, "zh_CN").uuid, ANSWERS)

    seen_by_supervisor = clerk_overview(storage, supervisor, clock)
    seen_by_clerk = clerk_overview(storage, clerk, clock)

    assert seen_by_supervisor.waiting == 1
    assert [found.uuid for found in seen_by_supervisor.drafts] == [draft.uuid]
    assert [account.staff_id for account in seen_by_supervisor.locked] == ["1001"]
    assert seen_by_clerk.locked == []  # a clerk cannot unlock anyone, not even see who
    assert not seen_by_clerk.kiosk_locked


def test_quitting_needs_the_pin_again_and_is_audited(
    db: Database, clock: FixedClock, supervisor: StaffAccount
) -> None:
    refused = confirm_quit(db, supervisor, "0000", clock)
    assert refused.outcome is SignInOutcome.WRONG_PIN
    assert "kiosk_quit" not in _actions(db)

    accepted = confirm_quit(db, supervisor, "1357", clock)
    assert accepted.outcome is SignInOutcome.ACCEPTED
    assert _actions(db)[-2:] == ["staff_pin_confirmed", "kiosk_quit"]
    last = audit.entries(db)[-1]
    assert (last.subject, last.actor) == ("2001", supervisor.actor)


def test_an_account_disabled_meanwhile_is_no_longer_active(
    db: Database, clock: FixedClock, supervisor: StaffAccount
) -> None:
    assert still_active(db, supervisor)
    set_active(db, "2001", False, clock, "central")
    assert not still_active(db, supervisor)


def test_a_waiting_application_opens_for_correction_and_the_view_is_audited(
    storage: KioskStorage, store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    uuid, number = _submitted(store)

    opened = open_for_correction(storage, number, "clerk:1001", clock)

    assert opened is not None and opened.answers == ANSWERS
    last = audit.entries(db)[-1]
    assert (last.action, last.subject, last.actor) == (
        "application_viewed",
        uuid,
        "clerk:1001",
    )
    assert open_for_correction(storage, "LQ03-261127-9999-X", "clerk:1001", clock) is None


def test_an_application_already_sent_is_not_opened_for_correction(
    storage: KioskStorage, store: ApplicationStore, db: Database, clock: FixedClock
) -> None:
    _, number = _submitted(store)
    with transaction(db):
        db.execute("UPDATE outbox SET acknowledged_at = '2026-11-27T03:31:00.000000Z'")

    with pytest.raises(InvalidStateError):
        open_for_correction(storage, number, "clerk:1001", clock)
    assert "application_viewed" not in _actions(db)
