"""The console's languages (zh_CN and en) and its dates and times.

Texts are written in English in the templates and the code and translated
through a gettext catalogue (``locale/zh_CN/LC_MESSAGES/console.po``, read
with Babel when the console starts: no build step, and a test fails when a
text has no translation). Times are stored in UTC and shown in the platform's
time zone, labelled, because an officer compares them with a receipt printed
at a kiosk in local time.
"""

from __future__ import annotations

import gettext
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from central.deadlines import PLATFORM_TIME_ZONE

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "console"
LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
LANGUAGE_NAMES = {"zh_CN": "中文", "en": "English"}


def catalogue_path(language: str) -> Path:
    """Where the catalogue of ``language`` lives (English is the source and has none)."""
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The console's texts in ``language``; English returns them unchanged."""
    path = catalogue_path(language)
    if language not in LANGUAGES or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as source:
        catalogue = read_po(source, locale=language)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def pick_language(chosen: str | None, accept_language: str | None) -> str:
    """The account's language when signed in, else the browser's first one we speak."""
    if chosen in LANGUAGES:
        return str(chosen)
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().replace("-", "_").lower()
        if tag.startswith("zh"):
            return "zh_CN"
        if tag.startswith("en"):
            return "en"
    return DEFAULT_LANGUAGE


def local_time(stored: str | None) -> str:
    """A stored UTC time as the platform's local date and time (minutes)."""
    if not stored:
        return "—"
    try:  # fromisoformat reads the stored form (…Z) at a tenth of strptime's cost
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        return stored
    return moment.astimezone(PLATFORM_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def local_now(now: datetime) -> str:
    """The current local time, for the page's footer."""
    return now.astimezone(PLATFORM_TIME_ZONE).strftime("%Y-%m-%d %H:%M")


def N_(text: str) -> str:
    """Mark ``text`` for the catalogue; it is translated where the page shows it."""
    return text
