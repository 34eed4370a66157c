"""The on-screen keyboard's parts that need no window: which layout each language
gets, the Uyghur layout itself, and which fields take the keyboard at all.

What the keyboard does on a real screen is in test_virtual_keyboard_window.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QInputMethodQueryEvent
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.forms import Field, FieldType, LocalText, load_regions
from resources import KEYBOARD_LAYOUTS_DIR, REGIONS_FILE
from ui.i18n import LanguageSwitcher, language
from ui.input_method import INPUT_METHOD, enable_virtual_keyboard
from ui.virtual_keyboard import (
    PLUGIN_LIBRARY,
    KeyboardSettings,
    attach_keyboard,
    keyboard_choice,
    virtual_keyboard_loaded,
)
from ui.widgets.editors import LineEditor, NoteEditor, editor_for
from ui.widgets.keypad import Keypad

UYGHUR_LAYOUT = KEYBOARD_LAYOUTS_DIR / "ug_CN"

UYGHUR_LETTERS = tuple("اەبپتجچخدرزژسشغفقكگڭلمنھوۇۆۈۋېىيئ")
"""The 32 letters of the Uyghur Arabic-script alphabet and the hamza that starts a
word's first vowel (ئا ئە ئو ئۇ ئۆ ئۈ ئې ئى)."""

KEY_TEXT = re.compile(r'Key \{ text: "([^"]+)"')


@pytest.fixture(scope="module")
def assembled(qapp: QApplication) -> Iterator[Path]:
    """The keyboard's layout directory as a kiosk assembles it."""
    settings = KeyboardSettings()
    yield settings.layouts


def test_enabling_chooses_the_virtual_keyboard_unless_another_input_method_was_chosen() -> None:
    fresh: dict[str, str] = {}
    enable_virtual_keyboard(fresh)
    assert fresh == {"QT_IM_MODULE": INPUT_METHOD}
    chosen = {"QT_IM_MODULE": "ibus"}
    enable_virtual_keyboard(chosen)
    assert chosen == {"QT_IM_MODULE": "ibus"}


@pytest.mark.parametrize(
    ("code", "layout", "offered"),
    [
        ("zh_CN", "zh_CN", ("zh_CN", "en_US", "ug_CN")),
        ("en", "en_US", ("en_US", "zh_CN", "ug_CN")),
        ("ug", "ug_CN", ("ug_CN", "zh_CN", "en_US")),
        ("fr", "en_US", ("en_US", "zh_CN", "ug_CN")),  # a language without a keyboard of its own
    ],
)
def test_each_language_has_its_layout_and_the_globe_key_offers_the_others(
    assembled: Path, code: str, layout: str, offered: tuple[str, ...]
) -> None:
    choice = keyboard_choice(language(code), assembled)
    assert choice.layout_path == QUrl.fromLocalFile(str(assembled))
    assert choice.locale == layout
    assert choice.active_locales == offered


def test_the_layout_directory_holds_qt_s_layouts_with_the_kiosk_s_over_them(
    assembled: Path,
) -> None:
    for own in KEYBOARD_LAYOUTS_DIR.glob("*/*.qml"):
        copied = assembled / own.parent.name / own.name
        assert copied.read_bytes() == own.read_bytes(), copied
    # Qt's pages the kiosk has none of its own for: Chinese symbols, English, fallbacks.
    for page in ("zh_CN/symbols.qml", "en_US/main.fallback", "fallback/main.qml"):
        assert (assembled / page).is_file(), page
    assert KEYBOARD_LAYOUTS_DIR.joinpath("zh_CN", "main.qml").is_file()


def test_a_language_without_a_main_page_is_not_offered(tmp_path: Path) -> None:
    (tmp_path / "zh_CN").mkdir()
    (tmp_path / "zh_CN" / "main.qml").write_text("", encoding="utf-8")
    (tmp_path / "en_US").mkdir()  # no main page: the keyboard could not show it
    choice = keyboard_choice(language("zh_CN"), tmp_path)
    assert choice.active_locales == ("zh_CN",)


