"""Text shown to applicants, held in every language a form declares."""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, Mapping
from types import MappingProxyType


class LocalText:
    """One piece of text in several languages (language code to string).

    Immutable and hashable so that form definitions built from it can be
    frozen and shared between screens without anyone changing them. It reads
    like a mapping (`text["en"]`, `"en" in text`, iteration over languages),
    but `get` picks a language with fallbacks instead of returning a default,
    because a screen always needs something to show.
    """

    __slots__ = ("_texts",)

    def __init__(self, texts: Mapping[str, str] | Iterable[tuple[str, str]]) -> None:
        copied = dict(texts)
        if not copied:
            raise ValueError("a LocalText needs at least one language")
        self._texts: Mapping[str, str] = MappingProxyType(copied)

    def get(self, language: str, fallback_languages: Iterable[str] = ()) -> str:
        """The text in `language`, else in the first fallback that has it.

        When none of those exist the first language of the text is used: a
        kiosk showing some words beats one showing nothing. Forms are checked
        on load, so this only happens with languages a form did not declare.
        """
        for candidate in (language, *fallback_languages):
            text = self._texts.get(candidate)
            if text:
                return text
        return next(iter(self._texts.values()))

    def items(self) -> ItemsView[str, str]:
        """(language, text) pairs, for storing or sending the text on."""
        return self._texts.items()

    def __getitem__(self, language: str) -> str:
        return self._texts[language]

    def __contains__(self, language: object) -> bool:
        return language in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __hash__(self) -> int:
        return hash(frozenset(self._texts.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LocalText):
            return dict(self._texts) == dict(other._texts)
        return NotImplemented

    def __repr__(self) -> str:
        return f"LocalText({dict(self._texts)!r})"


def worded(text: LocalText, simpler: LocalText | None, language: str, simple: bool) -> str:
    """`text` in `language`, or its simpler wording when `simple` is asked for and the
    form gives one in that language.

    A simpler wording may exist in some languages only; where it is missing
    the ordinary text of the same language is used, never a simpler text in
    another language.
    """
    if simple and simpler is not None and language in simpler:
        return simpler[language]
    return text.get(language)
