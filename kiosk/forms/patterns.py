"""Form `pattern`s, matched in time linear in the answer, whatever the pattern.

Python's own ``re`` backtracks: a pattern such as ``(a+)+$`` takes seconds
on 26 characters and minutes on 30, so a form definition could freeze the
kiosk on a typed answer. Patterns are therefore compiled and matched with
RE2 (google-re2), which never backtracks. RE2 has no backreferences or
look-around; a pattern using them, or otherwise not RE2 syntax, is a named
problem when the form is loaded (docs/forms.md), never a surprise later.
"""

from __future__ import annotations

import functools

import re2  # type: ignore[import-untyped]  # no stubs published

_OPTIONS = re2.Options()
_OPTIONS.log_errors = False  # the loader reports the problem; nothing goes to stderr
_OPTIONS.max_mem = 8 << 20
"""Memory for one compiled pattern: bounds a huge repetition like ``a{1000}{1000}``."""


class PatternError(ValueError):
    """The pattern is not one RE2 can compile (the message says why)."""


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str) -> object:
    """The compiled pattern, or :class:`PatternError`."""
    try:
        return re2.compile(pattern, options=_OPTIONS)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        text = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise PatternError(text) from error


def full_match(pattern: str, value: str) -> bool:
    """Whether the whole of ``value`` matches ``pattern`` (checked at load time)."""
    compiled = compile_pattern(pattern)
    return compiled.fullmatch(value) is not None  # type: ignore[attr-defined]
