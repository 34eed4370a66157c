"""The guides in docs/guide/ stay true: every command they name exists, every
picture they show exists, and the README points to them at the top.

Command lines in the guides' shell blocks are parsed by the real parsers of
``kiosk`` and ``kiosk-central`` (options and choices included); a command
named in running text must at least be one the parsers know. Text between
``<!-- console -->`` and ``<!-- /console -->`` describes the web console; it
is checked once the console is part of the platform (``central/console``).
Which screenshots ``kiosk screenshots`` makes is checked against a real tour
in ``tests/ui/test_guide_screenshots.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli import central_command, kiosk_command

PROJECT = Path(__file__).resolve().parents[1]
GUIDES_DIR = PROJECT / "docs" / "guide"
GUIDES = sorted(GUIDES_DIR.glob("*.md"))
CONSOLE_LANDED = (PROJECT / "central" / "console").is_dir()
PARSERS = {
    "kiosk": kiosk_command.build_parser(with_tools=True),
    "kiosk-central": central_command.build_parser(),
}

_CONSOLE = re.compile(r"<!-- console -->.*?<!-- /console -->", re.DOTALL)
_FENCE = re.compile(r"^\s*```[a-z]*\n(.*?)^\s*```", re.DOTALL | re.MULTILINE)
_INLINE = re.compile(r"`((?:kiosk|kiosk-central) [^`]+)`")
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+\.png)\)")


@dataclass(frozen=True)
class CommandLine:
    """A command a guide shows: a whole line from a shell block, or a name in the text."""

    guide: str
    words: tuple[str, ...]
    whole: bool
    """A line to run as it stands (parsed fully), not a name in a sentence."""

    def __str__(self) -> str:
        return f"{self.guide}: {' '.join(self.words)}"


def checked_text(guide: Path) -> str:
    """The guide's text, less the console's parts while the console has not landed."""
    text = guide.read_text(encoding="utf-8")
    return text if CONSOLE_LANDED else _CONSOLE.sub("", text)


def program_words(tokens: list[str]) -> tuple[str, ...] | None:
    """``kiosk …`` or ``kiosk-central …`` from a shell line, without sudo or a path."""
    while tokens and (tokens[0] == "sudo" or re.fullmatch(r"[A-Z_]+=\S*", tokens[0])):
        tokens = tokens[1:]
    if not tokens:
        return None
    program = tokens[0].rsplit("/", 1)[-1]
    return (program, *tokens[1:]) if program in PARSERS else None


def command_lines(guide: Path) -> list[CommandLine]:
    text = checked_text(guide)
    found: list[CommandLine] = []
    for block in _FENCE.findall(text):
        for line in block.splitlines():
            words = program_words(shlex.split(line, comments=True))
            if words:
                found.append(CommandLine(guide.name, words, whole=True))
    prose = _FENCE.sub("", text)
    for span in _INLINE.findall(prose):
        found.append(CommandLine(guide.name, tuple(span.split()), whole=False))
    return found


ALL_COMMANDS = [command for guide in GUIDES for command in command_lines(guide)]


def named_command(parser: argparse.ArgumentParser, words: tuple[str, ...]) -> str | None:
    """Follow the words through the sub-commands; the problem, or None when they lead
    to a command (options before it, like ``--data-dir DIR``, are stepped over)."""
    remaining = list(words)
    while True:
        groups = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not groups:
            return None
        while remaining and remaining[0].startswith("-"):
            option = remaining.pop(0)
            takes_value = any(
                option in action.option_strings and action.nargs != 0 for action in parser._actions
            )
            if takes_value and remaining:
                remaining.pop(0)
        if not remaining:
            return None if parser.get_default("handler") else "a sub-command is missing"
        word = remaining.pop(0)
        if word not in groups[0].choices:
            if parser.get_default("handler") and not groups[0].required:
                return f"{word!r} is no command here"
            return f"{word!r} is not one of {sorted(groups[0].choices)}"
        parser = groups[0].choices[word]


def test_the_guides_are_there_in_both_languages() -> None:
    names = {guide.name for guide in GUIDES}
    assert {"clerk.zh_CN.md", "clerk.en.md", "admin.zh_CN.md", "admin.en.md"} <= names
    assert (GUIDES_DIR / "guide-card.png").is_file()
    assert len(ALL_COMMANDS) > 30


@pytest.mark.parametrize("command", ALL_COMMANDS, ids=str)
def test_every_command_a_guide_names_exists(command: CommandLine) -> None:
    program, *words = command.words
    problem = named_command(PARSERS[program], tuple(words))
    assert problem is None, f"{command}: {problem}"
    if command.whole:
        errors = io.StringIO()
        try:
            with contextlib.redirect_stderr(errors):
                PARSERS[program].parse_args(words)
        except SystemExit:
            pytest.fail(f"{command}: {errors.getvalue().strip()}")


def test_a_wrong_command_is_caught() -> None:
    """The check itself: misspelt commands, options and choices fail it."""
    kiosk, central = PARSERS["kiosk"], PARSERS["kiosk-central"]
    assert named_command(kiosk, ("staff", "add")) is None
    assert named_command(kiosk, ("--data-dir", "/var/lib/k", "guide-card")) is None
    assert named_command(kiosk, ("staff", "remove")) is not None
    assert named_command(central, ("console-admin", "add")) is not None or CONSOLE_LANDED
    assert named_command(central, ("trust-list",)) == "a sub-command is missing"
    with contextlib.redirect_stderr(io.StringIO()), pytest.raises(SystemExit):
        central.parse_args(["set-status", "LQ03-261127-0042-K", "done"])


@pytest.mark.parametrize("guide", GUIDES, ids=lambda guide: guide.name)
def test_every_picture_a_guide_shows_exists(guide: Path) -> None:
    pictures = _IMAGE.findall(guide.read_text(encoding="utf-8"))
    missing = [picture for picture in pictures if not (guide.parent / picture).is_file()]
    assert missing == []


def guide_screenshots() -> set[str]:
    """The names of the screenshots the guides embed from docs/screenshots."""
    return {
        Path(picture).name
        for guide in GUIDES
        for picture in _IMAGE.findall(guide.read_text(encoding="utf-8"))
        if (guide.parent / picture).resolve().parent == PROJECT / "docs" / "screenshots"
    }


def test_the_clerks_guides_show_the_clerks_screens() -> None:
    shown = guide_screenshots()
    for language in ("zh_CN", "en"):
        for screen in ("clerk-sign-in", "clerk", "clerk-figures", "clerk-assisted-consent"):
            assert any(re.fullmatch(rf"{language}-\d\d-{screen}\.png", name) for name in shown)


def test_the_readme_links_the_guides_at_the_top() -> None:
    top = "\n".join((PROJECT / "README.md").read_text(encoding="utf-8").splitlines()[:20])
    for guide in ("clerk.zh_CN.md", "clerk.en.md", "admin.zh_CN.md", "admin.en.md"):
        assert f"docs/guide/{guide}" in top
    assert "docs/guide/guide-card.png" in top
