"""Drive an installed kiosk from its start screen to enrolment, as an installer does.

`deploy/fresh-debian-steps` runs this with the installed kiosk's own Python
(`/opt/township-kiosk/current/bin/python`), as the `kiosk` user, off screen:
it taps the same buttons a person taps (Staff, sign in), checks that the
enrolment screen is what shows, and, given an enrolment code, enrols the kiosk
with the central platform that the other package installed. It prints one
JSON line of what it saw, then a line "SCREENSHOT <base64 PNG>" of the
enrolment screen, since the fresh root is thrown away when the check ends.
"""

from __future__ import annotations

import argparse
import base64
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWidgets import QApplication

from kiosk.services import load_services
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk


def wait_until(app: QApplication, done: Callable[[], bool], what: str, seconds: float) -> None:
    """Run the event loop until `done()`; stop the check with `what` if it never is."""
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out after {seconds:.0f} s waiting for {what}")
        app.processEvents()
        time.sleep(0.02)


def png_of(kiosk: Kiosk) -> str:
    """The window as it is now, as base64 PNG."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    kiosk.window.grab().save(buffer, "PNG")
    return base64.b64encode(bytes(data.data())).decode("ascii")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--staff-id", required=True)
    parser.add_argument("--pin", required=True)
    parser.add_argument("--code", help="an enrolment code from the central platform")
    args = parser.parse_args()

    app = QApplication(sys.argv[:1])
    kiosk = build_kiosk(app, load_services(args.data_dir))
    kiosk.window.resize(*KIOSK_WINDOW_SIZE)
    kiosk.window.show()

    def settled() -> bool:
        return kiosk.built and kiosk.operations.pending() == 0

    wait_until(app, settled, "every screen to be built", 60)
    seen: dict[str, str] = {"first_screen": type(kiosk.window.current_screen()).__name__}

    start = kiosk.applicant.screens.start
    start.language_buttons["en"].click()
    start.clerk_button.click()
    wait_until(app, settled, "the sign-in screen", 10)
    pin_screen = kiosk.clerk.pin_screen
    pin_screen.staff_input.setText(args.staff_id)
    pin_screen.pin_input.setText(args.pin)
    pin_screen.sign_in_button.click()

    assert kiosk.clerk.enrolment is not None
    enrolment = kiosk.clerk.enrolment.screen
    wait_until(app, lambda: kiosk.window.current_screen() is enrolment, "the enrolment screen", 60)
    wait_until(app, settled, "the enrolment screen to settle", 10)
    seen["screen_after_sign_in"] = type(kiosk.window.current_screen()).__name__
    seen["central_address"] = enrolment.address_input.text()

    if args.code:
        enrolment.code_input.setText(args.code)
        before = enrolment.outcome.text()
        enrolment.enrol_button.click()
        wait_until(
            app,
            lambda: enrolment.enrol_button.isEnabled() and enrolment.outcome.text() != before,
            "the enrolment's outcome",
            60,
        )
        wait_until(app, settled, "the outcome to settle", 10)
        seen["enrolment_outcome"] = enrolment.outcome.text()

    screenshot = png_of(kiosk)
    kiosk.shut_down()
    print(json.dumps(seen, ensure_ascii=False))
    print(f"SCREENSHOT {screenshot}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
