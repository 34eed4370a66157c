"""A kiosk in a real X window with the on-screen keyboard, reporting what it sees.

Run by tests/ui/test_virtual_keyboard_window.py under Xvfb:

    python -m tests.ui.virtual_keyboard_child DATA_DIR SCENARIO [SHOT_DIR]

It enables the keyboard as `kiosk` does, starts the kiosk, goes to a question
and prints one `REPORT {json}` line per check, then `DONE`, and leaves
without Qt's teardown (which may abort under Xvfb once everything is said).
Scenarios: `text LANGUAGE [elderly]` (a free-text question), `digits` (the
ID number screen), `uyghur-typing`, `switch` (language changes while the
kiosk runs).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from ui.input_method import enable_virtual_keyboard

os.environ["QT_QPA_PLATFORM"] = "xcb"
enable_virtual_keyboard()

from PySide6.QtCore import QPointF, QRect, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QWindow  # noqa: E402
from PySide6.QtQuick import QQuickItem, QQuickWindow  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget  # noqa: E402

from kiosk.services import load_services  # noqa: E402
from tests.ui.child_process import report, wait_until  # noqa: E402
from ui.app import KIOSK_WINDOW_SIZE, Kiosk, build_kiosk  # noqa: E402
from ui.keyboard_clearance import keyboard_rectangle_on_screen, rectangle_on_screen  # noqa: E402
from ui.screenshots import TOUR_CONFIG, settle  # noqa: E402
from ui.virtual_keyboard import KeyboardSettings, virtual_keyboard_loaded  # noqa: E402
from ui.walkthrough import Walkthrough  # noqa: E402
from ui.widgets.editors import LineEditor  # noqa: E402

FORM_ID = "minimum-living-allowance"
"""Its first question after the ID number is the applicant's name, typed as free text."""

UYGHUR_NAME = "ئايگۈل"
"""Aygül, a Uyghur given name: the hamza, two vowels and four consonants."""

FILLER_KEY = 4
"""QtVirtualKeyboard.KeyType.FillerKey: space between keys, blank by design."""

SPACE_KEY = 12
"""QtVirtualKeyboard.KeyType.SpaceKey: the wide bar, known by its shape; the language
name on it fades out a moment after the keyboard comes up."""

LABEL_CONTRAST = 96
"""How far (0-255, in any colour channel) a pixel must stand from the key's own
colour to count as part of its label or icon; Qt's style draws a disabled key's
label at about a fifth of its strength, which stays below this."""

LABEL_PIXELS = 6
"""Fewer such pixels than this and the key looks blank (the middle dot has ~30)."""

POLL_SECONDS = 0.05
GIVE_UP_AFTER_POLLS = 400  # a bound for a shared machine, not a performance target


def wait_for(condition: Callable[[], bool]) -> bool:
    """Let Qt run until `condition` holds (or give up and say so)."""
    return wait_until(condition, GIVE_UP_AFTER_POLLS, POLL_SECONDS)


def tap(widget: QWidget) -> None:
    """A finger on the middle of a widget."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=widget.rect().center())


def keyboard_window() -> QQuickWindow | None:
    """The keyboard's own window (Qt Virtual Keyboard's desktop panel)."""
    for window in QGuiApplication.topLevelWindows():
        if isinstance(window, QQuickWindow) and window.isVisible():
            return window
    return None


def key_items(window: QQuickWindow) -> dict[str, QQuickItem]:
    """The visible keys of the keyboard's current layout, by the text they type."""
    found: dict[str, QQuickItem] = {}
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        pending.extend(item.childItems())
        text = item.property("text")
        is_key = item.property("keyType") is not None
        if is_key and isinstance(text, str) and text and item.isVisible() and item.width() > 0:
            found[text] = item
    return found


def all_keys(window: QQuickWindow) -> list[QQuickItem]:
    """Every visible key of the keyboard's current page but fillers and the space bar."""
    found: list[QQuickItem] = []
    pending = [window.contentItem()]
    while pending:
        item = pending.pop()
        pending.extend(item.childItems())
        key_type = item.property("keyType")
        drawn = item.isVisible() and item.width() > 0 and item.height() > 0
        if key_type is not None and key_type not in (FILLER_KEY, SPACE_KEY) and drawn:
            found.append(item)
    return found


