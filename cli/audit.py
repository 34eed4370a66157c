"""`kiosk audit verify`: walk the audit chain and name the first broken entry."""

from __future__ import annotations

import argparse

from cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    Subcommands,
    add_command,
    add_group,
    kiosk_database,
    report,
)


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk audit verify`."""
    audit = add_group(commands, "audit", help="check the audit log")
    add_command(
        audit, "verify", audit_verify, help="walk the hash chain and name the first broken entry"
    )


def audit_verify(args: argparse.Namespace) -> int:
    """Walk the audit chain; exit 1 and name the first broken entry when it is broken."""
    from kiosk.audit import verify

    with kiosk_database(args) as db:
        result = verify(db)
    record: dict[str, object] = {
        "ok": result.ok,
        "entries_checked": result.entries_checked,
        "first_broken_id": result.first_broken_id,
        "reason": result.reason,
    }
    if result.ok:
        text = f"The audit log is intact ({result.entries_checked} entries)."
    else:
        text = (
            f"The audit log is BROKEN at entry {result.first_broken_id}: {result.reason}"
            f" ({result.entries_checked} entries before it are intact)."
        )
    report(args, record, text)
    return EXIT_OK if result.ok else EXIT_FAILED
