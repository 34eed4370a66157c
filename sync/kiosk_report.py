"""Telling the centre what this kiosk runs and how its printer and disk are.

Sent at every sync cycle (``PUT /kiosk-report``) so the administrator's
kiosks page is never older than the last sync. A centre from before the
report answers 404: that is no failure of the cycle, the report is simply
not kept there.
"""

from __future__ import annotations

import logging

from sqlite_utils import Database

from kiosk.device_state import disk_space, printer_record, software_version
from sync.client import CentralClient, CentralRefused
from sync.protocol import MAX_REPORTED_FORMS, InstalledFormVersion, KioskReport, PrinterReport

log = logging.getLogger(__name__)


def kiosk_report(db: Database) -> KioskReport:
    """This kiosk's report, read from its database and file system."""
    rows = db.execute(
        "SELECT form_id, version, retired_at IS NOT NULL FROM installed_forms"
        " ORDER BY form_id, version DESC"
    ).fetchall()
    forms = [
        InstalledFormVersion(form_id=str(form_id), version=int(version), retired=bool(retired))
        for form_id, version, retired in rows[:MAX_REPORTED_FORMS]
    ]
    printer = printer_record(db)
    state = None
    if printer is not None and printer.state in set(PrinterReport):
        state = PrinterReport(printer.state)
    space = disk_space(db)
    return KioskReport(
        software_version=software_version(),
        forms=forms,
        printer=state,
        printer_checked_at=printer.checked_at if state is not None and printer else None,
        disk_free_bytes=space.free,
        disk_total_bytes=space.total,
    )


def send_kiosk_report(db: Database, client: CentralClient) -> KioskReport | None:
    """Send the report; None when the centre is too old to keep one."""
    report = kiosk_report(db)
    try:
        return client.report(report)
    except CentralRefused as refused:
        if refused.status == 404 and refused.code == "http_404":
            log.info("the central platform keeps no kiosk reports (an older release)")
            return None
        raise
