"""``PUT /kiosk-report``: a kiosk's software, installed forms, printer and disk."""

from __future__ import annotations

from fastapi import APIRouter

from central import kiosk_health
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import KioskReport

router = APIRouter(tags=["kiosks"], responses=ERROR_RESPONSES)


@router.put("/kiosk-report", response_model=KioskReport)
def store_report(request: KioskReport, platform: PlatformDep, kiosk: KioskDep) -> KioskReport:
    """Keep the calling kiosk's latest report (the previous one is replaced)."""
    with platform.database.transaction() as connection:
        kiosk_health.record_report(connection, kiosk, request, platform.clock.now())
    return request
