"""``POST /enrolment``: a kiosk exchanges a one-time code for its credential."""

from __future__ import annotations

from fastapi import APIRouter

from central import form_registry, kiosk_registry
from central.api.deps import PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.errors import Refusal
from kiosk.clock import format_timestamp
from sync.protocol import EnrolRequest, EnrolResponse

router = APIRouter(tags=["enrolment"], responses=ERROR_RESPONSES)


@router.post("/enrolment", response_model=EnrolResponse)
def enrol(request: EnrolRequest, platform: PlatformDep) -> EnrolResponse:
    """Use an enrolment code once; answer the kiosk's credential and the signing key."""
    now = platform.clock.now()
    with platform.database.transaction() as connection:
        key = form_registry.public_key(connection)
        if key is None:
            raise Refusal(
                409, "no_signing_key", "the administrator has not generated a signing key yet"
            )
        kiosk_code, credential = kiosk_registry.enrol(
            connection, request.enrolment_code, now, request.kiosk_public_key
        )
        transfer = form_registry.setting(connection, form_registry.TRANSFER_KEY_SETTING)
    return EnrolResponse(
        kiosk_code=kiosk_code,
        credential=credential,
        signing_public_key=key,
        server_time=format_timestamp(now),
        transfer_public_key=transfer,
    )
