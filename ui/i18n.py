"""Languages of the interface: Qt translators, layout direction, locale.

Texts of the screens come from Qt's translation files
(`resources/translations/kiosk_<code>.qm`); texts of the forms come from the
form definitions themselves. Switching language installs a new translator,
which makes Qt send every widget a LanguageChange event, and sets the layout
direction, so right-to-left languages mirror without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import NamedTuple

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from resources import TRANSLATIONS_DIR
from ui.qt_names import set_enum_property

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"


class Language(NamedTuple):
    """A language the kiosk can speak, named in its own script.

    A named tuple, not a frozen dataclass: this module loads before the first
    paint, and a dataclass costs it three times as many instructions to make.
    """

    code: str
    native_name: str
    right_to_left: bool = False

    @property
    def locale(self) -> QLocale:
        """The Qt locale used to format numbers and dates in this language."""
        return QLocale(self.code)


KNOWN_LANGUAGES = {
    language.code: language
    for language in (
        Language("zh_CN", "中文"),
        Language("en", "English"),
        Language("ug", "ئۇيغۇرچە", right_to_left=True),
    )
}


def language(code: str) -> Language:
    """The language for a code; unknown codes are shown by their code, left to right."""
    return KNOWN_LANGUAGES.get(code, Language(code, code))


class LanguageSwitcher:
    """Holds the one installed translator and swaps it on demand."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._translator: QTranslator | None = None
        self._listeners: list[Callable[[Language], None]] = []
        self.current = language(SOURCE_LANGUAGE)

    def add_listener(self, listener: Callable[[Language], None]) -> None:
        """Call `listener` with the new language after every switch (the on-screen
        keyboard follows the screens this way)."""
        self._listeners.append(listener)

    def switch(self, code: str) -> None:
        """Make `code` the language of every screen, including the layout direction."""
        self.uninstall()
        if code != SOURCE_LANGUAGE:
            # No parent: once removed, the last reference goes and the translator with
            # it. Parented to the app, every switch would keep one more alive.
            translator = QTranslator()
            if translator.load(f"kiosk_{code}", str(TRANSLATIONS_DIR)):
                QCoreApplication.installTranslator(translator)
                self._translator = translator
            else:
                log.warning("no compiled translation for %s in %s", code, TRANSLATIONS_DIR)
        self.current = language(code)
        QLocale.setDefault(self.current.locale)
        direction = "RightToLeft" if self.current.right_to_left else "LeftToRight"
        set_enum_property(self._app, "layoutDirection", direction)
        for widget in self._app.allWidgets():
            retranslate = getattr(widget, "retranslate", None)
            if callable(retranslate):
                retranslate()
        for listener in self._listeners:
            listener(self.current)

    def uninstall(self) -> None:
        """Remove this switcher's translator (when the kiosk shuts down)."""
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
            self._translator = None


LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def left_to_right(text: str) -> str:
    """`text` (a date, a time, a tracking number) kept in its own order inside a
    right-to-left sentence: after Uyghur words, "2026-12-06" would otherwise read
    "06-12-2026", since the bidirectional algorithm takes the dashes for neutral
    characters between Arabic numbers. Unchanged in left-to-right languages."""
    if not QApplication.isRightToLeft():
        return text
    return f"{LEFT_TO_RIGHT_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def translate(context: str, text: str) -> str:
    """Qt's translation of `text`; written as a plain call so that lupdate finds it.

    Texts use `{name}` placeholders filled with `str.format` after translation.
    """
    return QCoreApplication.translate(context, text)
