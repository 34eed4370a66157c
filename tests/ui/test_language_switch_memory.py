"""Switching language does not keep the translators of earlier switches alive.

Found by the soak: each applicant's language choice and each reset made a
new translator owned by the application, so a kiosk grew by a compiled
translation (15–20 kB) twice per applicant, for as long as it ran.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from ui.i18n import LanguageSwitcher, translate


def live_translators() -> int:
    """QTranslator objects Python still holds."""
    gc.collect()
    return sum(isinstance(thing, QTranslator) for thing in gc.get_objects())


def test_a_hundred_switches_leave_one_translator(qapp: QApplication) -> None:
    switcher = LanguageSwitcher(qapp)
    before = live_translators()
    for _ in range(50):
        switcher.switch("zh_CN")
        switcher.switch("ug")
    assert live_translators() <= before + 1
    frame_hint = "Hold the QR code of your ID inside the frame"
    assert translate("CameraView", frame_hint) != frame_hint  # the last one is in use
    switcher.uninstall()
    assert live_translators() == before
