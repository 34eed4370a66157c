"""The on-screen keyboard: Qt Virtual Keyboard, in the applicant's language.

Qt Virtual Keyboard is an input-method plugin, chosen by the QT_IM_MODULE
environment variable before the QApplication exists (ui.input_method); it shows its panel when
a text field is tapped. It has no Python module: its settings (which layouts,
which language) are a QML singleton backed by one object for the whole
process, so a small QML object in an engine of our own reaches them.

The keyboard reads layouts from one directory. The kiosk assembles that
directory when the keyboard is first set up: Qt's layouts for the languages
it offers (English, Qt's Chinese symbols page, the fallback pages), then the
kiosk's own over them (`resources/keyboard/layouts/`: Uyghur, and a Pinyin
page whose third-row key is never drawn blank). Every language's keyboard
can then reach the others through the globe key.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Q_ARG, QMetaObject, QObject, QTimer
from PySide6.QtWidgets import QWidget

from resources import KEYBOARD_LAYOUTS_DIR
from ui.i18n import Language, LanguageSwitcher
from ui.input_method import INPUT_METHOD, virtual_keyboard_requested

if TYPE_CHECKING:  # imported where used: the start imports this module before its first
    # paint, and PySide builds a class's enum types at its first mention (ui.qt_names)
    from PySide6.QtCore import QUrl

log = logging.getLogger(__name__)

PLUGIN_LIBRARY = "libqtvirtualkeyboardplugin"
"""The plugin's shared library, as it appears among the libraries a process has loaded."""

KEYBOARD_LOCALES = {"zh_CN": "zh_CN", "en": "en_US", "ug": "ug_CN"}
"""The keyboard layout (a locale name, as Qt's layout folders are named) for each
kiosk language. A language missing here gets the English keyboard."""

FALLBACK_KEYBOARD = "en_US"

FALLBACK_PAGES = "fallback"
"""Qt's folder of pages (symbols, digits) for layouts that have none of their own."""

BUILTIN_LAYOUTS = ":/qt-project.org/imports/QtQuick/VirtualKeyboard/Layouts"
"""Where Qt's own layouts are, once the keyboard's QML plugins are loaded."""

SETTINGS_BRIDGE_QML = b"""
import QtQml
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Layouts
import QtQuick.VirtualKeyboard.Plugins

QtObject {
    readonly property url layoutPath: VirtualKeyboardSettings.layoutPath
    readonly property string locale: VirtualKeyboardSettings.locale
    readonly property var activeLocales: VirtualKeyboardSettings.activeLocales
    function choose(layoutPath, locale, activeLocales) {
        VirtualKeyboardSettings.layoutPath = layoutPath
        VirtualKeyboardSettings.activeLocales = activeLocales
        VirtualKeyboardSettings.locale = locale
    }
}
"""


def virtual_keyboard_loaded(maps: Path = Path("/proc/self/maps")) -> bool:
    """Whether Qt actually loaded the plugin (it fails silently without its libraries)."""
    try:
        return PLUGIN_LIBRARY in maps.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


@dataclass(frozen=True)
class KeyboardChoice:
    """Where the keyboard's layouts come from, which one shows, and which the globe key offers."""

    layout_path: QUrl
    locale: str
    active_locales: tuple[str, ...]


def has_keyboard(layouts: Path, locale: str) -> bool:
    """Whether the directory has a main page for the locale (its own, or a pointer to
    the fallback page, as Qt's English has)."""
    folder = layouts / locale
    return (folder / "main.qml").is_file() or (folder / "main.fallback").is_file()


def keyboard_choice(language: Language, layouts: Path) -> KeyboardChoice:
    """The keyboard for a kiosk language; the globe key offers the other kiosk layouts."""
    from PySide6.QtCore import QUrl

    locale = KEYBOARD_LOCALES.get(language.code, FALLBACK_KEYBOARD)
    others = [
        other
        for other in dict.fromkeys(KEYBOARD_LOCALES.values())
        if other != locale and has_keyboard(layouts, other)
    ]
    return KeyboardChoice(QUrl.fromLocalFile(str(layouts)), locale, (locale, *others))


