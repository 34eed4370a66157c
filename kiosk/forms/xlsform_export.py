"""Writing a kiosk form definition as an XLSForm workbook.

The sample services ship both as JSON and as .xlsx, so that administrators
have a working XLSForm to start from; the workbooks are generated from the
JSON with this module and tests check that importing them gives the JSON
back. Regenerate them after changing a sample form::

    python -m kiosk.forms.xlsform_export resources/forms/*.json

Each ``NAME.json`` is written beside itself as ``NAME.xlsx``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kiosk.forms.xlsform_spelling import language_column, xlsform_expression

_TYPE_OF_FIELD = {
    "text": "text",
    "note": "text",
    "date": "date",
    "consent": "acknowledge",
    "yes_no": "kiosk:yes_no",
    "phone": "kiosk:phone",
    "id_number": "kiosk:id_number",
    "address": "kiosk:address",
    "image": "image",
}
#: Survey columns, each (header key, key of the field, translated).
_SURVEY_COLUMNS = (
    ("label", "label", True),
    ("hint", "help", True),
    ("required", "required", False),
    ("relevant", "relevant", False),
    ("constraint", "constraint", False),
    ("constraint_message", "constraint_message", True),
    ("calculation", "expression", False),
    ("appearance", "appearance", False),
    ("kiosk::prefill", "prefill", False),
    ("kiosk::min", "min", False),
    ("kiosk::max", "max", False),
    ("kiosk::pattern", "pattern", False),
    ("kiosk::levels", "levels", False),
    ("kiosk::unit", "unit", True),
    ("kiosk::label_simple", "label_simple", True),
    ("kiosk::hint_simple", "help_simple", True),
    ("kiosk::item_label", "item_label", True),
    ("kiosk::shared", "shared", False),
)
_EXPRESSION_KEYS = frozenset({"relevant", "constraint", "expression"})
_WRITTEN_FIELD_KEYS = frozenset(
    {"id", "type", "choices", "integer"} | {key for _, key, _ in _SURVEY_COLUMNS}
)


def definition_to_workbook(definition: dict[str, object], target: Path) -> None:
    """Write ``definition`` (a form the loader accepts) as an XLSForm workbook at ``target``.

    A key the XLSForm spelling has no column for raises ValueError rather
    than being left out.
    """
    import openpyxl

    languages = [str(language) for language in _list(definition["languages"])]
    book = openpyxl.Workbook()
    survey = book.active
    assert survey is not None
    survey.title = "survey"
    headers = ["type", "name"] + [
        header
        for key, _, translated in _SURVEY_COLUMNS
        for header in (_headers(key, languages) if translated else [key])
    ]
    survey.append(headers)
    choices = book.create_sheet("choices")
    choice_headers = [
        "list_name",
        "name",
        *_headers("label", languages),
        *_headers("kiosk::label_simple", languages),
        "kiosk::exclusive",
    ]
    choices.append(choice_headers)
    repeated = _repeated_names(definition)
    for calculation in _list(definition.get("calculate", [])):
        row = {
            "type": "calculate",
            "name": calculation["id"],
            "calculation": xlsform_expression(calculation["expression"], repeated),
        }
        survey.append([row.get(header) for header in headers])
    for page in _list(definition["pages"]):
        group = {
            "type": "begin_group",
            "name": page["id"],
            **_text_cells("label", page.get("title"), languages),
        }
        survey.append([group.get(header) for header in headers])
        for field in _list(page["fields"]):
            inner = _list(field.get("fields", []))
            cells = _field_cells({**field, "fields": None}, languages, repeated)
            survey.append([cells.get(header) for header in headers])
            for question in [field, *inner]:
                for choice in question.get("choices", []):
                    choice_cells = {"list_name": question["id"], "name": choice["value"]}
                    choice_cells |= _text_cells("label", choice["label"], languages)
                    choice_cells |= _text_cells(
                        "kiosk::label_simple", choice.get("label_simple"), languages
                    )
                    if choice.get("exclusive"):
                        choice_cells["kiosk::exclusive"] = "yes"
                    choices.append([choice_cells.get(header) for header in choice_headers])
            for question in inner:
                cells = _field_cells(question, languages, repeated)
                survey.append([cells.get(header) for header in headers])
            if field["type"] == "repeat":
                survey.append(["end_repeat", field["id"]])
        survey.append(["end_group", page["id"]])
    _settings_sheet(book, definition, languages)
    documents = book.create_sheet("kiosk_documents")
    document_headers = ["name", *_headers("label", languages), "relevant"]
    documents.append(document_headers)
    for document in _list(definition.get("documents", [])):
        cells = {"name": document["id"], **_text_cells("label", document["text"], languages)}
        if "relevant" in document:
            cells["relevant"] = xlsform_expression(document["relevant"], repeated)
        documents.append([cells.get(header) for header in document_headers])
    book.save(target)


def _settings_sheet(book: object, definition: dict[str, object], languages: list[str]) -> None:
    cells: dict[str, object] = {"form_id": definition["id"], "version": definition["version"]}
    cells |= _text_cells("form_title", definition["title"], languages)
    cells |= _text_cells("kiosk::summary", definition.get("summary"), languages)
    for key in ("icon", "processing_days"):
        if key in definition:
            cells[f"kiosk::{key}"] = definition[key]
    settings = book.create_sheet("settings")  # type: ignore[attr-defined]
    settings.append(list(cells))
    settings.append(list(cells.values()))


def _repeated_names(definition: dict[str, object]) -> frozenset[str]:
    """The repeating groups and their questions: what XLSForm's `count` counts the items of."""
    names: set[str] = set()
    for page in _list(definition["pages"]):
        for field in _list(page["fields"]):
            if field["type"] == "repeat":
                names |= {field["id"], *(inner["id"] for inner in _list(field["fields"]))}
    return frozenset(names)


