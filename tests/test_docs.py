"""Every command of `kiosk` and `kiosk-central` has help text and is documented.

A command added without a line of ``--help`` or without a word in README.md
or docs/ fails here, as sqlite-utils' tests/test_docs.py does for its CLI.
The commands are read from the real parsers, sub-commands included.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import central_command, kiosk_command

PROJECT = Path(__file__).resolve().parents[1]


def commands(
    parser: argparse.ArgumentParser, prefix: tuple[str, ...] = ()
) -> Iterator[tuple[tuple[str, ...], str | None]]:
    """Each command's words (``("staff", "add")``) with its help text, groups and leaves."""
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        helps = {choice.dest: choice.help for choice in action._choices_actions}
        for name, subparser in action.choices.items():
            yield (*prefix, name), helps.get(name)
            yield from commands(subparser, (*prefix, name))


PROGRAMS = {
    "kiosk": kiosk_command.build_parser(with_tools=True),
    "kiosk-central": central_command.build_parser(),
}
ALL = [
    (program, words, text)
    for program, parser in PROGRAMS.items()
    for words, text in commands(parser)
]


def documentation() -> str:
    """README.md and every page under docs/, as one text."""
    pages = [PROJECT / "README.md", *sorted((PROJECT / "docs").rglob("*.md"))]
    return "\n".join(page.read_text(encoding="utf-8") for page in pages)


def test_both_programs_have_their_commands() -> None:
    named = {(program, " ".join(words)) for program, words, _ in ALL}
    assert {("kiosk", "audit verify"), ("kiosk", "receipt"), ("kiosk", "demo")} <= named
    assert {("kiosk-central", "serve"), ("kiosk-central", "trust-list show")} <= named
    assert len(ALL) > 40


@pytest.mark.parametrize(
    ("program", "words", "text"), ALL, ids=[f"{p} {' '.join(w)}" for p, w, _ in ALL]
)
def test_every_command_has_help_text(
    program: str, words: tuple[str, ...], text: str | None
) -> None:
    assert text and text.strip(), f"`{program} {' '.join(words)}` has no help text"


@pytest.mark.parametrize(
    ("program", "words"), [(p, w) for p, w, _ in ALL], ids=[f"{p} {' '.join(w)}" for p, w, _ in ALL]
)
def test_every_command_is_documented(program: str, words: tuple[str, ...]) -> None:
    command = " ".join((program, *words))
    # `kiosk staff add` must not be found inside `kiosk-central staff add`
    pattern = rf"(?<![\w-]){re.escape(command)}(?![\w-])"
    assert re.search(pattern, documentation()), (
        f"`{command}` appears nowhere in README.md or docs/: say what it is for"
    )
