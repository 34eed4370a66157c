"""What every flow of the kiosk shares, gathered before any flow exists."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.services import KioskServices
    from ui.i18n import LanguageSwitcher
    from ui.inactivity import InactivityGuard
    from ui.operations import Operations
    from ui.presentation import Presentation
    from ui.print_runner import PrintRunner
    from ui.speech import Speaker
    from ui.storage_access import StorageAccess
    from ui.sync_runner import SyncRunner


@dataclass(frozen=True)
class KioskParts:
    """What every flow shares: services, the lanes of background work, storage,
    language, timers, look, voice, the printer and the link to the central platform.

    It lives apart from the flows so that the kiosk can open its database and
    start printing and syncing before the screens behind the start screen
    are built.
    """

    services: KioskServices
    operations: Operations
    storage: StorageAccess
    switcher: LanguageSwitcher
    inactivity: InactivityGuard
    presentation: Presentation
    speaker: Speaker
    printing: PrintRunner
    sync: SyncRunner
    """Idle while the kiosk has no central platform configured (USB transfer only,
    ``sync.configured`` is false); an enrolment gives it an address and starts it."""