def test_uyghur_layout_has_every_letter_once_and_uyghur_punctuation() -> None:
    keys = KEY_TEXT.findall((UYGHUR_LAYOUT / "main.qml").read_text(encoding="utf-8"))
    letters = [key for key in keys if key in UYGHUR_LETTERS]
    assert sorted(letters) == sorted(UYGHUR_LETTERS)
    assert "،" in keys and "؟" in keys
    symbols = KEY_TEXT.findall((UYGHUR_LAYOUT / "symbols.qml").read_text(encoding="utf-8"))
    assert [digit for digit in symbols if digit.isdigit()] == list("1234567890")


@pytest.mark.parametrize("page", ["ug_CN/main", "ug_CN/symbols", "zh_CN/main"])
def test_kiosk_layout_files_load_in_qml(qapp: QApplication, page: str) -> None:
    engine = QQmlEngine()
    component = QQmlComponent(engine, QUrl.fromLocalFile(str(KEYBOARD_LAYOUTS_DIR / f"{page}.qml")))
    assert component.status() == QQmlComponent.Status.Ready, component.errorString()


def test_qt_layout_folders_are_named_after_known_locales() -> None:
    # The keyboard skips a folder whose name Qt does not know as a locale.
    from PySide6.QtCore import QLocale

    for folder in KEYBOARD_LAYOUTS_DIR.iterdir():
        assert QLocale(folder.name).name() == folder.name


def takes_input_method(widget: QWidget) -> bool:
    """What a widget answers when an input method asks whether it takes input."""
    query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
    QApplication.sendEvent(widget, query)
    return bool(query.value(Qt.InputMethodQuery.ImEnabled))


def make_field(kind: FieldType) -> Field:
    """A question of one type."""
    return Field("question", kind, LocalText({"en": "Question"}))


def test_digit_fields_refuse_the_keyboard_and_text_fields_take_it(qtbot: QtBot) -> None:
    regions = load_regions(REGIONS_FILE)
    for kind in (FieldType.ID_NUMBER, FieldType.PHONE, FieldType.NUMBER, FieldType.DATE):
        digits = editor_for(make_field(kind), "en", regions)
        qtbot.addWidget(digits)
        assert isinstance(digits, LineEditor) and isinstance(digits.keypad, Keypad)
        assert not takes_input_method(digits.line), kind
    text = editor_for(make_field(FieldType.TEXT), "en", regions)
    qtbot.addWidget(text)
    assert isinstance(text, LineEditor) and text.keypad is None
    assert takes_input_method(text.line)
    note = NoteEditor()
    qtbot.addWidget(note)
    assert takes_input_method(note.text)


def test_typed_answers_are_not_learnt_by_the_keyboard(qtbot: QtBot) -> None:
    line, note = LineEditor(), NoteEditor()
    qtbot.addWidget(line)
    qtbot.addWidget(note)
    for field in (line.line, note.text):
        assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData


def test_plugin_is_recognised_among_loaded_libraries(tmp_path: Path) -> None:
    maps = tmp_path / "maps"
    maps.write_text(f"7f00-7f01 r-xp 0 0 0 /qt/plugins/{PLUGIN_LIBRARY}.so\n", encoding="utf-8")
    assert virtual_keyboard_loaded(maps)
    maps.write_text("7f00-7f01 r-xp 0 0 0 /qt/lib/libQt6Core.so.6\n", encoding="utf-8")
    assert not virtual_keyboard_loaded(maps)
    assert not virtual_keyboard_loaded(tmp_path / "missing")


def test_nothing_is_attached_when_the_keyboard_was_not_asked_for(
    qapp: QApplication, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QT_IM_MODULE", raising=False)
    window = QWidget()
    qtbot.addWidget(window)
    switcher = LanguageSwitcher(qapp)
    assert not attach_keyboard(window, switcher)
    switcher.uninstall()
