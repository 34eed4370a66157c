"""Staff accounts: argon2id PINs, lock-out with growing delays, unlock, provisioning."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import FixedClock
from kiosk.errors import StorageError
from kiosk.staff import (
    FIRST_LOCKOUT,
    LOCKOUT_THRESHOLD,
    MAX_LOCKOUT,
    UNKNOWN_SUBJECT,
    Role,
    SignInOutcome,
    StaffError,
    add_staff,
    get_staff,
    has_staff,
    hash_pin,
    lockout_for,
    sign_in,
    unlock,
)
from kiosk.staff_provisioning import ProvisionedAccount, replace_provisioned
from kiosk.store import migrate, open_database, transaction


def _actions(db: Database) -> list[tuple[str, str, str]]:
    return [(entry.action, entry.subject, entry.actor) for entry in audit.entries(db)]


def test_pin_is_stored_as_argon2id_and_checked(db: Database, clock: FixedClock) -> None:
    assert not has_staff(db)
    assert sign_in(db, "1001", "2468", clock).outcome is SignInOutcome.NOT_SET_UP
    add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)

    stored = db.execute("SELECT pin_hash FROM staff").fetchone()[0]
    assert stored.startswith("$argon2id$") and "2468" not in stored
    accepted = sign_in(db, "1001", "2468", clock)
    assert accepted.outcome is SignInOutcome.ACCEPTED
    assert accepted.account is not None and accepted.account.actor == "clerk:1001"
    assert _actions(db)[-1] == ("staff_login", "1001", "clerk:1001")


def test_bad_ids_pins_and_duplicates_are_refused(db: Database, clock: FixedClock) -> None:
    add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    for staff_id, pin in (("10a1", "2468"), ("1002", "12"), ("1002", "12ab")):
        with pytest.raises(StaffError):
            add_staff(db, staff_id, "Someone", Role.CLERK, pin, clock)
    with pytest.raises(StaffError, match="already exists"):
        add_staff(db, "1001", "Clerk Again", Role.CLERK, "1357", clock)


def test_an_unknown_id_is_audited_without_what_was_typed(db: Database, clock: FixedClock) -> None:
    add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    typed_id_number = "110105194912310020"  # a villager's ID number in the wrong box

    assert sign_in(db, typed_id_number, "2468", clock).outcome is SignInOutcome.UNKNOWN

    last = audit.entries(db)[-1]
    assert (last.action, last.subject, dict(last.details)) == (
        "staff_login_failed",
        UNKNOWN_SUBJECT,
        {"reason_code": "unknown"},
    )
    assert typed_id_number not in str(audit.entries(db))


def test_lockout_after_five_failures_then_doubling_capped() -> None:
    assert [lockout_for(n) for n in range(LOCKOUT_THRESHOLD)] == [None] * LOCKOUT_THRESHOLD
    assert lockout_for(5) == FIRST_LOCKOUT == timedelta(minutes=1)
    assert lockout_for(6) == timedelta(minutes=2)
    assert lockout_for(7) == timedelta(minutes=4)
    assert lockout_for(12) == MAX_LOCKOUT == lockout_for(10_000)


def test_wrong_pins_in_a_loop_lock_the_account_even_against_the_right_pin(
    db: Database, clock: FixedClock
) -> None:
    add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    outcomes = [sign_in(db, "1001", "0000", clock).outcome for _ in range(5)]
    assert outcomes == [SignInOutcome.WRONG_PIN] * 4 + [SignInOutcome.LOCKED]

    locked = sign_in(db, "1001", "2468", clock)
    assert locked.outcome is SignInOutcome.LOCKED
    assert locked.locked_until == clock.now() + timedelta(minutes=1)

    clock.advance(timedelta(minutes=1, seconds=1))
    sixth = sign_in(db, "1001", "0000", clock)
    assert sixth.outcome is SignInOutcome.LOCKED
    assert sixth.locked_until == clock.now() + timedelta(minutes=2)

    clock.advance(timedelta(minutes=3))
    assert sign_in(db, "1001", "2468", clock).outcome is SignInOutcome.ACCEPTED
    account = get_staff(db, "1001")
    assert account is not None and (account.failed_count, account.locked_until) == (0, None)
    actions = [action for action, _, _ in _actions(db)]
    assert actions.count("staff_locked_out") == 2
    assert actions.count("staff_login_failed") == 7  # 6 wrong PINs, 1 while locked
    assert audit.verify(db).ok


def test_a_supervisor_unlocks_a_clerk_and_a_clerk_cannot(db: Database, clock: FixedClock) -> None:
    clerk = add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    other = add_staff(db, "1002", "Clerk Two", Role.CLERK, "1357", clock)
    supervisor = add_staff(db, "2001", "Supervisor", Role.SUPERVISOR, "97531", clock)
    for _ in range(LOCKOUT_THRESHOLD):
        sign_in(db, "1001", "0000", clock)
    assert sign_in(db, "1001", "2468", clock).outcome is SignInOutcome.LOCKED

    with pytest.raises(StaffError, match="supervisor"):
        unlock(db, "1001", other, clock)
    with pytest.raises(StaffError, match="own account"):
        unlock(db, "2001", supervisor, clock)
    unlock(db, "1001", supervisor, clock)

    assert sign_in(db, "1001", "2468", clock).outcome is SignInOutcome.ACCEPTED
    assert ("staff_unlocked", "1001", "supervisor:2001") in _actions(db)
    assert clerk.role is Role.CLERK


def test_disabled_accounts_cannot_sign_in(db: Database, clock: FixedClock) -> None:
    from kiosk.staff import set_active

    add_staff(db, "1001", "Clerk One", Role.CLERK, "2468", clock)
    set_active(db, "1001", False, clock, "terminal")
    assert sign_in(db, "1001", "2468", clock).outcome is SignInOutcome.DISABLED


def test_provisioned_accounts_replace_the_central_list_and_keep_local_ones(
    db: Database, clock: FixedClock
) -> None:
    add_staff(db, "1001", "Local admin", Role.ADMINISTRATOR, "2468", clock)
    shipped = [
        ProvisionedAccount("1001", "Impostor", Role.CLERK, hash_pin("1111"), True),
        ProvisionedAccount("3001", "Central clerk", Role.CLERK, hash_pin("3333"), True),
        ProvisionedAccount("3002", "Central supervisor", Role.SUPERVISOR, hash_pin("4444"), True),
    ]
    with transaction(db):
        assert replace_provisioned(db, shipped, clock) == 2
    with transaction(db):
        assert replace_provisioned(db, shipped, clock) == 0  # nothing changed, nothing audited

    assert sign_in(db, "1001", "1111", clock).outcome is SignInOutcome.WRONG_PIN
    assert sign_in(db, "3001", "3333", clock).outcome is SignInOutcome.ACCEPTED
    with transaction(db):
        assert replace_provisioned(db, shipped[2:], clock) == 1
    assert sign_in(db, "3001", "3333", clock).outcome is SignInOutcome.DISABLED
    assert ("staff_disabled", "3001", "central") in _actions(db)

    weak = ProvisionedAccount("3003", "Weak", Role.CLERK, "plain-text", True)
    with pytest.raises(StaffError, match="argon2id"), transaction(db):
        replace_provisioned(db, [weak], clock)


def test_the_old_clerk_pin_becomes_administrator_0001(tmp_path: Path, clock: FixedClock) -> None:
    import hashlib

    db = Database(tmp_path / "old.db")
    migrate(db, target=5)
    salt = bytes(16)
    digest = hashlib.scrypt(b"86420", salt=salt, dklen=32, n=2**14, r=8, p=1)
    with transaction(db):
        db.execute(
            "INSERT INTO settings (key, value) VALUES ('clerk_pin', ?)",
            [f"scrypt${salt.hex()}${digest.hex()}"],
        )
    migrate(db)

    account = get_staff(db, "0001")
    assert account is not None and account.role is Role.ADMINISTRATOR
    assert db.execute("SELECT 1 FROM settings WHERE key = 'clerk_pin'").fetchone() is None
    assert sign_in(db, "0001", "1111", clock).outcome is SignInOutcome.WRONG_PIN
    assert sign_in(db, "0001", "86420", clock).outcome is SignInOutcome.ACCEPTED
    rehashed = db.execute("SELECT pin_hash FROM staff WHERE staff_id = '0001'").fetchone()[0]
    assert rehashed.startswith("$argon2id$")
    assert sign_in(db, "0001", "86420", clock).outcome is SignInOutcome.ACCEPTED
    db.close()


def test_step_6_is_one_transaction_with_its_version_bump(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(path)
    migrate(old, target=5)
    with transaction(old):
        old.execute("INSERT INTO settings (key, value) VALUES ('clerk_pin', 'scrypt$00$00')")
        old.execute("CREATE TABLE assisted_consents (x)")  # makes the step fail half-way
    old.close()

    with pytest.raises(StorageError):
        open_database(path)  # the kiosk's own opener, as at start-up

    after = Database(path)
    assert after.execute("PRAGMA user_version").fetchone()[0] == 5
    assert after.execute("SELECT 1 FROM sqlite_master WHERE name = 'staff'").fetchone() is None
    assert after.execute("SELECT 1 FROM settings WHERE key = 'clerk_pin'").fetchone() is not None
    after.close()
