"""``GET /forms`` and ``GET /forms/{form_id}/{version}``: signed form bundles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from central import form_registry
from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from kiosk.forms.model import MAX_FORM_VERSION
from sync.protocol import FORM_ID_PATTERN, FormBundle, FormBundleList

router = APIRouter(prefix="/forms", tags=["forms"], responses=ERROR_RESPONSES)


@router.get("", response_model=FormBundleList)
def list_forms(platform: PlatformDep, _: KioskDep) -> FormBundleList:
    """Every published form version; retired ones are flagged, not hidden."""
    with platform.database.transaction() as connection:
        return FormBundleList(bundles=form_registry.summaries(connection))


@router.get("/{form_id}/{version}", response_model=FormBundle)
def get_form(
    form_id: Annotated[str, Path(pattern=FORM_ID_PATTERN)],
    version: Annotated[int, Path(ge=1, le=MAX_FORM_VERSION)],
    platform: PlatformDep,
    _: KioskDep,
) -> FormBundle:
    """One signed form version, exactly as the administrator published it."""
    with platform.database.transaction() as connection:
        return form_registry.bundle(connection, form_id, version)
