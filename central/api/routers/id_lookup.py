"""``POST /applications/by-id``: a person's applications by ID number and date of birth."""

from __future__ import annotations

from fastapi import APIRouter

from central import id_lookup
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.errors import Refusal
from sync.protocol import ErrorBody, IdLookupAnswer, IdLookupRequest

router = APIRouter(
    prefix="/applications",
    tags=["applications"],
    responses=ERROR_RESPONSES | {429: {"model": ErrorBody}},
)


@router.post("/by-id", response_model=IdLookupAnswer)
def applications_by_id(
    request: IdLookupRequest, platform: PlatformDep, kiosk: KioskDep
) -> IdLookupAnswer:
    """Service, tracking number, status and date of each application of the person.

    A date of birth that does not match answers like an ID number with no
    applications; 429 ``too_many_lookups`` once the kiosk or the ID number
    has been asked about too often this hour. Every question is audited.
    """
    with platform.database.transaction() as connection:
        answer = id_lookup.look_up(
            connection, platform.protection, kiosk, request, platform.clock.now()
        )
    if isinstance(answer, Refusal):
        raise answer
    return answer
