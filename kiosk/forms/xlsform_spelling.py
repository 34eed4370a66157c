"""How the kiosk's form definition is spelt in XLSForm, in both directions.

Shared by the import (:mod:`kiosk.forms.xlsform`) and the export that
writes the sample services as workbooks (:mod:`kiosk.forms.xlsform_export`),
so that what one writes the other reads: the language columns
(``label::中文 (zh_CN)``) and the expression syntax (``${name}`` for a
question, ``true()``, ``count-selected()``, ``div``). docs/forms.md has the
table of what maps to what.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from kiosk.forms.definition_reader import NAME_PATTERN
from kiosk.forms.expression_syntax import ExpressionError, Token, TokenKind, parse, tokenize

#: The kiosk's languages, with the name an XLSForm column gives each.
LANGUAGE_NAMES: dict[str, str] = {"zh_CN": "中文", "en": "English", "ug": "ئۇيغۇرچە"}

# What administrators write for each language, lower case with '_' for '-'.
_LANGUAGE_ALIASES: dict[str, str] = {
    **dict.fromkeys(("zh_cn", "zh", "zh_hans", "zh_hans_cn", "chinese", "中文"), "zh_CN"),
    **dict.fromkeys(("en", "en_us", "en_gb", "english"), "en"),
    **dict.fromkeys(("ug", "ug_cn", "ug_arab", "uyghur", "uighur", "ئۇيغۇرچە"), "ug"),
}
_NAMED_CODE = re.compile(r"^.*\(([^()]+)\)\s*$")

#: Functions whose XLSForm spelling is the kiosk's (``age`` is the kiosk's own, see docs).
_SAME_FUNCTIONS = frozenset(
    {"selected", "if", "coalesce", "today", "not", "age", "sum", "min", "max", "count"}
)
_RENAMED_FUNCTIONS = {"count-selected": "count"}
_XLSFORM_FUNCTION_OF = {kiosk: xlsform for xlsform, kiosk in _RENAMED_FUNCTIONS.items()}
_LITERAL_FUNCTIONS = frozenset({"true", "false"})


def language_code(column_language: str) -> str | None:
    """The kiosk's code for the language part of a column (``中文 (zh_CN)``, ``en``), or None."""
    named = _NAMED_CODE.match(column_language)
    written = named.group(1) if named else column_language
    return _LANGUAGE_ALIASES.get(written.strip().lower().replace("-", "_"))


def language_column(key: str, language: str) -> str:
    """The header of ``key`` (``label``, ``kiosk::unit``) in a language: ``label::English (en)``."""
    return f"{key}::{LANGUAGE_NAMES.get(language, language)} ({language})"


class XLSFormExpressionError(ValueError):
    """An XLSForm expression the kiosk's condition language cannot say, and why."""


@dataclass(frozen=True)
class _Piece:
    kind: str
    text: str
    start: int


