"""``POST /audit-anchor``: the kiosk's audit chain head, checked for continuity."""

from __future__ import annotations

import logging

from fastapi import APIRouter

from central import anchors, kiosk_health, kiosk_registry
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.errors import Refusal
from sync.protocol import AnchorRequest, AnchorResponse

log = logging.getLogger(__name__)

router = APIRouter(tags=["audit"], responses=ERROR_RESPONSES)


@router.post("/audit-anchor", response_model=AnchorResponse)
def anchor(request: AnchorRequest, platform: PlatformDep, kiosk_code: KioskDep) -> AnchorResponse:
    """Accept links that continue the anchored head; 409 when they do not."""
    now = platform.clock.now()
    try:
        with platform.database.transaction() as connection:
            answer = anchors.anchor(connection, kiosk_code, list(request.links), now)
            kiosk_registry.record_contact(connection, kiosk_code, request.backlog, now)
    except Refusal as refusal:
        if refusal.code == anchors.CHAIN_BROKEN:
            # Kept apart from the refused anchor, so the kiosk stays flagged.
            with platform.database.transaction() as connection:
                kiosk_health.record_audit_alert(connection, kiosk_code, refusal.message, now)
            log.error("kiosk %s: %s", kiosk_code, refusal.message)
        raise
    return answer
