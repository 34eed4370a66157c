"""The words of the guide card, kept in the kiosk's own translation files.

The card beside the kiosk must say exactly what the screens say: when it
tells someone to tap "查询我的申请", that is the button's text on this
version of the kiosk. So the card's sentences live in the Qt translation
files (``resources/translations/kiosk_*.ts``, context ``GuideCard``), beside
the screens' texts, and each button a sentence names is quoted from the
screen's own entry there. ``python -m ui.translations update`` collects the
sentences below with the screens' texts; translators fill them in with Qt
Linguist like any other.

Printing never imports Qt, so the ``.ts`` files (plain XML) are read here
directly; :func:`translate` only marks a text for ``lupdate``, which finds
the ``QT_TRANSLATE_NOOP`` calls by name.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

from printing.right_to_left import NO_BREAK_SPACE
from resources import TRANSLATIONS_DIR

CARD_CONTEXT = "GuideCard"
"""The translation context of the card's own sentences."""

SOURCE_LANGUAGE = "en"
"""The language the sentences are written in; it needs no translation file."""


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` as a text of ``context`` for lupdate (which knows this name); return it."""
    return source


class MissingTranslationError(LookupError):
    """A card text has no finished translation: the card would mix languages."""


@dataclass(frozen=True)
class ScreenLabel:
    """A text as one of the kiosk's screens shows it (a button, a title)."""

    context: str
    source: str


@dataclass(frozen=True)
class CardStep:
    """One numbered step: a title, a sentence, and the screen it shows."""

    title: str
    body: str
    screen: str
    """The screen's name in ``kiosk screenshots`` (``start``, ``identify``…)."""
    labels: Mapping[str, ScreenLabel] = field(default_factory=dict)
    """The screen texts quoted in ``body``, by placeholder."""


CARD_TITLE = QT_TRANSLATE_NOOP("GuideCard", "How to use this kiosk")
CARD_SERVICE_CENTRE = ScreenLabel("StartScreen", "{township} service centre")

CARD_STEPS: tuple[CardStep, ...] = (
    CardStep(
        QT_TRANSLATE_NOOP("GuideCard", "Start"),
        QT_TRANSLATE_NOOP(
            "GuideCard",
            "Tap your language, then the service you need."
            " “{larger}” makes the text bigger and reads it aloud.",
        ),
        "start",
        {"larger": ScreenLabel("StartScreen", "Larger text, read aloud")},
    ),
    CardStep(
        QT_TRANSLATE_NOOP("GuideCard", "Scan your ID card"),
        QT_TRANSLATE_NOOP(
            "GuideCard",
            "Hold the QR code on your ID card up to the camera, or type the ID number"
            " on the keypad. Then tap “{continue}”.",
        ),
        "identify",
        {"continue": ScreenLabel("IdentifyScreen", "Continue")},
    ),
    CardStep(
        QT_TRANSLATE_NOOP("GuideCard", "Answer the questions"),
        QT_TRANSLATE_NOOP(
            "GuideCard",
            "One question on each screen: answer it and tap “{next}”. Check your answers,"
            " tap “{submit}” and take your receipt: it carries your tracking number.",
        ),
        "question-choice",
        {
            "next": ScreenLabel("QuestionScreen", "Next"),
            "submit": ScreenLabel("ReviewScreen", "Submit application"),
        },
    ),
    CardStep(
        QT_TRANSLATE_NOOP("GuideCard", "Check your application later"),
        QT_TRANSLATE_NOOP(
            "GuideCard",
            "Come back to this kiosk and tap “{check}”. Scan the QR code on your receipt,"
            " or type the tracking number.",
        ),
        "check-my-application",
        {"check": ScreenLabel("StartScreen", "Check my application")},
    ),
    CardStep(
        QT_TRANSLATE_NOOP("GuideCard", "Need help? Ask the clerk"),
        QT_TRANSLATE_NOOP(
            "GuideCard",
            "The clerk sits at the service counter of this centre and, if you agree,"
            " fills in the application together with you.",
        ),
        "clerk-assisted-consent",
    ),
)
"""What the card says, in order: start, identify, answer, check later, the clerk."""


@cache
def _catalogue(language: str, translations_dir: Path) -> Mapping[tuple[str, str], str]:
    """(context, source) → the finished translation, from one language's .ts file."""
    found: dict[tuple[str, str], str] = {}
    root = ElementTree.parse(translations_dir / f"kiosk_{language}.ts").getroot()
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete"):
                continue
            if translation.text:
                found[(name, message.findtext("source", ""))] = translation.text
    return found


def translated(
    context: str, source: str, language: str, translations_dir: Path = TRANSLATIONS_DIR
) -> str:
    """``source`` of ``context`` in ``language``, as the kiosk's screens would show it."""
    if language == SOURCE_LANGUAGE:
        return source
    text = _catalogue(language, translations_dir).get((context, source))
    if text is None:
        raise MissingTranslationError(
            f"{context}: {source!r} has no finished {language} translation in"
            f" {translations_dir / f'kiosk_{language}.ts'}"
        )
    return text


@dataclass(frozen=True)
class CardWording:
    """The card's words in one language, button names filled in."""

    language: str
    title: str
    centre: str | None
    """The service centre's name, when the kiosk's township is known."""
    steps: tuple[tuple[str, str], ...]
    """(title, sentence) of each step."""


def card_wording(
    language: str,
    township: Mapping[str, str] | None = None,
    translations_dir: Path = TRANSLATIONS_DIR,
) -> CardWording:
    """Everything the card says in ``language``; the township's centre when it is named."""

    def card(source: str) -> str:
        return translated(CARD_CONTEXT, source, language, translations_dir)

    def screen(label: ScreenLabel) -> str:
        return translated(label.context, label.source, language, translations_dir)

    def button(label: ScreenLabel) -> str:
        # Never split over two lines: a button's name is found on the screen whole.
        return screen(label).replace(" ", NO_BREAK_SPACE)

    centre = None
    if township and township.get(language):
        centre = screen(CARD_SERVICE_CENTRE).format(township=township[language])
    steps = tuple(
        (
            card(step.title),
            card(step.body).format(**{key: button(label) for key, label in step.labels.items()}),
        )
        for step in CARD_STEPS
    )
    return CardWording(language, card(CARD_TITLE), centre, steps)
