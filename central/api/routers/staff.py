"""``GET /staff``: the signed staff records that apply to the calling kiosk."""

from __future__ import annotations

from fastapi import APIRouter

from central import staff_registry
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import StaffList

router = APIRouter(tags=["staff"], responses=ERROR_RESPONSES)


@router.get("/staff", response_model=StaffList)
def staff_list(platform: PlatformDep, kiosk: KioskDep) -> StaffList:
    """Accounts for this kiosk and for every kiosk, disabled ones included (so they stop)."""
    with platform.database.transaction() as connection:
        return staff_registry.staff_for(connection, kiosk)