def _field_cells(
    field: dict[str, object], languages: list[str], repeated: frozenset[str]
) -> dict[str, object]:
    """One survey row; a repeating group's is its begin_repeat row (its questions,
    given as `fields`, are rows of their own)."""
    unknown = {key for key, value in field.items() if value is not None} - _WRITTEN_FIELD_KEYS
    if unknown:
        raise ValueError(f"field '{field['id']}': no XLSForm column for {sorted(unknown)}")
    kind = str(field["type"])
    cells: dict[str, object] = {"name": field["id"]}
    if kind == "repeat":
        cells["type"] = "begin_repeat"
    elif kind == "number":
        cells["type"] = "integer" if field.get("integer") else "decimal"
    elif kind in ("choice", "multi_choice"):
        cells["type"] = f"{'select_one' if kind == 'choice' else 'select_multiple'} {field['id']}"
    else:
        cells["type"] = _TYPE_OF_FIELD[kind]
    if kind == "note":
        cells["appearance"] = "multiline"
    for key, field_key, translated in _SURVEY_COLUMNS:
        value = field.get(field_key)
        if value is None:
            continue
        if translated:
            assert isinstance(value, dict)
            cells |= _text_cells(key, value, languages)
        elif field_key == "required":
            cells[key] = "yes" if value is True else xlsform_expression(str(value), repeated)
        elif field_key in _EXPRESSION_KEYS:
            cells[key] = xlsform_expression(str(value), repeated)
        else:
            cells[key] = value
    return cells


def _text_cells(key: str, text: object, languages: list[str]) -> dict[str, object]:
    if not isinstance(text, dict):
        return {}
    return {
        language_column(key, language): value
        for language, value in text.items()
        if language in languages
    }


def _headers(key: str, languages: Iterable[str]) -> list[str]:
    return [language_column(key, language) for language in languages]


def _list(value: object) -> list[dict[str, Any]]:
    """A list of JSON objects (the definition is decoded JSON the loader accepted)."""
    assert isinstance(value, list)
    return value


def main(paths: list[str]) -> int:
    """Write each JSON form named as an .xlsx beside it."""
    for name in paths:
        path = Path(name)
        definition_to_workbook(
            json.loads(path.read_text(encoding="utf-8")), path.with_suffix(".xlsx")
        )
        print(f"{path} -> {path.with_suffix('.xlsx')}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