def label_pixels(image: QImage, area: QRect) -> int:
    """How many pixels inside `area` stand out from its commonest colour."""
    colours: dict[int, int] = {}
    for y in range(area.top(), area.bottom() + 1):
        for x in range(area.left(), area.right() + 1):
            colour = image.pixel(x, y)
            colours[colour] = colours.get(colour, 0) + 1
    background = QColor(max(colours, key=lambda colour: colours[colour]))
    standing_out = 0
    for colour, count in colours.items():
        pixel = QColor(colour)
        difference = max(
            abs(pixel.red() - background.red()),
            abs(pixel.green() - background.green()),
            abs(pixel.blue() - background.blue()),
        )
        if difference > LABEL_CONTRAST:
            standing_out += count
    return standing_out


def blank_keys(window: QQuickWindow) -> list[str]:
    """The keys drawn with no label or icon a person can see, by what they type."""
    image = window.grabWindow()
    blank = []
    for item in all_keys(window):
        corner = item.mapToScene(QPointF(0, 0)).toPoint()
        area = QRect(corner.x(), corner.y(), int(item.width()), int(item.height()))
        if label_pixels(image, area.intersected(image.rect())) < LABEL_PIXELS:
            blank.append(str(item.property("text") or f"key type {item.property('keyType')}"))
    return blank


def keyboard_shows_key(text: str) -> bool:
    """Wait until the keyboard is up with a key typing `text` (False if it never is)."""

    def shown() -> bool:
        window = keyboard_window()
        return window is not None and text in key_items(window)

    return wait_for(shown)


def press_key(window: QWindow, item: QQuickItem) -> None:
    """A finger on a key of the keyboard."""
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def start_kiosk(data_dir: Path) -> tuple[QApplication, Kiosk, Walkthrough]:
    """The kiosk, full size, on the start screen."""
    app = QApplication([])
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "kiosk.toml").write_text(TOUR_CONFIG, encoding="utf-8")
    kiosk = build_kiosk(app, load_services(data_dir))
    kiosk.window.resize(*KIOSK_WINDOW_SIZE)
    kiosk.window.show()
    kiosk.window.activateWindow()
    wait_for(lambda: kiosk.window.isActiveWindow())
    report("input_method", loaded=virtual_keyboard_loaded())
    return app, kiosk, Walkthrough(kiosk, lambda: settle(kiosk))


def keyboard_up() -> bool:
    """Whether the keyboard is shown and has its size."""
    return not keyboard_rectangle_on_screen(QGuiApplication.inputMethod()).isEmpty()


def report_field(kiosk: Kiosk, field: QWidget, name: str) -> None:
    """Where the field and the keyboard are, and whether the keyboard covers either
    the field or the Next button."""
    up = wait_for(keyboard_up)
    keyboard = keyboard_rectangle_on_screen(QGuiApplication.inputMethod())
    next_button = kiosk.applicant.screens.question.next_button
    # The window lays itself out again once the keyboard is up; give it the time.
    wait_for(lambda: not rectangle_on_screen(field).intersects(keyboard))
    seen = rectangle_on_screen(field)
    report(
        name,
        keyboard_visible=up,
        keyboard=[keyboard.x(), keyboard.y(), keyboard.width(), keyboard.height()],
        field=[seen.x(), seen.y(), seen.width(), seen.height()],
        field_covered=seen.intersects(keyboard),
        field_in_window=rectangle_on_screen(kiosk.window).contains(seen),
        next_covered=rectangle_on_screen(next_button).intersects(keyboard),
        keyboard_locale=KeyboardSettings().locale(),
        focused=QApplication.focusWidget() is field,
    )


def name_field(walk: Walkthrough, kiosk: Kiosk, language: str) -> QWidget:
    """Go to the applicant's name, the form's first free-text question."""
    walk.begin(FORM_ID, language)
    walk.identify()
    editor = kiosk.applicant.screens.question.editor
    assert isinstance(editor, LineEditor) and editor.keypad is None, editor
    return editor.line


def screenshot(shot_dir: Path | None, name: str) -> None:
    """The whole screen, keyboard included (it is a window of its own)."""
    if shot_dir is not None:
        window = keyboard_window()
        if window is not None:
            wait_for(lambda: bool(key_items(window)))
        shot_dir.mkdir(parents=True, exist_ok=True)
        QGuiApplication.primaryScreen().grabWindow(0).save(str(shot_dir / f"{name}.png"))


