"""A person at the kiosk on a virtual X screen: every tap, drag, stroke and scanner
key goes through the X server (XTest), at screen coordinates found from the widgets.

Run by tests/ui/test_person_driven.py under Xvfb:

    python -m tests.ui.person_child DATA_DIR SHOT_DIR SCENARIO [OPTIONS...]

Scenarios:
- `apply LANGUAGE SERVICE [elderly] [contrast] [typed|scanned] [by-id]`: choose the look and
  the language on the start screen, the service, type the ID number on the keypad,
  answer every question by touch (options tapped, and dragged into view when under
  the fold; digits on the keypad; words on the on-screen keyboard, Pinyin in Chinese),
  agree, submit, then check the application by typing its tracking
  number on the tracking keys or scanning the receipt's QR with a hand-held scanner
  (a keyboard to X: the hardware boundary); with `by-id`, then also by ID number and
  date of birth typed on the number pad ("No receipt?").
- `clerk CENTRAL_URL ENROLMENT_CODE`: a kiosk expecting the central platform at
  CENTRAL_URL, not enrolled yet. The administrator signs in on the keypad and, on the
  enrolment screen that follows, types the console's enrolment code on the code keys and
  taps Enrol; then an application and a draft are made, and the clerk signs in, taps
  "Sync now", reprints the receipt (tracking keys) and resumes the draft.

Prints one `REPORT {json}` line per check and `DONE`; screenshots of every screen
go to SHOT_DIR. Leaves with os._exit (Qt's teardown under Xvfb may abort).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ui.input_method import enable_virtual_keyboard

os.environ["QT_QPA_PLATFORM"] = "xcb"
enable_virtual_keyboard()

from PySide6.QtCore import QPoint, QPointF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtWidgets import QApplication, QPushButton, QScroller, QWidget  # noqa: E402
from Xlib import XK, X  # noqa: E402
from Xlib import display as x_display  # noqa: E402
from Xlib.ext import xtest  # noqa: E402

from kiosk.clock import SystemClock  # noqa: E402
from kiosk.config import DataPaths  # noqa: E402
from kiosk.forms import Field, FieldType  # noqa: E402
from kiosk.receipt_verification import qr_payload, reference_for  # noqa: E402
from kiosk.services import load_services  # noqa: E402
from kiosk.store import connect, open_database  # noqa: E402
from tests.kiosk.test_handwriting import SIMPLE_CHARACTERS  # noqa: E402
from tests.ui.child_process import report, wait_until  # noqa: E402
from tests.ui.conftest import CLERK_ID, CLERK_PIN  # noqa: E402
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk  # noqa: E402
from ui.screen_tour import (  # noqa: E402
    TOUR_ADMINISTRATOR_ID,
    TOUR_ADMINISTRATOR_PIN,
    add_tour_staff,
)
from ui.screens.check_by_id import CheckByIdScreen  # noqa: E402
from ui.screenshots import TOUR_CONFIG, settle  # noqa: E402
from ui.walkthrough import Walkthrough  # noqa: E402

if TYPE_CHECKING:
    from sync.worker import SyncReport
from ui.widgets.editors import (  # noqa: E402
    AddressEditor,
    AnswerEditor,
    LineEditor,
    NoteEditor,
    OptionsEditor,
    YesNoEditor,
)
from ui.widgets.keypad import Keypad  # noqa: E402
from ui.widgets.touch_scroll import TouchScrollArea  # noqa: E402

POLL_SECONDS = 0.02
GIVE_UP_AFTER_POLLS = 500  # a bound for a shared machine, not a performance target
NETWORK_POLLS = 3000
"""A bound for what waits on the central platform (enrolment, a sync cycle) on a
loaded machine, not a performance target."""
MAX_QUESTIONS = 60
HANDWRITTEN_STROKES = SIMPLE_CHARACTERS["十"]
"""Written on the handwriting pad in Chinese, once: two strokes, recognised first."""

WORDS = {"en": "li wei", "ug": "ئايگۈل"}
"""What is typed on the on-screen keyboard for a required text, by language."""


def wait_for(condition: Callable[[], bool], polls: int = GIVE_UP_AFTER_POLLS) -> bool:
    """Let Qt run until `condition` holds (or give up and say so)."""
    return wait_until(condition, polls, POLL_SECONDS)


def pump(seconds: float) -> None:
    """Let Qt take in what the X server sent it."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.005)


