"""``GET /health``: answers without touching the database, for probes."""

from __future__ import annotations

from fastapi import APIRouter

from sync.protocol import HealthResponse

router = APIRouter(tags=["health"])


@router.get("/health", response_model=HealthResponse)
def health() -> HealthResponse:
    """The platform is up and speaks this protocol version."""
    return HealthResponse()
