"""Erasing personal data the kiosk no longer needs, keeping anonymous counts.

Once the central platform has acknowledged an application it holds its own
copy, and the kiosk's copy is only a risk: after ``retention_days`` the
sealed answers, the ID-number lookup hash and the receipt PDFs are erased
(``secure_delete`` overwrites them in the file, and the WAL is checkpointed).
What remains of the application is what identifies nobody: its form, state,
times and tracking number, so "check my application" keeps answering. Before
erasing, each application is counted in ``application_statistics`` (day of
submission, service, assisted or not), so the figures survive any later
clean-up of those rows too. An application the centre has not acknowledged
is never touched.

Receipts live in two places: the print queue (sealed PDFs, deleted with the
rest in the purge's transaction) and, with the PDF printer, the receipts
folder, whose files (``<tracking number>.pdf`` and
``<tracking number>-reprint-<job>.pdf``) are deleted once their application
is purged. The folder is swept on every purge, not only for the
applications purged then, so a file whose deletion a power cut interrupted,
or written before this rule reached the folder, goes the next time.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from kiosk import audit
from kiosk.clock import Clock, format_timestamp
from kiosk.store import storage_errors, transaction

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceCount:
    """How many applications for one service version were submitted on one day."""

    day: str
    form_id: str
    form_version: int
    assisted: bool
    submitted: int


def purge_acknowledged(
    db: Database, clock: Clock, retention_days: int, receipts_dir: Path | None = None
) -> int:
    """Erase the personal data of applications acknowledged ``retention_days`` ago or more.

    Returns how many were purged; one transaction with one audit entry. With
    ``receipts_dir`` (the PDF printer's folder) the receipt files of every
    purged application are deleted afterwards.
    """
    if retention_days < 1:
        raise ValueError("retention_days must be at least 1")
    now = clock.now()
    cutoff = format_timestamp(now - timedelta(days=retention_days))
    with transaction(db):
        rows = db.execute(
            "SELECT a.uuid FROM applications a JOIN outbox o ON o.application_uuid = a.uuid"
            " WHERE a.purged_at IS NULL AND o.acknowledged_at IS NOT NULL"
            " AND o.acknowledged_at <= ?",
            [cutoff],
        ).fetchall()
        uuids = [str(row[0]) for row in rows]
        for uuid in uuids:
            _count(db, uuid)
            db.execute(
                "UPDATE applications SET sealed_answers = NULL, id_number_hash = NULL,"
                " visit = NULL, purged_at = ? WHERE uuid = ?",
                [format_timestamp(now), uuid],
            )
            db.execute("DELETE FROM print_jobs WHERE application_uuid = ?", [uuid])
            # A photo goes with the answers once the centre holds it whole; one it does
            # not hold yet stays until it is sent.
            db.execute(
                "UPDATE attachments SET sealed_data = NULL"
                " WHERE application_uuid = ? AND uploaded_at IS NOT NULL",
                [uuid],
            )
        if uuids:
            audit.append(
                db,
                action="personal_data_purged",
                subject="applications",
                actor="kiosk",
                details={"count": len(uuids)},
                clock=clock,
            )
    if uuids:
        with storage_errors():
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        log.info(
            "personal data of %d applications erased (acknowledged %d days ago or more)",
            len(uuids),
            retention_days,
        )
    if receipts_dir is not None:
        remove_purged_receipts(db, receipts_dir)
    return len(uuids)


def remove_purged_receipts(db: Database, receipts_dir: Path) -> int:
    """Delete the receipt files of purged applications from `receipts_dir`; how many.

    A file whose name is not a receipt's, or whose application is still held
    (or unknown here), is left alone.
    """
    try:
        files = [path for path in receipts_dir.glob("*.pdf") if path.is_file()]
    except OSError as error:
        log.warning("cannot list the receipts in %s (%s)", receipts_dir, error)
        return 0
    by_number: dict[str, list[Path]] = {}
    for path in files:
        by_number.setdefault(path.stem.split("-reprint-")[0], []).append(path)
    if not by_number:
        return 0
    with storage_errors():
        rows = db.execute(
            "SELECT tracking_number FROM applications WHERE purged_at IS NOT NULL"
            " AND tracking_number IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(by_number))],
        ).fetchall()
    removed = 0
    for (number,) in rows:
        for path in by_number[str(number)]:
            try:
                path.unlink()
            except OSError as error:
                log.warning("cannot delete the receipt %s (%s)", path.name, error)
            else:
                removed += 1
    if removed:
        log.info("%d receipt files of purged applications deleted", removed)
    return removed


def service_counts(db: Database) -> list[ServiceCount]:
    """Submissions per day and service: the purged (counted) and those still held."""
    with storage_errors():
        rows = db.execute(
            "SELECT day, form_id, form_version, assisted, SUM(submitted) FROM ("
            " SELECT day, form_id, form_version, assisted, submitted FROM application_statistics"
            " UNION ALL"
            " SELECT substr(submitted_at, 1, 10), form_id, form_version,"
            " assisted_by IS NOT NULL, 1 FROM applications"
            " WHERE state = 'submitted' AND purged_at IS NULL"
            ") GROUP BY day, form_id, form_version, assisted ORDER BY day, form_id, form_version"
        ).fetchall()
    return [
        ServiceCount(str(day), str(form), int(version), bool(assisted), int(count))
        for day, form, version, assisted, count in rows
    ]


def _count(db: Database, uuid: str) -> None:
    db.execute(
        "INSERT INTO application_statistics (day, form_id, form_version, assisted, submitted)"
        " SELECT substr(submitted_at, 1, 10), form_id, form_version, assisted_by IS NOT NULL, 1"
        " FROM applications WHERE uuid = ?"
        " ON CONFLICT (day, form_id, form_version, assisted)"
        " DO UPDATE SET submitted = submitted + 1",
        [uuid],
    )