def type_middle_dot(window: QQuickWindow, field: QWidget) -> None:
    """The key in Shift's place types the dot of a transliterated name (买买提·艾力)."""
    assert isinstance(field, QLineEdit)
    press_key(window, key_items(window)["\u00b7"])
    wait_for(lambda: field.text() == "\u00b7")
    report("middle_dot", typed=field.text())
    field.clear()


def text_question(data_dir: Path, language: str, elderly: bool, shot_dir: Path | None) -> None:
    """The keyboard comes up for a text question and leaves the field and Next in view."""
    _app, kiosk, walk = start_kiosk(data_dir)
    if elderly:
        kiosk.parts.presentation.set_elderly(True)
    field = name_field(walk, kiosk, language)
    report_field(kiosk, field, "text_question")
    window = keyboard_window()
    assert window is not None, "no keyboard window"
    wait_for(lambda: bool(key_items(window)))
    report("keys", blank=blank_keys(window))
    if language == "zh_CN":
        type_middle_dot(window, field)
    screenshot(shot_dir, f"keyboard-{language}{'-elderly' if elderly else ''}")
    QGuiApplication.inputMethod().hide()  # as the keyboard's own hide key does
    wait_for(lambda: not keyboard_up())
    report("hidden", keyboard_visible=keyboard_up())
    tap(field)  # a tap on the field brings it back
    report_field(kiosk, field, "after_tap")
    kiosk.window.idle_overlay.start(30)
    report("idle", keyboard_visible=not wait_for(lambda: not keyboard_up()))


def digits(data_dir: Path) -> None:
    """The ID number has the kiosk's own keypad: the keyboard never shows for it."""
    _app, kiosk, walk = start_kiosk(data_dir)
    walk.begin(FORM_ID, "zh_CN")
    id_input = kiosk.applicant.screens.identify.id_input
    tap(id_input)
    shown = wait_for(keyboard_up)
    report("digits", keyboard_visible=shown, focused=QApplication.focusWidget() is id_input)


def uyghur_typing(data_dir: Path, shot_dir: Path | None) -> None:
    """Uyghur letters typed by pressing the Uyghur layout's keys."""
    _app, kiosk, walk = start_kiosk(data_dir)
    field = name_field(walk, kiosk, "ug")
    assert isinstance(field, QLineEdit)
    keyboard_shows_key("ئ")
    window = keyboard_window()
    assert window is not None, "no keyboard window"
    keys = key_items(window)
    for letter in UYGHUR_NAME:
        press_key(window, keys[letter])
        QApplication.processEvents()
    wait_for(lambda: field.text() == UYGHUR_NAME)
    screenshot(shot_dir, "keyboard-ug-typed")
    report("uyghur_typing", typed=field.text())


def switch(data_dir: Path) -> None:
    """The keyboard follows each language chosen on the start screen, and the reset."""
    _app, kiosk, walk = start_kiosk(data_dir)
    settings = KeyboardSettings()
    for code in ("ug", "en", "zh_CN"):
        walk.screens.start.language_buttons[code].click()
        walk.settle()
        report("switch", language=code, keyboard_locale=settings.locale())
    name_field(walk, kiosk, "ug")
    report("switched_layout", language="ug", has_uyghur_keys=keyboard_shows_key("ئ"))
    kiosk.navigator.reset(keep_draft=False)
    walk.settle()
    report("switch", language="reset", keyboard_locale=settings.locale())
    report("after_reset", keyboard_visible=not wait_for(lambda: not keyboard_up()))
    name_field(walk, kiosk, "en")
    report("switched_layout", language="en", has_latin_keys=keyboard_shows_key("q"))


def main(arguments: list[str]) -> None:
    """Run one scenario and leave without Qt's teardown."""
    data_dir, scenario = Path(arguments[0]), arguments[1]
    options = arguments[2:]
    shot_dir = Path(os.environ["KEYBOARD_SHOTS"]) if os.environ.get("KEYBOARD_SHOTS") else None
    if scenario == "text":
        text_question(data_dir, options[0], "elderly" in options, shot_dir)
    elif scenario == "digits":
        digits(data_dir)
    elif scenario == "uyghur-typing":
        uyghur_typing(data_dir, shot_dir)
    elif scenario == "switch":
        switch(data_dir)
    print("DONE", flush=True)
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv[1:])