def assemble_layouts(
    target: Path, builtin: str = BUILTIN_LAYOUTS, own_layouts: Path = KEYBOARD_LAYOUTS_DIR
) -> Path:
    """One layout directory: Qt's layouts of the kiosk's languages, the kiosk's own over them.

    Qt's layouts are copied out of its resources (they exist only there), as
    the keyboard has loaded them; a locale the kiosk has its own file for
    keeps Qt's other pages (Chinese keeps Qt's symbols page).
    """
    from PySide6.QtCore import QDirIterator, QFile

    for folder in (*dict.fromkeys(KEYBOARD_LOCALES.values()), FALLBACK_PAGES):
        files = QDirIterator(f"{builtin}/{folder}", QDirIterator.IteratorFlag.Subdirectories)
        while files.hasNext():
            source = files.next()
            if files.fileInfo().isFile():
                copy = target / source.removeprefix(f"{builtin}/")
                copy.parent.mkdir(parents=True, exist_ok=True)
                QFile.copy(source, str(copy))
                copy.chmod(0o644)  # copies out of Qt's resources are read-only
    shutil.copytree(own_layouts, target, dirs_exist_ok=True)
    return target


class KeyboardSettings:
    """Qt Virtual Keyboard's process-wide settings, reached through a QML object."""

    def __init__(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtQml import QQmlComponent, QQmlEngine

        self._engine = QQmlEngine()
        self._component = QQmlComponent(self._engine)
        self._component.setData(SETTINGS_BRIDGE_QML, QUrl())
        bridge = self._component.create()
        if bridge is None:
            raise RuntimeError(f"keyboard settings unavailable: {self._component.errorString()}")
        # Ours to keep: the engine's garbage collector must not take it.
        QQmlEngine.setObjectOwnership(bridge, QQmlEngine.ObjectOwnership.CppOwnership)
        bridge.setParent(self._engine)
        self._bridge: QObject = bridge
        self._layouts = tempfile.TemporaryDirectory(prefix="kiosk-keyboard-")
        self.layouts: Path = assemble_layouts(Path(self._layouts.name))
        """The one directory the keyboard reads its layouts from (see `assemble_layouts`)."""

    def choose(self, choice: KeyboardChoice) -> None:
        """Show the chosen layout from now on (at once if the keyboard is up)."""
        QMetaObject.invokeMethod(
            self._bridge,
            "choose",
            Q_ARG("QVariant", choice.layout_path),
            Q_ARG("QVariant", choice.locale),
            Q_ARG("QVariant", list(choice.active_locales)),
        )

    def layout_path(self) -> QUrl:
        """The directory the keyboard reads its layouts from."""
        from PySide6.QtCore import QUrl

        path = self._bridge.property("layoutPath")
        return path if isinstance(path, QUrl) else QUrl(str(path))

    def locale(self) -> str:
        """The layout the keyboard shows."""
        return str(self._bridge.property("locale"))

    def active_locales(self) -> list[str]:
        """The layouts the globe key cycles through."""
        return [str(name) for name in self._bridge.property("activeLocales") or []]


def follow_language(switcher: LanguageSwitcher) -> KeyboardSettings:
    """Keep the keyboard in the language of the screens, now and after every switch."""
    settings = KeyboardSettings()

    def follow(language: Language) -> None:
        choice = keyboard_choice(language, settings.layouts)
        settings.choose(choice)
        log.info("on-screen keyboard: %s for %s", choice.locale, language.code)

    switcher.add_listener(follow)
    follow(switcher.current)
    return settings


def attach_keyboard(window: QWidget, switcher: LanguageSwitcher) -> bool:
    """Wire the on-screen keyboard to the kiosk window, if this process uses it.

    Says in the log whether Qt really loaded the keyboard: without its
    libraries it fails silently, and a kiosk without a keyboard cannot take
    a name. Reaching the keyboard's settings loads Qt Quick and the keyboard's
    QML (0.15 to 0.25 s on a 2-core machine), so it happens on the event loop's
    next turn, once the start screen is usable; the keyboard's first
    appearance is quicker for it.
    """
    if not virtual_keyboard_requested():
        return False
    if not virtual_keyboard_loaded():
        log.error(
            "on-screen keyboard: QT_IM_MODULE=%s but Qt did not load %s "
            "(run with QML_IMPORT_TRACE=1 and QT_DEBUG_PLUGINS=1 to see why)",
            INPUT_METHOD,
            PLUGIN_LIBRARY,
        )
        return False
    from ui.keyboard_clearance import KeyboardClearance

    KeyboardClearance(window)
    log.info("on-screen keyboard: Qt Virtual Keyboard loaded")
    QTimer.singleShot(0, lambda: follow_language(switcher))
    return True
