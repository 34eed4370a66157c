"""Telling the centre what this kiosk runs and how its printer and disk are: its
software version and update, the serial of its fleet settings, its forms.

Sent at every sync cycle (``PUT /kiosk-report``) so the administrator's
kiosks page is never older than the last sync. A centre from before the
report answers 404: that is no failure of the cycle, the report is simply
not kept there.
"""

from __future__ import annotations

import logging
from pathlib import Path

from sqlite_utils import Database

from kiosk.device_state import disk_space, printer_record, software_version
from kiosk.update_guard import InstallLayout, State, read_state
from sync.client import CentralClient, CentralRefused
from sync.fleet_settings_updates import installed_serial
from sync.protocol import (
    MAX_REPORTED_FORMS,
    InstalledFormVersion,
    KioskReport,
    PrinterReport,
    SoftwareUpdateReport,
)

log = logging.getLogger(__name__)


def software_update_report(layout: InstallLayout | None) -> SoftwareUpdateReport | None:
    """The update state kept in the install root; None outside the versioned layout."""
    if layout is None or not layout.managed():
        return None
    state = read_state(layout)
    # A version on trial whose start screen is up is healthy, before the guard says so.
    if (
        state.state == State.TRIAL
        and state.version
        and layout.health_marker(state.version).exists()
    ):
        state_name = State.HEALTHY
    else:
        state_name = state.state
    return SoftwareUpdateReport(
        state=state_name,
        version=state.version,
        previous=state.previous,
        detail=state.detail[:300],
        refused=state.refused[-10:],
    )


def kiosk_report(
    db: Database,
    data_dir: Path | None = None,
    layout: InstallLayout | None = None,
    running: str | None = None,
) -> KioskReport:
    """This kiosk's report, read from its database and file system (the fleet settings
    from ``data_dir``, the software update from ``layout``, when given; ``running``:
    the version directory it runs from, else the installed package's version)."""
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
        software_version=running or software_version(),
        forms=forms,
        printer=state,
        printer_checked_at=printer.checked_at if state is not None and printer else None,
        disk_free_bytes=space.free,
        disk_total_bytes=space.total,
        fleet_settings_serial=None if data_dir is None else installed_serial(data_dir),
        software_update=software_update_report(layout),
    )


def send_kiosk_report(
    db: Database,
    client: CentralClient,
    data_dir: Path | None = None,
    layout: InstallLayout | None = None,
    running: str | None = None,
) -> KioskReport | None:
    """Send the report; None when the centre is too old to keep one."""
    report = kiosk_report(db, data_dir, layout, running)
    try:
        return client.report(report)
    except CentralRefused as refused:
        if refused.status == 404 and refused.code == "http_404":
            log.info("the central platform keeps no kiosk reports (an older release)")
            return None
        raise
