"""``GET /status-updates``: the calling kiosk's feed of application status changes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from central import statuses
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import MAX_COUNT, MAX_FEED_ITEMS, StatusFeed

router = APIRouter(tags=["status"], responses=ERROR_RESPONSES)


@router.get("/status-updates", response_model=StatusFeed)
def status_feed(
    platform: PlatformDep,
    kiosk: KioskDep,
    after: Annotated[int, Query(ge=0, le=MAX_COUNT)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_FEED_ITEMS)] = 100,
) -> StatusFeed:
    """Status changes for this kiosk's applications after the cursor ``after``."""
    with platform.database.transaction() as connection:
        return statuses.feed(connection, kiosk, after, limit)
