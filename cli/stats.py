"""`kiosk stats`: the dashboard's figures at a terminal, as text, JSON or CSV."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import datetime
from enum import Enum
from pathlib import Path

from cli.common import EXIT_FAILED, EXIT_OK, Subcommands, add_command, data_paths, kiosk_database
from kiosk.clock import SystemClock, format_timestamp
from kiosk.dashboard import Snapshot, figures_csv, snapshot
from kiosk.fleet_settings import kiosk_config
from kiosk.services import KIOSK_TIME_ZONE


def add_commands(commands: Subcommands) -> None:
    """Register `kiosk stats`."""
    stats = add_command(
        commands,
        "stats",
        show_stats,
        help="applications today and this month, sync backlog, disk space",
    )
    stats.add_argument("--csv", type=Path, help="also write the per-service counts to this file")


def show_stats(args: argparse.Namespace) -> int:
    """Print the figures; write the CSV file when asked."""
    from sync import sync_settings

    paths = data_paths(args)
    config = kiosk_config(paths)
    with kiosk_database(args) as db:
        found = snapshot(
            db, paths, config, SystemClock().now(), KIOSK_TIME_ZONE, sync_settings.last_sync_at(db)
        )
    if args.csv is not None:
        try:
            args.csv.write_text(figures_csv(found.figures), encoding="utf-8")
        except OSError as error:
            print(f"The CSV file could not be written: {error}", file=sys.stderr)
            return EXIT_FAILED
    if args.json:
        print(json.dumps(snapshot_record(found), ensure_ascii=False))
    else:
        print(snapshot_text(found))
    return EXIT_OK


def snapshot_record(found: Snapshot) -> dict[str, object]:
    """The snapshot as JSON-ready values (times as the stored UTC text)."""
    record = asdict(found)

    def plain(value: object) -> object:
        if isinstance(value, datetime):
            return format_timestamp(value)
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [plain(item) for item in value]
        if isinstance(value, Enum):
            return value.value
        return value

    return {key: plain(value) for key, value in record.items()}


def snapshot_text(found: Snapshot) -> str:
    """A few lines a clerk reads at a terminal."""
    figures, capacity = found.figures, found.capacity
    lines = []
    for period in (figures.today, figures.month):
        lines.append(f"{period.name}: {period.total} applications ({period.assisted} assisted)")
        lines.extend(
            f"  {service.form_id}: {service.total} ({service.assisted} assisted)"
            for service in period.services
        )
    oldest = figures.oldest_unsynced_at
    lines.append(
        f"waiting to sync: {figures.waiting_to_sync}"
        + ("" if oldest is None else f" (oldest submitted {format_timestamp(oldest)})")
    )
    lines.append(f"drafts: {figures.drafts}")
    lines.append(
        f"disk: {capacity.free_mb} MB free ({capacity.disk.value});"
        f" database {capacity.database_mb} MB"
    )
    if capacity.sync_overdue:
        lines.append("no successful sync for too long: check the link to the county office")
    if not capacity.accepts_new_applications:
        lines.append("NEW APPLICATIONS ARE REFUSED until disk space is freed")
    return "\n".join(lines)
