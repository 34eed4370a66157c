"""``kiosk-central updates init|publish|rollout|renew|renew-root|replace-root-keys|status``:
the kiosk software's signed updates (docs/updates.md).

``init`` writes the offline keys (root keys, the targets key) to a folder the
administrator carries off the server; ``publish`` and ``rollout`` need the
targets key (``--key``); ``renew`` (daily, from a timer) re-signs with the
online keys kept in the repository; ``renew-root`` (before the root's year is
out) needs a threshold of the root keys; ``replace-root-keys`` (a root key lost
or stolen) needs the same threshold and writes new root keys to a new folder.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from central.database import Database
from central.update_repository import RepositoryError, UpdateRepository, read_key, updates_dir
from central.update_rollout import RolloutProgress, kiosks_in_townships, rollout_progress
from cli.common import Subcommands, add_command, add_group
from kiosk.clock import Clock
from kiosk.software_updates import Rollout


def add_commands(commands: Subcommands) -> None:
    """Register the ``updates`` group."""
    group = add_group(commands, "updates", help="signed kiosk software updates (docs/updates.md)")
    init = add_command(group, "init", _init, help="make the keys and the first signed metadata")
    init.add_argument(
        "--offline-keys",
        type=Path,
        required=True,
        help="a folder for the root and targets keys, to keep off the server",
    )
    init.add_argument("--root-keys", type=int, default=3, help="how many root keys (default 3)")
    init.add_argument("--threshold", type=int, default=2, help="root keys needed to sign (2)")
    publish = add_command(group, "publish", _publish, help="sign and offer a new kiosk version")
    publish.add_argument("artefact", type=Path, help="kiosk-V.tar.gz holding V/ (a venv)")
    publish.add_argument("--version", required=True)
    _rollout_arguments(publish)
    rollout = add_command(group, "rollout", _rollout, help="widen, narrow or halt the rollout")
    _rollout_arguments(rollout)
    add_command(group, "renew", _renew, help="re-sign timestamp and snapshot (run daily)")
    root = add_command(
        group, "renew-root", _renew_root, help="sign the next root (yearly) with the root keys"
    )
    root.add_argument(
        "--root-key",
        type=Path,
        action="append",
        required=True,
        dest="root_keys",
        help="a root key file; give at least the threshold of them",
    )
    replace = add_command(
        group,
        "replace-root-keys",
        _replace_root_keys,
        help="new root keys instead of all the old ones (one lost or stolen)",
    )
    replace.add_argument(
        "--old-root-key",
        type=Path,
        action="append",
        required=True,
        dest="old_root_keys",
        help="a root key file still held; give at least the threshold of them",
    )
    replace.add_argument(
        "--offline-keys",
        type=Path,
        required=True,
        help="a new folder for the new root keys, to keep off the server",
    )
    replace.add_argument("--root-keys", type=int, default=3, help="how many new keys (3)")
    replace.add_argument("--threshold", type=int, default=2, help="new keys needed to sign (2)")
    add_command(group, "status", _status, help="the rollout, and each kiosk's version")


def _rollout_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--key", type=Path, required=True, help="the offline targets key")
    parser.add_argument(
        "--townships", nargs="+", default=[], help="offer it to the kiosks of these townships"
    )
    parser.add_argument(
        "--percent", type=int, default=0, help="and to this share of all kiosks (0-100)"
    )


def _repository(database: Database) -> UpdateRepository:
    return UpdateRepository(updates_dir(database))


def _now() -> datetime:
    """TUF expiries are checked against the kiosks' real clocks, never a fixed one."""
    return datetime.now(UTC)


def _init(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    repository = _repository(database)
    written = repository.initialise(args.offline_keys, args.root_keys, args.threshold, _now())
    return {
        "repository": str(repository.path),
        "offline_keys": [str(path) for path in written],
        "advice": "move the offline keys off this server; publish needs targets.pem",
    }


def _offer(args: argparse.Namespace, database: Database) -> Rollout:
    """The rollout the arguments ask for (townships resolved to their kiosks now)."""
    if not 0 <= args.percent <= 100:
        raise RepositoryError("--percent is between 0 and 100")
    townships = tuple(args.townships)
    with database.transaction() as connection:
        kiosks = kiosks_in_townships(connection, townships)
    return Rollout("", "", args.percent, townships, kiosks)


def _publish(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    offered = _repository(database).publish(
        args.artefact, args.version, read_key(args.key), _offer(args, database), _now()
    )
    return _describe(offered)


def _rollout(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    wanted = _offer(args, database)
    changed = _repository(database).set_rollout(
        wanted.percent, wanted.townships, wanted.kiosks, read_key(args.key), _now()
    )
    return _describe(changed)


def _renew(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    repository = _repository(database)
    repository.renew(_now())
    return {"timestamp_expires": repository.status().timestamp_expires.isoformat()}


def _renew_root(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    repository = _repository(database)
    version = repository.renew_root([read_key(path) for path in args.root_keys], _now())
    return {"root_version": version, "root_expires": repository.root().signed.expires.isoformat()}


def _replace_root_keys(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    repository = _repository(database)
    written = repository.replace_root_keys(
        [read_key(path) for path in args.old_root_keys],
        args.offline_keys,
        args.root_keys,
        args.threshold,
        _now(),
    )
    root = repository.root().signed
    return {
        "root_version": root.version,
        "root_threshold": root.roles["root"].threshold,
        "offline_keys": [str(path) for path in written],
        "advice": "move the new root keys off this server; the old ones sign nothing now",
    }


def _describe(rollout: Rollout) -> dict[str, Any]:
    return {
        "version": rollout.version,
        "percent": rollout.percent,
        "townships": list(rollout.townships),
        "kiosks": list(rollout.kiosks),
    }


def _status(args: argparse.Namespace, database: Database, clock: Clock) -> Any:
    repository = _repository(database)
    status = repository.status()
    with database.transaction() as connection:
        progress = rollout_progress(connection, status.rollout)
    return {
        "repository": {
            "root_version": status.root_version,
            "root_threshold": status.root_threshold,
            "targets_version": status.targets_version,
            "targets_expires": status.targets_expires.isoformat(),
            "snapshot_expires": status.snapshot_expires.isoformat(),
            "timestamp_expires": status.timestamp_expires.isoformat(),
            "releases": status.releases,
        },
        "rollout": None if status.rollout is None else _describe(status.rollout),
        "progress": _progress(progress),
    }


def _progress(progress: RolloutProgress) -> dict[str, Any]:
    return {
        "offered": progress.offered,
        "updated": progress.updated,
        "rolled_back": progress.rolled_back,
        "kiosks": [
            {
                "code": kiosk.code,
                "township": kiosk.township,
                "version": kiosk.version,
                "fleet_settings_serial": kiosk.fleet_settings_serial,
                "update_state": kiosk.update_state,
                "update_version": kiosk.update_version,
                "update_detail": kiosk.update_detail,
                "offered": kiosk.offered,
                "updated": kiosk.updated,
            }
            for kiosk in progress.kiosks
        ],
    }
