"""Installing the staff accounts the central platform provisions for this kiosk.

The sync step (:mod:`sync.staff_pull`) verifies the signed records and hands
the accepted ones here, to replace the kiosk's central accounts in its
transaction. Local accounts (the first-run administrator) are never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.staff import Role, StaffError, check_staff_id


@dataclass(frozen=True)
class ProvisionedAccount:
    """An account as the central platform ships it: the PIN already hashed."""

    staff_id: str
    display_name: str
    role: Role
    pin_hash: str
    active: bool


def check_pin_hash(pin_hash: str) -> None:
    """Refuse a shipped hash that is not argon2id, so a weak one never gets in."""
    if not pin_hash.startswith("$argon2id$"):
        raise StaffError("a provisioned PIN hash must be argon2id")


def replace_provisioned(db: Database, accounts: Iterable[ProvisionedAccount], clock: Clock) -> int:
    """Make the centrally provisioned accounts exactly ``accounts``; return the changes.

    Runs inside the caller's transaction (the sync step that verified the
    list). An account the centre no longer lists is disabled, not deleted,
    so its past actions still name someone. Local accounts are left alone;
    a central account never takes over a local staff id. Lock-out state
    survives an update, so re-provisioning cannot be used to reset it.
    """
    if not db.conn.in_transaction:
        raise RuntimeError("replace_provisioned must run inside the sync transaction")
    now = format_timestamp(clock.now())
    listed: set[str] = set()
    changes = 0
    for account in accounts:
        check_staff_id(account.staff_id)
        check_pin_hash(account.pin_hash)
        listed.add(account.staff_id)
        existing = db.execute(
            "SELECT source, display_name, role, pin_hash, active FROM staff WHERE staff_id = ?",
            [account.staff_id],
        ).fetchone()
        wanted = (account.display_name, account.role.value, account.pin_hash, int(account.active))
        if existing is not None and existing[0] == "local":
            continue
        if existing is not None and tuple(existing[1:]) == wanted:
            continue
        db.execute(
            "INSERT INTO staff (staff_id, display_name, role, pin_hash, source, active,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, 'central', ?, ?, ?)"
            " ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name,"
            " role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active,"
            " updated_at = excluded.updated_at",
            [account.staff_id, *wanted, now, now],
        )
        details = {"role": account.role.value, "state": "active" if account.active else "disabled"}
        audit.append(db, "staff_provisioned", account.staff_id, "central", details, clock)
        changes += 1
    for (staff_id,) in db.execute(
        "SELECT staff_id FROM staff WHERE source = 'central' AND active = 1"
    ).fetchall():
        if staff_id not in listed:
            db.execute(
                "UPDATE staff SET active = 0, updated_at = ? WHERE staff_id = ?", [now, staff_id]
            )
            audit.append(db, "staff_disabled", str(staff_id), "central", {}, clock)
            changes += 1
    return changes
