"""Keep the Qt Linguist files up to date and compile them.

    python -m ui.translations update   # texts of ui/ and the guide card into the .ts files
    python -m ui.translations build    # compile every .ts into the .qm the kiosk loads

The `.ts` files are the sources, committed and edited with Qt Linguist
(`pyside6-linguist`); the `.qm` files are built by the set-up.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from resources import TRANSLATIONS_DIR

UI_DIR = Path(__file__).resolve().parent
GUIDE_CARD_TEXTS = UI_DIR.parent / "printing" / "guide_card_texts.py"
"""The guide card's sentences: printed without Qt, translated with the screens so
that the card names each button as the screen does."""
SHIPPED_LANGUAGES = ["zh_CN", "ug"]
"""Languages with a translation file; English is the source language."""


def qt_tool(name: str) -> str:
    """Path of a Qt tool bundled inside the PySide6 wheel (lupdate, lrelease)."""
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.origin is not None, "PySide6 is not installed"
    return str(Path(spec.origin).parent / name)


def translation_source(code: str) -> Path:
    """The Qt Linguist source file of one language."""
    return TRANSLATIONS_DIR / f"kiosk_{code}.ts"


def translatable_sources() -> list[str]:
    """Every file whose texts belong in the .ts files: the screens and the guide card."""
    return [*sorted(str(path) for path in UI_DIR.rglob("*.py")), str(GUIDE_CARD_TEXTS)]


def update() -> None:
    """Collect every translatable text into each language's .ts file."""
    sources = translatable_sources()
    for code in SHIPPED_LANGUAGES:
        subprocess.run(
            [
                qt_tool("lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *sources,
                "-ts",
                str(translation_source(code)),
            ],
            check=True,
        )


def build() -> None:
    """Compile each .ts file into the .qm file the kiosk loads at run time."""
    for code in SHIPPED_LANGUAGES:
        source = translation_source(code)
        subprocess.run(
            [qt_tool("lrelease"), "-silent", str(source), "-qm", str(source.with_suffix(".qm"))],
            check=True,
        )


def main(argv: list[str]) -> int:
    """Entry point: `update` or `build`."""
    commands = {"update": update, "build": build}
    if len(argv) != 1 or argv[0] not in commands:
        print("usage: python -m ui.translations update|build", file=sys.stderr)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
