"""Reading the pieces of a form file while noting every problem found.

A form file is refused with all of its problems at once, so that whoever
publishes it fixes them in one pass. The reader therefore never stops at a
problem: it records it (with the field it belongs to) and hands back None
for the piece it could not read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from kiosk.forms.definition_problems import FormProblem
from kiosk.forms.expression_syntax import KEYWORDS, ExpressionError
from kiosk.forms.expressions import Expression, parse_expression
from kiosk.forms.text import LocalText

#: Field, page, calculation and document ids: usable as names in conditions.
NAME_PATTERN = re.compile(r"[a-z][a-z0-9_]*")

#: How each condition key is named in messages.
EXPRESSION_LABELS: Mapping[str, str] = {
    "relevant": "relevant condition",
    "required": "required condition",
    "constraint": "constraint",
    "expression": "expression",
}


@dataclass(frozen=True)
class Location:
    """Where in the file a piece sits: the field it belongs to, or a prefix naming the part."""

    field_id: str | None = None
    prefix: str = ""


class DefinitionReader:
    """Collects the problems of one file while its parts are read."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.languages: tuple[str, ...] = ()
        self.problems: list[FormProblem] = []

    def report(self, at: Location, message: str) -> None:
        """Note a problem at a place in the file."""
        self.problems.append(FormProblem(self.source, at.field_id, at.prefix + message))

    def check_keys(
        self,
        data: Mapping[str, object],
        at: Location,
        allowed: Iterable[str],
        required: Iterable[str] = (),
        other_kinds_keys: Iterable[str] = (),
        kind: str = "",
    ) -> None:
        """Report missing or null required keys and unknown keys (a misspelt key would be ignored).

        A key in `other_kinds_keys` is valid elsewhere (another field type)
        and is reported as not applying to `kind` rather than as unknown.
        """
        allowed_keys = set(allowed)
        misplaced = set(other_kinds_keys) - allowed_keys
        for key in required:
            if key not in data:
                self.report(at, f"'{key}' is missing")
            elif data[key] is None:
                self.report(at, f"'{key}' must not be null")
        for key in data:
            if key in misplaced:
                self.report(at, f"'{key}' does not apply to {kind}")
            elif key not in allowed_keys:
                self.report(at, _unknown_key_message(key, allowed_keys))

    def identifier(self, data: Mapping[str, object], key: str, at: Location) -> str | None:
        """An id usable in conditions: lower-case letters, digits, '_'; a letter first."""
        value = data.get(key)
        if value is None:
            self.report(at, f"'{key}' is missing")
            return None
        if not isinstance(value, str) or not NAME_PATTERN.fullmatch(value):
            self.report(
                at,
                f"'{key}' must be lower-case letters, digits and '_', starting with a letter "
                f"(got {_shown(value)})",
            )
            return None
        if value in KEYWORDS:
            self.report(at, f"'{value}' cannot be an id: it is a word of the condition language")
            return None
        return value

    def text(self, data: Mapping[str, object], key: str, at: Location) -> LocalText | None:
        """A text present in every declared language; reports a missing key too."""
        if key not in data:
            self.report(at, f"'{key}' is missing")
            return None
        return self.optional_text(data, key, at)

    def optional_text(self, data: Mapping[str, object], key: str, at: Location) -> LocalText | None:
        """A text if the key is present (then in every declared language), else None."""
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, dict) or not value:
            self.report(at, f"'{key}' must be an object from language code to text")
            return None
        complete = True
        for language in self.languages:
            if language not in value:
                self.report(at, f"'{key}' is missing the '{language}' translation")
                complete = False
        for language, text in value.items():
            if not isinstance(text, str) or not text.strip():
                self.report(at, f"'{key}' has an empty '{language}' translation")
                complete = False
        return LocalText(value) if complete else None

    def simpler_text(
        self, data: Mapping[str, object], key: str, plain_key: str, at: Location
    ) -> LocalText | None:
        """An optional simpler wording of the text under `plain_key`, in some or all of
        the form's languages (see docs/forms.md, "Simpler wording")."""
        value = data.get(key)
        if value is None:
            return None
        if plain_key not in data:
            self.report(at, f"'{key}' is given without '{plain_key}'")
            return None
        if not isinstance(value, dict) or not value:
            self.report(at, f"'{key}' must be an object from language code to text")
            return None
        complete = True
        for language, text in value.items():
            if language not in self.languages:
                declared = ", ".join(self.languages)
                self.report(
                    at,
                    f"'{key}' has a '{language}' text, which is not a form language ({declared})",
                )
                complete = False
            elif not isinstance(text, str) or not text.strip():
                self.report(at, f"'{key}' has an empty '{language}' translation")
                complete = False
        return LocalText(value) if complete else None

    def whole_number(
        self,
        data: Mapping[str, object],
        key: str,
        at: Location,
        minimum: int = 0,
        maximum: int | None = None,
    ) -> int | None:
        """An optional whole number within bounds; None (reported) if it is anything else."""
        value = data.get(key)
        if value is None:
            return None
        in_range = (
            isinstance(value, int)
            and not isinstance(value, bool)
            and value >= minimum
            and (maximum is None or value <= maximum)
        )
        if not in_range:
            bounds = f"from {minimum} to {maximum}" if maximum is not None else f"≥ {minimum}"
            self.report(at, f"'{key}' must be a whole number {bounds} (got {_shown(value)})")
            return None
        assert isinstance(value, int)
        return value

    def expression(
        self, data: Mapping[str, object], key: str, at: Location, allow_self: bool = False
    ) -> Expression | None:
        """An optional condition or calculation, parsed; `.` only where `allow_self`."""
        value = data.get(key)
        if value is None:
            return None
        label = EXPRESSION_LABELS.get(key, key)
        if not isinstance(value, str):
            self.report(at, f"{label} must be a string (got {_shown(value)})")
            return None
        try:
            parsed = parse_expression(value)
        except ExpressionError as error:
            self.report(at, f"{label} {value!r}: {error}")
            return None
        if parsed.uses_self() and not allow_self:
            self.report(at, f"{label} uses '.', which only a constraint may use")
            return None
        return parsed

    def object_list(
        self, data: Mapping[str, object], key: str, at: Location, required: bool
    ) -> list[dict[str, object]]:
        """A list of objects under `key`; entries that are not objects are reported and skipped."""
        value = data.get(key)
        if value is None:
            if required:
                self.report(at, f"'{key}' is missing")
            return []
        if not isinstance(value, list) or (required and not value):
            wanted = "a non-empty list" if required else "a list"
            self.report(at, f"'{key}' must be {wanted}")
            return []
        objects: list[dict[str, object]] = []
        for position, item in enumerate(value, start=1):
            if isinstance(item, dict):
                objects.append(item)
            else:
                self.report(at, f"'{key}' entry {position} must be an object")
        return objects


def _unknown_key_message(key: str, allowed: set[str]) -> str:
    message = f"unknown key '{key}'"
    close = difflib.get_close_matches(key, sorted(allowed), n=1)
    return message + (f" (did you mean '{close[0]}'?)" if close else "")


def _shown(value: object) -> str:
    """A value as it would be written in the file, for messages."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    return repr(value)
