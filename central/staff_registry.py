"""Staff accounts kept centrally and provisioned to kiosks on each sync.

An account works on one kiosk (its code) or on every kiosk (``*``); the
latter needs a :data:`kiosk.staff.FLEET_PIN_LENGTH`-digit PIN, since every
kiosk holds its hash (docs/security.md, "Staff PINs"). The PIN
is hashed here with argon2id, by the same code the kiosk verifies with, and
each record is signed with the administrator's key at the terminal where the
key lives: the server only stores and serves the signed records. Disabling an
account is a newly signed record with ``active`` false, so a kiosk stops
accepting it at its next sync even if it kept an older copy.
"""

from __future__ import annotations

from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from central import signing
from central.database import Connection
from central.errors import Refusal, not_found
from kiosk.clock import format_timestamp
from kiosk.staff import FLEET_PIN_LENGTH, Role, StaffError, check_staff_id, hash_pin
from sync.protocol import ALL_KIOSKS, StaffList, StaffRecord, staff_signed_bytes

_COLUMNS = "staff_id, kiosk_code, display_name, role, pin_hash, active, signed_at, signature"


def add_staff(
    connection: Connection,
    staff_id: str,
    kiosk_code: str,
    display_name: str,
    role: Role,
    pin: str,
    key: Ed25519PrivateKey,
    now: datetime,
) -> StaffRecord:
    """Create or replace an account for a kiosk (or ``*``), PIN hashed, record signed."""
    try:
        check_staff_id(staff_id)
        pin_hash = hash_pin(pin)
    except StaffError as error:
        raise Refusal(422, "invalid_staff", str(error)) from error
    if kiosk_code == ALL_KIOSKS and len(pin) < FLEET_PIN_LENGTH:
        raise Refusal(
            422,
            "fleet_pin_too_short",
            f"an account for every kiosk needs a PIN of {FLEET_PIN_LENGTH} digits: each kiosk"
            " holds its hash, and a shorter one is found offline from a stolen kiosk",
        )
    if kiosk_code != ALL_KIOSKS and not connection.query(
        "SELECT 1 FROM kiosks WHERE code = ?", [kiosk_code]
    ):
        raise not_found(f"kiosk {kiosk_code}")
    unsigned = StaffRecord(
        staff_id=staff_id,
        kiosk_code=kiosk_code,
        display_name=display_name.strip(),
        role=role.value,
        pin_hash=pin_hash,
        active=True,
        signed_at=format_timestamp(now),
        signature="",
    )
    return _store(connection, _signed(unsigned, key))


def set_active(
    connection: Connection,
    staff_id: str,
    kiosk_code: str,
    active: bool,
    key: Ed25519PrivateKey,
    now: datetime,
) -> StaffRecord:
    """Disable (or enable again) an account; the record is signed anew."""
    rows = connection.query(
        f"SELECT {_COLUMNS} FROM staff WHERE staff_id = ? AND kiosk_code = ?",
        [staff_id, kiosk_code],
    )
    if not rows:
        raise not_found(f"staff {staff_id} for kiosk {kiosk_code}")
    changed = _record(rows[0]).model_copy(
        update={"active": active, "signed_at": format_timestamp(now), "signature": ""}
    )
    return _store(connection, _signed(changed, key))


def staff_for(connection: Connection, kiosk_code: str) -> StaffList:
    """The records a kiosk receives: its own, and those for every kiosk it has none of."""
    rows = connection.query(
        f"SELECT {_COLUMNS} FROM staff WHERE kiosk_code IN (?, ?) ORDER BY staff_id",
        [kiosk_code, ALL_KIOSKS],
    )
    chosen: dict[str, StaffRecord] = {}
    for record in map(_record, rows):
        if record.staff_id not in chosen or record.kiosk_code != ALL_KIOSKS:
            chosen[record.staff_id] = record
    return StaffList(staff=list(chosen.values()))


def list_staff(connection: Connection) -> list[StaffRecord]:
    """Every record, for the administrator's terminal."""
    rows = connection.query(f"SELECT {_COLUMNS} FROM staff ORDER BY kiosk_code, staff_id")
    return [_record(row) for row in rows]


def _signed(record: StaffRecord, key: Ed25519PrivateKey) -> StaffRecord:
    return record.model_copy(update={"signature": signing.sign(key, staff_signed_bytes(record))})


def _store(connection: Connection, record: StaffRecord) -> StaffRecord:
    connection.execute(
        f"INSERT INTO staff ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (staff_id, kiosk_code) DO UPDATE SET"
        " display_name = excluded.display_name, role = excluded.role,"
        " pin_hash = excluded.pin_hash, active = excluded.active,"
        " signed_at = excluded.signed_at, signature = excluded.signature",
        [
            record.staff_id,
            record.kiosk_code,
            record.display_name,
            record.role,
            record.pin_hash,
            int(record.active),
            record.signed_at,
            record.signature,
        ],
    )
    return record


def _record(row: tuple[object, ...]) -> StaffRecord:
    staff_id, kiosk_code, name, role, pin_hash, active, signed_at, signature = row
    return StaffRecord.model_validate(
        {
            "staff_id": staff_id,
            "kiosk_code": kiosk_code,
            "display_name": name,
            "role": role,
            "pin_hash": pin_hash,
            "active": bool(active),
            "signed_at": signed_at,
            "signature": signature,
        }
    )
