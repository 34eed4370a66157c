"""``GET /fleet-settings``: the newest signed fleet settings, if newer than the kiosk's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from central import fleet_settings_registry
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import MAX_COUNT, FleetSettingsUpdate

router = APIRouter(tags=["fleet settings"], responses=ERROR_RESPONSES)


@router.get("/fleet-settings", response_model=FleetSettingsUpdate)
def fleet_settings(
    platform: PlatformDep,
    _: KioskDep,
    after: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
) -> FleetSettingsUpdate:
    """The newest published settings when their serial is greater than ``after``, else none."""
    with platform.database.transaction() as connection:
        return FleetSettingsUpdate(bundle=fleet_settings_registry.newest(connection, after))
