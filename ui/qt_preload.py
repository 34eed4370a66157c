"""Qt's libraries loaded on a second core while the kiosk reads its configuration.

The kiosk's start is one thread's work: Python reads the command line, its
modules and the configuration, then PySide loads Qt, then the QApplication
loads its platform and input-method plugins and fontconfig reads its
configuration. Two of those steps need no Python at all: the dynamic loader
mapping and relocating Qt's shared libraries (the on-screen keyboard's plugin
alone brings Qt Quick and QML), and fontconfig's start. ctypes lets go of
Python's lock while a library loads or a C function runs, so a thread started
before anything else does both on another core; when PySide and Qt ask for
them, they are there (a library is loaded once per process, whoever asks).
About 14 ms less on the main thread before the first paint (docs/BENCHMARKS.md,
"The real start").

Nothing depends on it: on one core the thread's work is only done earlier, and
a library that is missing or fails to load is left for Qt to load, or to
report, as it always does. Qt's fontconfig calls wait for the thread
(:func:`wait_for_qt_libraries`) so that fontconfig is never started twice at once.

Imports nothing of Qt, and is imported only by the commands that show screens.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping, Sequence
from importlib.util import find_spec
from pathlib import Path

from ui.input_method import INPUT_METHOD

FONTCONFIG = "libfontconfig.so.1"
"""fontconfig's library, by the name every Linux distribution installs it under."""

WIDGETS_LIBRARY = "Qt/lib/libQt6Widgets.so.6"
"""Relative to PySide6's package: Qt Widgets, which brings Qt Core and Qt Gui."""

PLATFORM_PLUGIN = "Qt/plugins/platforms/libq{platform}.so"
"""A platform plugin by the name QT_QPA_PLATFORM gives it."""

INPUT_METHOD_PLUGINS = {
    INPUT_METHOD: "Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
}
"""The input methods whose plugins are known, by their QT_IM_MODULE name."""

_loading: threading.Thread | None = None
"""The thread loading them, once started (one per process)."""


def qt_libraries(pyside_dir: Path, environment: Mapping[str, str]) -> list[Path]:
    """The libraries a kiosk started in `environment` loads before its first paint.

    The platform is the one Qt will choose (QT_QPA_PLATFORM, else X11 where
    there is a display); the input method the one the kiosk asks for unless
    the environment names another (ui.input_method).
    """
    platform = environment.get("QT_QPA_PLATFORM", "").split(":")[0]
    if not platform and environment.get("DISPLAY"):
        platform = "xcb"
    paths = [WIDGETS_LIBRARY]
    if platform:
        paths.append(PLATFORM_PLUGIN.format(platform=platform))
    input_plugin = INPUT_METHOD_PLUGINS.get(environment.get("QT_IM_MODULE", INPUT_METHOD))
    if input_plugin is not None:
        paths.append(input_plugin)
    return [pyside_dir / path for path in paths]


def start_loading_qt(environment: Mapping[str, str] = os.environ) -> None:
    """Load Qt's libraries and start fontconfig on a thread of their own, now."""
    global _loading
    spec = find_spec("PySide6")  # found, not imported: PySide itself is the main thread's
    if spec is None or not spec.submodule_search_locations or _loading is not None:
        return
    libraries = qt_libraries(Path(spec.submodule_search_locations[0]), environment)
    _loading = threading.Thread(target=_load, args=(libraries,), name="qt-preload", daemon=True)
    _loading.start()


def wait_for_qt_libraries() -> None:
    """Return once the thread (if one was started) is done; call before the QApplication."""
    if _loading is not None:
        _loading.join()


def _load(libraries: Sequence[Path]) -> None:
    import ctypes

    for library in libraries:
        try:
            ctypes.CDLL(str(library), mode=os.RTLD_LAZY)
        except OSError:
            continue  # Qt loads it, or says why it cannot
    try:
        ctypes.CDLL(FONTCONFIG).FcInit()
    except (OSError, AttributeError):
        return  # Qt's platform plugin starts the fontconfig it was built with
