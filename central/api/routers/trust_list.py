"""``GET /trust-list``: the newest signed issuer trust list, if newer than the kiosk's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from central import trust_list_registry
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import MAX_COUNT, TrustListUpdate

router = APIRouter(tags=["trust list"], responses=ERROR_RESPONSES)


@router.get("/trust-list", response_model=TrustListUpdate)
def trust_list(
    platform: PlatformDep,
    _: KioskDep,
    after: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
) -> TrustListUpdate:
    """The newest published list when its serial is greater than ``after``, else none."""
    with platform.database.transaction() as connection:
        return TrustListUpdate(bundle=trust_list_registry.newest(connection, after))
