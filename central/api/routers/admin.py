"""``GET /admin/…``: the administrator's read-only views (kiosk health, statistics)."""

from __future__ import annotations

from fastapi import APIRouter

from central import kiosk_health, statistics
from central.api.deps import AdminDep, PlatformDep
from central.api.errors import ERROR_RESPONSES

router = APIRouter(prefix="/admin", tags=["admin"], responses=ERROR_RESPONSES)


@router.get("/health", response_model=list[kiosk_health.KioskHealth])
def health(platform: PlatformDep, _: AdminDep) -> list[kiosk_health.KioskHealth]:
    """Every kiosk: last sync, backlog, applications, audit continuity."""
    with platform.database.transaction() as connection:
        return kiosk_health.kiosk_health(connection)


@router.get("/statistics", response_model=statistics.Statistics)
def platform_statistics(platform: PlatformDep, _: AdminDep) -> statistics.Statistics:
    """Applications per service and status, assisted and self-service, kiosks."""
    with platform.database.transaction() as connection:
        return statistics.statistics(connection)
