"""``POST /audit-anchor``: the kiosk's audit chain head, checked for continuity."""

from __future__ import annotations

from fastapi import APIRouter

from central import anchors, kiosk_registry
from central.api.context import CredentialDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import AnchorRequest, AnchorResponse

router = APIRouter(tags=["audit"], responses=ERROR_RESPONSES)


@router.post("/audit-anchor", response_model=AnchorResponse)
def anchor(
    request: AnchorRequest, platform: PlatformDep, credential: CredentialDep
) -> AnchorResponse:
    """Accept links that continue the anchored head; 409 when they do not."""
    now = platform.clock.now()
    with platform.database.transaction() as connection:
        kiosk_code = kiosk_registry.authenticate(connection, credential)
        answer = anchors.anchor(connection, kiosk_code, list(request.links), now)
        kiosk_registry.record_contact(connection, kiosk_code, request.backlog, now)
    return answer
