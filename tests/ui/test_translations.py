"""Every text on the screens and the guide card is translated into every shipped language."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from ui.translations import (
    SHIPPED_LANGUAGES,
    qt_tool,
    translatable_sources,
    translation_source,
)

Message = tuple[str, str]
UNFINISHED = ("unfinished", "vanished", "obsolete")


def messages(ts_file: Path) -> dict[Message, ElementTree.Element]:
    """(context, source) → the <translation> element, for one .ts file."""
    found: dict[Message, ElementTree.Element] = {}
    for context in ElementTree.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            found[(name, message.findtext("source", ""))] = translation
    return found


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_translation_file_is_up_to_date_with_the_screens(language: str, tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    shutil.copy(translation_source(language), fresh)
    subprocess.run(
        [
            qt_tool("lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *translatable_sources(),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )

    assert set(messages(fresh)) == set(messages(translation_source(language))), (
        "run: python -m ui.translations update, then translate the new texts"
    )


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_every_text_is_translated(language: str) -> None:
    untranslated = [
        source
        for source, translation in messages(translation_source(language)).items()
        if not (translation.text or "").strip()
        or translation.get("type") in ("unfinished", "vanished")
    ]

    assert untranslated == []


@pytest.mark.parametrize("language", SHIPPED_LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    placeholder = re.compile(r"\{[a-z_]+\}")
    for (context, source), translation in messages(translation_source(language)).items():
        expected = sorted(placeholder.findall(source))
        assert sorted(placeholder.findall(translation.text or "")) == expected, (context, source)
