"""Loading form definition files from disk.

A file is refused as a whole when anything in it is wrong, with every
problem named; one refused file never stops the others from loading, so a
kiosk with one broken form still offers all the rest.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.forms.definition_problems import FormDefinitionError, FormProblem
from kiosk.forms.form_parser import parse_form
from kiosk.forms.model import FormDefinition

__all__ = ["FormLoadResult", "decode_form_json", "load_form", "load_forms_dir", "parse_form"]


@dataclass(frozen=True)
class FormLoadResult:
    """The forms that loaded from a directory, and the problems of those that did not."""

    forms: tuple[FormDefinition, ...]
    problems: tuple[FormProblem, ...]


def load_form(path: str | Path) -> FormDefinition:
    """Read, decode and check one form file; FormDefinitionError names every problem.

    Messages name the file by its base name, as an administrator would.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        problem = FormProblem(file.name, None, f"cannot be read: {reason}")
        raise FormDefinitionError([problem]) from error
    return parse_form(decode_form_json(text, file.name), file.name)


def decode_form_json(text: str, source: str) -> object:
    """Decode JSON strictly: FormDefinitionError for bad syntax, duplicate keys, NaN or Infinity.

    A key written twice in one object would silently keep only the last
    value, so it is refused like a syntax error.
    """
    duplicates: list[str] = []

    def build_object(pairs: Sequence[tuple[str, object]]) -> dict[str, object]:
        """A decoded object, noting any key it has twice."""
        built = dict(pairs)
        if len(built) < len(pairs):
            owner = next((value for key, value in pairs if key == "id"), None)
            where = f" in the object with id '{owner}'" if isinstance(owner, str) else ""
            keys = [key for key, _ in pairs]
            for key in dict.fromkeys(key for key in keys if keys.count(key) > 1):
                duplicates.append(f"key '{key}' appears twice{where}")
        return built

    def refuse_constant(name: str) -> object:
        """NaN and Infinity are not JSON, whatever Python's decoder allows."""
        raise ValueError(f"{name} is not allowed")

    try:
        data = json.loads(text, object_pairs_hook=build_object, parse_constant=refuse_constant)
    except json.JSONDecodeError as error:
        message = f"not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
        raise FormDefinitionError([FormProblem(source, None, message)]) from error
    except ValueError as error:
        raise FormDefinitionError(
            [FormProblem(source, None, f"not valid JSON: {error}")]
        ) from error
    if duplicates:
        raise FormDefinitionError(FormProblem(source, None, message) for message in duplicates)
    return data


def load_forms_dir(directory: str | Path) -> FormLoadResult:
    """Every `*.json` form in a directory, in file name order, with the problems of the rest.

    Two files with the same form id and version would make a draft
    ambiguous; the second one (by file name) is refused.
    """
    folder = Path(directory)
    if not folder.is_dir():
        return FormLoadResult((), (FormProblem(str(folder), None, "is not a directory"),))
    forms: list[FormDefinition] = []
    problems: list[FormProblem] = []
    first_file: dict[tuple[str, int], str] = {}
    for path in sorted(folder.glob("*.json")):
        try:
            form = load_form(path)
        except FormDefinitionError as error:
            problems.extend(error.problems)
            continue
        if form.key in first_file:
            message = (
                f"form '{form.id}' version {form.version} is already defined "
                f"in {first_file[form.key]}"
            )
            problems.append(FormProblem(path.name, None, message))
            continue
        first_file[form.key] = path.name
        forms.append(form)
    return FormLoadResult(tuple(forms), tuple(problems))