_XLSFORM_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<reference>\$\{[^}]*\})
    | (?P<number>[0-9]+(?:\.[0-9]+)?)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<name>[A-Za-z_][A-Za-z0-9_.-]*)
    | (?P<operator><=|>=|!=|=|<|>|\+|-|\*)
    | (?P<punctuation>[(),])
    | (?P<dot>\.)
    """,
    re.VERBOSE,
)


def _xlsform_pieces(source: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    position = 0
    while position < len(source):
        match = _XLSFORM_TOKEN.match(source, position)
        if match is None:
            character = source[position]
            if character in "'\"":
                raise XLSFormExpressionError(f"string is not closed at character {position + 1}")
            reason = {
                "/": "XPath paths are not supported; refer to a question as ${name}",
                "|": "node-set unions are not supported",
                "[": "XPath predicates are not supported",
            }.get(character, f"unexpected character {character!r}")
            raise XLSFormExpressionError(f"{reason} (character {position + 1})")
        assert match.lastgroup is not None
        pieces.append(_Piece(match.lastgroup, match.group(), position))
        position = match.end()
    return pieces


def kiosk_expression(source: str) -> str:
    """The kiosk's spelling of an XLSForm expression; XLSFormExpressionError says why not.

    Whitespace is kept as written, so the result reads like the cell.
    """
    pieces = _xlsform_pieces(source)
    out: list[str] = []
    index = 0
    while index < len(pieces):
        piece = pieces[index]
        following = _next_solid(pieces, index)
        calls = following is not None and pieces[following].text == "("
        if piece.kind == "reference":
            name = piece.text[2:-1]
            if not NAME_PATTERN.fullmatch(name):
                raise XLSFormExpressionError(
                    f"${{{name}}} cannot name a kiosk question: names are lower-case letters, "
                    "digits and '_', starting with a letter"
                )
            out.append(name)
        elif piece.kind == "name" and calls:
            index = _function(pieces, index, following, out)
            continue
        elif piece.kind == "name":
            out.append(_bare_word(piece))
        else:
            out.append(piece.text)
        index += 1
    translated = "".join(out)
    try:
        parse(translated)
    except ExpressionError as error:
        raise XLSFormExpressionError(f"{error.reason} (read as {translated!r})") from error
    return translated


def _next_solid(pieces: list[_Piece], index: int) -> int | None:
    """The index of the next piece after ``index`` that is not whitespace."""
    for later in range(index + 1, len(pieces)):
        if pieces[later].kind != "space":
            return later
    return None


def _function(pieces: list[_Piece], index: int, opening: int | None, out: list[str]) -> int:
    """Translate the call starting at ``index``; the index of the next piece to read."""
    name = pieces[index].text
    if name in _LITERAL_FUNCTIONS:
        closing = _next_solid(pieces, opening) if opening is not None else None
        if closing is None or pieces[closing].text != ")":
            raise XLSFormExpressionError(f"{name}() takes no arguments")
        out.append(name)
        return closing + 1
    if name in _RENAMED_FUNCTIONS:
        out.append(_RENAMED_FUNCTIONS[name])
    elif name in _SAME_FUNCTIONS:
        out.append(name)
    else:
        known = ", ".join(sorted({*_SAME_FUNCTIONS, *_RENAMED_FUNCTIONS, *_LITERAL_FUNCTIONS}))
        raise XLSFormExpressionError(
            f"function {name}() has no kiosk equivalent (the kiosk knows {known})"
        )
    return index + 1


def _bare_word(piece: _Piece) -> str:
    if piece.text in ("and", "or"):
        return piece.text
    if piece.text == "div":
        return "/"
    if piece.text == "mod":
        raise XLSFormExpressionError("'mod' has no kiosk equivalent")
    raise XLSFormExpressionError(
        f"'{piece.text}' is not a reference: refer to a question as ${{{piece.text}}}"
    )


def xlsform_expression(source: str, repeated: frozenset[str] = frozenset()) -> str:
    """The XLSForm spelling of a kiosk expression (the inverse of :func:`kiosk_expression`).

    `repeated` names the repeating groups and their questions: `count()` of one
    of them counts items (XLSForm's `count`), of anything else the choices made
    (`count-selected`).
    """
    out: list[str] = []
    end = 0
    tokens = tokenize(source)
    for index, (token, following) in enumerate(itertools.pairwise(tokens)):
        quotes = 2 if token.kind is TokenKind.STRING else 0
        written = source[token.position : token.position + len(token.text) + quotes]
        out.append(source[end : token.position])
        argument = tokens[index + 2] if index + 2 < len(tokens) else following
        out.append(_xlsform_word(token, following, written, argument.text in repeated))
        end = token.position + len(written)
    out.append(source[end:])
    return "".join(out)


def _xlsform_word(token: Token, following: Token, written: str, of_items: bool) -> str:
    if token.kind is TokenKind.NAME:
        if following.kind is TokenKind.OPEN:
            return token.text if of_items else _XLSFORM_FUNCTION_OF.get(token.text, token.text)
        return f"${{{token.text}}}"
    if token.kind is TokenKind.KEYWORD and token.text in _LITERAL_FUNCTIONS:
        return f"{token.text}()"
    if token.kind is TokenKind.KEYWORD and token.text == "null":
        raise ValueError("null has no XLSForm spelling")
    if token.text == "/":
        return "div"
    return written


def split_header(header: str) -> tuple[str, str | None]:
    """A column header as its key and language part: ``kiosk::unit::English (en)`` →
    (``kiosk::unit``, ``English (en)``); ``relevant`` → (``relevant``, None).

    The language part is the last one, after a key that takes languages.
    """
    parts = [part.strip() for part in header.split("::")]
    for length in (2, 1):
        key = "::".join(parts[:length])
        if key in TRANSLATED_KEYS and len(parts) == length + 1:
            return key, parts[length]
    return "::".join(parts), None


#: Keys whose columns come one per language.
TRANSLATED_KEYS = frozenset(
    {
        "label",
        "hint",
        "constraint_message",
        "form_title",
        "kiosk::unit",
        "kiosk::label_simple",
        "kiosk::hint_simple",
        "kiosk::summary",
        "kiosk::item_label",
    }
)
