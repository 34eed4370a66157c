"""A kiosk in its own process that answers some questions and then waits to be killed.

Run by tests/ui/test_draft_resume.py: `python -m tests.ui.kiosk_child DATA_DIR FORM_ID N`.
It prints `SAVED <uuid> <position>` once the draft of N answered questions is
committed, then blocks until it is killed.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from kiosk.services import load_services
from ui.app import build_kiosk
from ui.screenshots import settle
from ui.walkthrough import Walkthrough


def main(data_dir: Path, form_id: str, questions: int) -> None:
    """Answer `questions` questions of `form_id`, report the saved draft, then hang."""
    app = QApplication([])
    kiosk = build_kiosk(app, load_services(data_dir))
    walk = Walkthrough(kiosk, lambda: settle(kiosk))
    walk.begin(form_id, "zh_CN")
    walk.identify()
    for _ in range(questions):
        session = kiosk.applicant.session
        assert session is not None
        field = session.wizard.current()
        assert field is not None
        walk.answer_current(walk.value_for(form_id, field))
        walk.screens.question.next_button.click()
        settle(kiosk)
    session = kiosk.applicant.session
    assert session is not None and session.application is not None
    print("SAVED", session.application.uuid, session.wizard.position, flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], int(sys.argv[3]))
