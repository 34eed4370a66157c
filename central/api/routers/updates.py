"""``GET /updates/metadata/{name}`` and ``GET /updates/targets/{name}``: the kiosk
software's update repository, served to enrolled kiosks over their sync link.

The files are the repository's own (:mod:`central.update_repository`): what
they say is trusted because of their signatures, not because of this route.
Targets answer ``Range`` requests (206 with ``Content-Range``), so a download
cut over 2G resumes where it stopped.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from central.api.deps import KioskDep, PlatformDep
from central.api.errors import ERROR_RESPONSES
from central.errors import not_found
from central.update_repository import UpdateRepository, updates_dir

router = APIRouter(prefix="/updates", tags=["software updates"], responses=ERROR_RESPONSES)


def _repository(platform: PlatformDep) -> UpdateRepository:
    return UpdateRepository(updates_dir(platform.database))


def _served(path: Path | None, name: str, media_type: str) -> FileResponse:
    if path is None:
        raise not_found(f"update file {name!r}")
    return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-store"})


@router.get("/metadata/{name}", response_class=FileResponse)
def metadata(name: str, platform: PlatformDep, _: KioskDep) -> FileResponse:
    """One signed metadata file (``N.root.json``, ``timestamp.json``, ...)."""
    return _served(_repository(platform).metadata_file(name), name, "application/json")


@router.get("/targets/{name}", response_class=FileResponse)
def target(name: str, platform: PlatformDep, _: KioskDep) -> FileResponse:
    """One target (an artefact or ``rollout.json``) by its hash-prefixed name; ranges allowed."""
    return _served(_repository(platform).target_file(name), name, "application/octet-stream")
