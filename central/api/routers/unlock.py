"""``PUT`` and ``GET /unlock-secret``: the secret that unlocks a kiosk after a reboot."""

from __future__ import annotations

from fastapi import APIRouter

from central import unlock_secrets
from central.api.deps import KioskDep, PlatformDep, UnlockKeyDep
from central.api.errors import ERROR_RESPONSES
from sync.protocol import UnlockSecret

router = APIRouter(tags=["security"], responses=ERROR_RESPONSES)


@router.put("/unlock-secret", response_model=UnlockSecret)
def store_secret(
    request: UnlockSecret, platform: PlatformDep, kiosk: KioskDep, key: UnlockKeyDep
) -> UnlockSecret:
    """Keep the calling kiosk's unlock secret (replacing an older one)."""
    with platform.database.transaction() as connection:
        unlock_secrets.store(connection, kiosk, request.secret, platform.clock.now(), key)
    return request


@router.get("/unlock-secret", response_model=UnlockSecret)
def release_secret(platform: PlatformDep, kiosk: KioskDep, key: UnlockKeyDep) -> UnlockSecret:
    """The calling kiosk's unlock secret; 403 once the kiosk is revoked, 404 if none."""
    with platform.database.transaction() as connection:
        secret = unlock_secrets.release(connection, kiosk, platform.clock.now(), key)
    return UnlockSecret(secret=secret)