class Person:
    """A finger and a hand-held scanner, both going through the X server."""

    def __init__(self, kiosk: Kiosk, shots: Path) -> None:
        self.kiosk = kiosk
        self.shots = shots
        self.x = x_display.Display()
        self.shot_count = 0
        self.written_by_hand = False

    # The finger -------------------------------------------------------------
    def _move(self, point: QPoint) -> None:
        xtest.fake_input(self.x, X.MotionNotify, x=point.x(), y=point.y())
        self.x.sync()

    def _button(self, down: bool) -> None:
        xtest.fake_input(self.x, X.ButtonPress if down else X.ButtonRelease, 1)
        self.x.sync()

    def tap_at(self, point: QPoint) -> None:
        """Touch and lift at one point of the screen."""
        self._move(point)
        pump(0.02)
        self._button(True)
        pump(0.03)
        self._button(False)
        pump(0.05)
        settle(self.kiosk)

    def drag(self, start: QPoint, end: QPoint, steps: int = 12) -> None:
        """Put the finger down, move it slowly, hold it still, lift it (no fling)."""
        self._move(start)
        pump(0.02)
        self._button(True)
        for step in range(1, steps + 1):
            self._move(start + (end - start) * step / steps)
            pump(0.02)
        pump(0.25)  # held still: the content stops with the finger
        self._button(False)
        pump(0.05)

    def stroke(self, first: QPoint, rest: list[QPoint]) -> None:
        """A stroke of a written character: down at `first`, through `rest`, lift."""
        self._move(first)
        pump(0.02)
        self._button(True)
        for point in rest:
            self._move(point)
            pump(0.01)
        self._button(False)
        pump(0.05)
        settle(self.kiosk)

    def tap(self, widget: QWidget) -> None:
        """Drag the widget into view if it is not (as a person scrolls), then tap its middle."""
        self.into_view(widget)
        centre = widget.mapToGlobal(widget.rect().center())
        self.tap_at(centre)

    def into_view(self, widget: QWidget) -> None:
        """Drag the screen's content until `widget` shows whole, by real drags."""
        area = scrolling_area(widget)
        if area is None:
            return
        viewport = area.viewport()
        scroller = QScroller.scroller(viewport)
        for _ in range(20):
            top = widget.mapTo(viewport, QPoint(0, 0)).y()
            bottom = top + widget.height()
            if top >= 0 and bottom <= viewport.height():
                return
            # Drag from the middle of the view, at most half a view at a time.
            middle = viewport.mapToGlobal(QPoint(viewport.width() // 2, viewport.height() // 2))
            half = viewport.height() // 2 - 10
            distance = (
                -min(bottom - viewport.height() + 20, half) if top >= 0 else min(-top + 20, half)
            )
            self.drag(middle, middle + QPoint(0, distance))
            wait_for(lambda: scroller.state() == QScroller.State.Inactive)
        where = widget.mapTo(viewport, QPoint(0, 0))
        raise AssertionError(
            f"could not drag {widget} into view: at {where}, {widget.size()} in a view of "
            f"{viewport.size()} scrolled {area.verticalScrollBar().value()} "
            f"of {area.verticalScrollBar().maximum()}"
        )

    def tap_keys(self, keys: QWidget, text: str) -> None:
        """Tap the keys of one of the kiosk's pads that spell `text`."""
        by_text = {button.text(): button for button in keys.findChildren(QPushButton)}
        for character in text:
            self.tap(by_text[character])

    # The scanner ------------------------------------------------------------
    def scan(self, text: str) -> None:
        """A hand-held scanner types `text` and Enter, fast, as a keyboard does."""
        for character in [*text, "\n"]:
            name = {"-": "minus", ":": "colon", "\n": "Return"}.get(character, character)
            keycode = self.x.keysym_to_keycode(XK.string_to_keysym(name))
            shifted = character.isupper() or character == ":"
            if shifted:
                xtest.fake_input(self.x, X.KeyPress, self.x.keysym_to_keycode(XK.XK_Shift_L))
            xtest.fake_input(self.x, X.KeyPress, keycode)
            xtest.fake_input(self.x, X.KeyRelease, keycode)
            if shifted:
                xtest.fake_input(self.x, X.KeyRelease, self.x.keysym_to_keycode(XK.XK_Shift_L))
            self.x.sync()
            pump(0.003)
        pump(0.2)
        settle(self.kiosk)

    # The on-screen keyboard -------------------------------------------------
    def type_on_keyboard(self, text: str) -> None:
        """Tap the keys of the on-screen keyboard (its own window) that spell `text`."""
        for character in text:
            window, item = keyboard_key(character)
            centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
            self.tap_at(window.mapToGlobal(centre))

    def screenshot(self, name: str) -> None:
        """The whole screen, the keyboard's window included."""
        self.shot_count += 1
        self.shots.mkdir(parents=True, exist_ok=True)
        path = self.shots / f"{self.shot_count:02d}-{name}.png"
        QGuiApplication.primaryScreen().grabWindow(0).save(str(path))


def scrolling_area(widget: QWidget) -> TouchScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, TouchScrollArea):
            return parent
        parent = parent.parentWidget()
    return None


def keyboard_key(character: str) -> tuple[QQuickWindow, QQuickItem]:
    """The on-screen keyboard's window and its key typing `character` (space: the space bar)."""
    found: dict[str, tuple[QQuickWindow, QQuickItem]] = {}

    def shown() -> bool:
        for window in QGuiApplication.topLevelWindows():
            if not isinstance(window, QQuickWindow) or not window.isVisible():
                continue
            pending = [window.contentItem()]
            while pending:
                item = pending.pop()
                pending.extend(item.childItems())
                if item.property("keyType") is None or not item.isVisible() or item.width() <= 0:
                    continue
                text = item.property("text")
                if item.property("key") == int(Qt.Key.Key_Space):
                    text = " "
                if isinstance(text, str) and text:
                    found[text] = (window, item)
        return character in found

    assert wait_for(shown), f"no key {character!r} on the on-screen keyboard"
    return found[character]


def start(data_dir: Path, central_url: str | None = None) -> tuple[Kiosk, Walkthrough]:
    """The kiosk, full size, on the start screen (expecting the central platform at
    `central_url`, if given)."""
    app = QApplication([])
    data_dir.mkdir(parents=True, exist_ok=True)
    central = "" if central_url is None else f'central_url = "{central_url}"\n'
    (data_dir / "kiosk.toml").write_text(TOUR_CONFIG + central, encoding="utf-8")
    clock = SystemClock()
    opened = open_database(DataPaths(data_dir).database, clock=clock)
    add_tour_staff(opened.db, clock)  # the clerk of tests/ui/conftest.py
    opened.db.conn.close()
    kiosk = build_kiosk(app, load_services(data_dir))
    kiosk.window.resize(*KIOSK_WINDOW_SIZE)
    kiosk.window.move(0, 0)
    kiosk.window.show()
    kiosk.window.activateWindow()
    wait_for(lambda: kiosk.window.isActiveWindow() and kiosk.built)
    settle(kiosk)
    return kiosk, Walkthrough(kiosk, lambda: settle(kiosk))


def answer(person: Person, walk: Walkthrough, service: str, field: Field, language: str) -> None:
    """Answer the question on screen by touch, as the sample applicant would."""
    kiosk = person.kiosk
    editor: AnswerEditor | None = kiosk.applicant.screens.question.editor
    assert editor is not None
    value = walk.value_for(service, field)
    if isinstance(editor, YesNoEditor):
        person.tap(editor.buttons()[0 if value else 1])
    elif isinstance(editor, OptionsEditor):
        wanted = set(value) if isinstance(value, list | tuple) else {value}
        for button, option in zip(editor.buttons(), editor.values(), strict=True):
            if (option in wanted) != button.isChecked():
                person.tap(button)
    elif isinstance(editor, AddressEditor):
        for code in value if isinstance(value, list | tuple) else []:
            person.tap(editor.region_button(code))
    elif isinstance(editor, LineEditor) and editor.keypad is not None:
        typed = (
            "".join(ch for ch in str(value) if ch != "-")
            if field.type is FieldType.DATE
            else str(value)
        )
        if isinstance(value, float) and value.is_integer():
            typed = str(int(value))
        person.tap_keys(editor.keypad, typed)
    elif isinstance(editor, LineEditor | NoteEditor):
        required = field.required is not False
        if not required or editor.raw_value() is not None:
            return
        if language == "zh_CN" and not person.written_by_hand and editor_writes(editor):
            write_by_hand(person, editor)
        elif language == "zh_CN":
            person.type_on_keyboard("ni ")  # Pinyin, and the space bar takes the first: 你
        else:
            person.type_on_keyboard(WORDS[language])


def editor_writes(editor: AnswerEditor) -> bool:
    """Whether the editor offers the handwriting pad (Chinese text)."""
    return isinstance(editor, LineEditor) and editor.handwriting is not None


def write_by_hand(person: Person, editor: AnswerEditor) -> None:
    """Switch the field to the handwriting pad, write 十 with the finger, tap the
    first candidate, and go back to the keyboard."""
    assert isinstance(editor, LineEditor) and editor.handwriting is not None
    pad = editor.handwriting
    # The keyboard comes up with the question and the screen makes room for it:
    # tap only once it is up, or the screen moves under the finger.
    keyboard_key("q")
    settle(person.kiosk)
    person.tap(editor.writing_button)
    shown = wait_for(pad.isVisible)
    for stroke in HANDWRITTEN_STROKES:
        first, *rest = [pad.box.mapToGlobal(QPoint(x, y)) for x, y in stroke]
        person.stroke(first, rest)
    offered = wait_for(lambda: bool(pad.candidates()))
    candidates = pad.candidates()
    strokes = [len(stroke) for stroke in pad.box.strokes]
    person.screenshot("handwriting")
    if candidates:
        person.tap(pad.candidate_buttons[0])
    person.written_by_hand = True
    report(
        "handwriting",
        pad_shown=shown,
        points_per_stroke=strokes,
        offered=offered,
        first=candidates[:1],
        typed=editor.line.text(),
    )


def apply(
    person: Person, walk: Walkthrough, language: str, service: str, options: list[str]
) -> str:
    """A whole application by touch; its tracking number."""
    kiosk = person.kiosk
    start_screen = kiosk.applicant.screens.start
    person.tap(start_screen.language_buttons[language])
    if "elderly" in options:
        person.tap(start_screen.larger_text_button)
    if "contrast" in options:
        person.tap(start_screen.contrast_button)
    person.screenshot("start")
    person.tap(start_screen.service_tiles[service])
    identify = kiosk.applicant.screens.identify
    keypad = identify.findChild(Keypad)
    assert keypad is not None
    person.tap_keys(keypad, walk.applicant.id_number)
    person.screenshot("identify")
    person.tap(identify.continue_button)
    wait_for(lambda: kiosk.window.current_screen() is not identify)  # the ID is checked first
    question = kiosk.applicant.screens.question
    members = kiosk.applicant.screens.members
    refused: list[str] = []
    below_fold: list[str] = []
    listed: list[int] = []
    for _ in range(MAX_QUESTIONS):
        session = kiosk.applicant.session
        assert session is not None
        if kiosk.window.current_screen() is members:
            listed.append(add_or_go_on(person, walk, service))
            continue
        if kiosk.window.current_screen() is not question:
            break
        field = session.wizard.current()
        assert field is not None
        if question.body_scroll.content_below():
            below_fold.append(field.id)
        answer(person, walk, service, field, language)
        person.screenshot(field.id)
        person.tap(question.next_button)
        if kiosk.window.current_screen() is question and question.problem.isVisible():
            refused.append(f"{field.id}: {question.problem.text()}")
            break
    report("questions", refused=refused, below_fold=below_fold, members_listed=listed)
    review = kiosk.applicant.screens.review
    person.screenshot("review")
    for consent in review.consents.values():
        person.tap(consent.buttons()[0])
    person.tap(review.submit_button)
    confirmation = kiosk.applicant.screens.confirmation
    wait_for(lambda: kiosk.window.current_screen() is confirmation)
    person.screenshot("confirmation")
    tracking_number = str(confirmation.tracking_number.text())
    report(
        "submitted",
        on_confirmation=kiosk.window.current_screen() is confirmation,
        tracking_number=tracking_number,
    )
    person.tap(confirmation.done_button)
    return tracking_number


def add_or_go_on(person: Person, walk: Walkthrough, service: str) -> int:
    """On the household members list: tap "add" for the next sample member, or Next
    once all are in; how many the list showed."""
    kiosk = person.kiosk
    members = kiosk.applicant.screens.members
    session = kiosk.applicant.session
    assert session is not None
    group = session.wizard.current()
    assert group is not None and group.repeats
    count = len(members.item_buttons)
    person.screenshot(f"{group.id}-{count}")
    if len(session.wizard.items(group.id)) < len(walk.sample_items(service, group)):
        person.tap(members.add_item_button)
    else:
        person.tap(members.next_button)
    return count


def check(person: Person, language: str, tracking_number: str, how: str, data_dir: Path) -> None:
    """Check the application on the start screen's "check my application": its tracking
    number typed on the tracking keys or its receipt's QR scanned."""
    kiosk = person.kiosk
    start_screen = kiosk.applicant.screens.start
    person.tap(start_screen.language_buttons[language])  # back to Chinese after "Done"
    person.tap(start_screen.check_button)
    check_screen = kiosk.applicant.screens.check
    if how == "scanned":
        db = connect(DataPaths(data_dir).database)
        try:
            payload = qr_payload(reference_for(db, tracking_number))
        finally:
            db.close()
        person.tap(check_screen.number_input)
        person.scan(payload)
    else:
        person.tap_keys(check_screen.keypad, tracking_number)
        person.tap(check_screen.lookup_button)
    wait_for(lambda: check_screen.result.isVisible())
    person.screenshot(f"check-{how}")
    report(
        "checked", how=how, shown=check_screen.result.isVisible(), result=check_screen.result.text()
    )


def check_by_id(person: Person, id_number: str) -> None:
    """From "check my application" on screen: "No receipt?", then the ID number and the
    date of birth (the ID number's 7th to 14th digits) typed on the number pad, Check."""
    kiosk = person.kiosk
    person.tap(kiosk.applicant.screens.check.by_id_button)
    screen = kiosk.window.current_screen()
    assert isinstance(screen, CheckByIdScreen), screen
    for field, text in ((screen.id_input, id_number), (screen.birth_input, id_number[6:14])):
        person.tap(field)  # the pad types into the field last tapped
        person.tap_keys(screen.keypad, text)
    person.tap(screen.lookup_button)
    shown = wait_for(lambda: bool(screen.result.text()), NETWORK_POLLS)
    settle(kiosk)
    person.screenshot("check-by-id")
    report("checked", how="by-id", shown=shown, result=screen.result.text())


def sign_in(person: Person, staff_id: str, pin: str, shot: str) -> None:
    """From the start screen: Staff, the staff number and the PIN on the keypad, Sign in."""
    kiosk = person.kiosk
    start_screen = kiosk.applicant.screens.start
    person.tap(start_screen.language_buttons["en"])
    person.tap(start_screen.clerk_button)
    pin_screen = kiosk.clerk.pin_screen
    person.tap(pin_screen.staff_input)
    person.tap_keys(pin_screen.keypad, staff_id)
    person.tap(pin_screen.pin_input)
    person.tap_keys(pin_screen.keypad, pin)
    person.screenshot(shot)
    person.tap(pin_screen.sign_in_button)


def enrol(person: Person, enrolment_code: str) -> None:
    """The administrator signs in; the enrolment screen follows (the kiosk expects a
    central platform and holds no credential): the central address is the configured
    one; the console's code typed on the code keys; Enrol; Done; End session."""
    kiosk = person.kiosk
    sign_in(person, TOUR_ADMINISTRATOR_ID, TOUR_ADMINISTRATOR_PIN, "administrator-sign-in")
    flow = kiosk.clerk.enrolment
    assert flow is not None
    opened = wait_for(lambda: flow.screen_made() and kiosk.window.current_screen() is flow.screen)
    screen = flow.screen
    person.tap(screen.code_input)
    person.tap_keys(screen.keypad, enrolment_code)
    person.screenshot("enrolment-code")
    person.tap(screen.enrol_button)
    enrolled = wait_for(screen.done_button.isVisible, NETWORK_POLLS)
    person.screenshot("enrolment-done")
    report(
        "enrolment",
        opened=opened,
        address=screen.address_input.text(),
        enrolled=enrolled,
        outcome=screen.outcome.text(),
    )
    person.tap(screen.done_button)
    person.tap(kiosk.clerk.home_screen.end_button)


def clerk(person: Person, walk: Walkthrough, data_dir: Path, enrolment_code: str) -> None:
    """The kiosk set up and used, by touch: enrolment by the administrator; then, with an
    application and a draft made, the clerk signs in, syncs now, reprints, resumes the draft."""
    kiosk = person.kiosk
    sync = kiosk.parts.sync
    assert sync.configured, "the kiosk expects a central platform"
    cycles: list[SyncReport] = []
    sync.report.connect(cycles.append)
    enrol(person, enrolment_code)
    # The cycle that follows the enrolment at once, before anything is made to send.
    wait_for(lambda: any(cycle.online for cycle in cycles), NETWORK_POLLS)
    cycles.clear()
    tracking_number = walk.complete("minimum-living-allowance", "en")
    kiosk.navigator.reset(keep_draft=False)
    walk.begin("rural-pension-enrolment", "en")
    walk.identify()
    kiosk.navigator.reset(keep_draft=True)
    settle(kiosk)
    sign_in(person, CLERK_ID, CLERK_PIN, "clerk-sign-in")
    home = kiosk.clerk.home_screen
    signed_in = wait_for(lambda: kiosk.window.current_screen() is home)
    person.screenshot("clerk-home")
    shown = home.sync_button.isVisibleTo(home)
    # A cycle of the kiosk's own timer may have sent the application before the tap.
    sent_unasked = sum(cycle.acknowledged for cycle in cycles)
    person.tap(home.sync_button)
    done = wait_for(home.sync_button.isEnabled, NETWORK_POLLS)
    settle(kiosk)
    person.into_view(home.sync_feedback)
    person.screenshot("clerk-sync")
    report(
        "sync",
        shown=shown,
        done=done,
        tracking_number=tracking_number,
        sent_unasked=sent_unasked,
        feedback=home.sync_feedback.text(),
        backlog=home.backlog.text(),
        still_on_clerk_screen=kiosk.window.current_screen() is home,
    )
    person.tap(home.reprint_input)
    person.tap_keys(home.tracking_keypad, tracking_number)
    person.tap(home.reprint_button)
    db_path = DataPaths(data_dir).database

    def reprinted() -> bool:
        db = connect(db_path)
        try:
            rows = db.execute("SELECT COUNT(*) FROM print_jobs WHERE reprint = 1").fetchone()
        finally:
            db.close()
        return bool(rows[0])

    report("reprint", signed_in=signed_in, queued=wait_for(reprinted))
    drafts = list(home.draft_buttons.values())
    report("drafts", count=len(drafts))
    if drafts:
        person.tap(drafts[0])
        wait_for(lambda: kiosk.window.current_screen() is not home)
        person.screenshot("clerk-draft")
        report("resumed", screen=type(kiosk.window.current_screen()).__name__)


def main(arguments: list[str]) -> None:
    """Run one scenario and leave without Qt's teardown."""
    data_dir, shots, scenario, *options = arguments
    central_url = options[0] if scenario == "clerk" else None
    kiosk, walk = start(Path(data_dir), central_url)
    person = Person(kiosk, Path(shots))
    if scenario == "apply":
        language, service, *rest = options
        tracking_number = apply(person, walk, language, service, rest)
        check(
            person,
            language,
            tracking_number,
            "scanned" if "scanned" in rest else "typed",
            Path(data_dir),
        )
        if "by-id" in rest:
            check_by_id(person, walk.applicant.id_number)
    elif scenario == "clerk":
        clerk(person, walk, Path(data_dir), enrolment_code=options[1])
    print("DONE", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
