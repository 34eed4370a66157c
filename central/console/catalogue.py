"""Keeping the console's translation catalogue in step with its texts.

    python -m central.console.catalogue update   # add new texts to the .po files

Texts are found where gettext finds them: ``_()`` in the templates and
``N_()`` in the code. New texts are added untranslated and texts no longer
used are dropped; tests/central/test_console_i18n.py fails while any text
lacks a translation, so a page can never show English to a Chinese officer.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from central.console.i18n import LANGUAGES, catalogue_path

CONSOLE_DIR = Path(__file__).parent
_METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
_OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}}
_KEYWORDS = {"_": None, "gettext": None, "N_": None}


def extracted() -> Catalog:
    """Every text of the console, with where it is used."""
    catalogue = Catalog(project="township-kiosk-console")
    for filename, line, message, comments, context in extract_from_dir(
        CONSOLE_DIR, _METHODS, keywords=_KEYWORDS, options_map=_OPTIONS
    ):
        catalogue.add(
            message, locations=[(filename, line)], auto_comments=comments, context=context
        )
    return catalogue


def read_catalogue(language: str) -> Catalog:
    """The stored catalogue of ``language`` (empty when there is none yet)."""
    path = catalogue_path(language)
    if not path.exists():
        return Catalog(locale=language)
    with path.open("rb") as source:
        return read_po(source, locale=language)


def update() -> list[str]:
    """Bring every translated language's catalogue up to date; returns texts still untranslated."""
    template = extracted()
    missing: list[str] = []
    for language in LANGUAGES:
        if language == "en":
            continue
        catalogue = read_catalogue(language)
        catalogue.update(template, no_fuzzy_matching=True)
        catalogue.obsolete.clear()
        path = catalogue_path(language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as target:
            write_po(target, catalogue, omit_header=False, sort_output=True, width=100)
        missing += [f"{language}: {m.id}" for m in catalogue if m.id and not m.string]
    return missing


def main(argv: list[str]) -> int:
    """``update``: refresh the catalogues and list what still needs translating."""
    if argv != ["update"]:
        print(__doc__, file=sys.stderr)
        return 2
    for line in update():
        print(f"untranslated: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
