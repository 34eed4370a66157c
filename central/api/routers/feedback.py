"""``POST /feedback``: ratings, complaints and suggestions from the public, stored once."""

from __future__ import annotations

from fastapi import APIRouter

from central import feedback_intake
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import FeedbackBatch, FeedbackResult

router = APIRouter(tags=["feedback"], responses=ERROR_RESPONSES)


@router.post("/feedback", response_model=FeedbackResult)
def feedback(batch: FeedbackBatch, platform: PlatformDep, kiosk: KioskDep) -> FeedbackResult:
    """Store each item unless its UUID is already stored; name every UUID now held."""
    now = platform.clock.now()
    with platform.database.transaction() as connection:
        stored = feedback_intake.store_feedback(connection, kiosk, list(batch.items), now)
    return FeedbackResult(stored=stored)
