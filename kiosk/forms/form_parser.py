"""Turning the decoded JSON of a form file into a checked FormDefinition.

Every rule of docs/forms.md is checked here, and every problem is reported
with the field it belongs to, so a refused file can be fixed in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kiosk.forms.definition_problems import FormDefinitionError
from kiosk.forms.definition_reader import DefinitionReader, Location
from kiosk.forms.field_parser import read_field
from kiosk.forms.model import (
    MAX_FORM_VERSION,
    Calculation,
    Document,
    Field,
    FormDefinition,
    Page,
)
from kiosk.forms.reference_checks import check_references

_FORM_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:_[A-Za-z0-9]{2,8})*")
_ICON = re.compile(r"[a-z0-9][a-z0-9_-]*")
_TOP_KEYS = frozenset(
    {
        "id",
        "version",
        "languages",
        "title",
        "summary",
        "icon",
        "processing_days",
        "calculate",
        "pages",
        "documents",
    }
)
_TOP = Location()


def parse_form(data: object, source: str) -> FormDefinition:
    """The form described by decoded JSON `data`; FormDefinitionError lists every problem.

    `source` names the file (or bundle entry) in the messages.
    """
    reader = DefinitionReader(source)
    if not isinstance(data, dict):
        reader.report(_TOP, "must be a JSON object")
        raise FormDefinitionError(reader.problems)
    reader.check_keys(data, _TOP, _TOP_KEYS, required=("id", "version", "languages", "title"))
    form_id = _form_id(reader, data)
    version = reader.whole_number(data, "version", _TOP, minimum=1, maximum=MAX_FORM_VERSION)
    reader.languages = _languages(reader, data)
    title = reader.optional_text(data, "title", _TOP)
    summary = reader.optional_text(data, "summary", _TOP)
    icon = _icon(reader, data)
    processing_days = reader.whole_number(data, "processing_days", _TOP)
    calculations = _calculations(reader, data)
    pages = _pages(reader, data)
    fields = [item for page in pages for item in page.fields]
    field_ids = _declared_ids(data.get("pages"), "fields")
    field_ids += _declared_ids(_group_entries(data.get("pages")), "fields")
    calculation_ids = _declared_ids([data], "calculate")
    _check_unique_names(reader, field_ids, calculation_ids)
    _check_shared_keys(reader, fields)
    documents = _documents(reader, data)
    declared = set(field_ids) | set(calculation_ids)
    check_references(reader, fields, calculations, documents, declared)
    if reader.problems or form_id is None or version is None or title is None:
        raise FormDefinitionError(reader.problems)
    return FormDefinition(
        id=form_id,
        version=version,
        languages=reader.languages,
        title=title,
        summary=summary,
        icon=icon,
        processing_days=processing_days,
        pages=tuple(pages),
        calculations=tuple(calculations),
        documents=tuple(documents),
    )


def _form_id(reader: DefinitionReader, data: Mapping[str, object]) -> str | None:
    value = data.get("id")
    if value is None:
        return None  # reported as missing by check_keys
    if not isinstance(value, str) or not _FORM_ID.fullmatch(value):
        reader.report(
            _TOP,
            f"'id' must be lower-case letters, digits and single '-' between them (got {value!r})",
        )
        return None
    return value


def _languages(reader: DefinitionReader, data: Mapping[str, object]) -> tuple[str, ...]:
    value = data.get("languages")
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        reader.report(_TOP, "'languages' must be a non-empty list of language codes")
        return ()
    languages: list[str] = []
    for language in value:
        if not isinstance(language, str) or not _LANGUAGE.fullmatch(language):
            reader.report(_TOP, f"'languages': {language!r} is not a language code like 'zh_CN'")
        elif language in languages:
            reader.report(_TOP, f"'languages': '{language}' appears twice")
        else:
            languages.append(language)
    return tuple(languages)


def _icon(reader: DefinitionReader, data: Mapping[str, object]) -> str | None:
    value = data.get("icon")
    if value is None:
        return None
    if not isinstance(value, str) or not _ICON.fullmatch(value):
        reader.report(_TOP, f"'icon' must be an icon name like 'pension' (got {value!r})")
        return None
    return value


def _calculations(reader: DefinitionReader, data: Mapping[str, object]) -> list[Calculation]:
    calculations: list[Calculation] = []
    seen: set[str] = set()
    for position, entry in enumerate(reader.object_list(data, "calculate", _TOP, False), 1):
        calculation_id = reader.identifier(
            entry, "id", Location(prefix=f"calculation {position}: ")
        )
        at = Location(prefix=f"calculation '{calculation_id or position}': ")
        reader.check_keys(entry, at, {"id", "expression"}, required=("expression",))
        expression = reader.expression(entry, "expression", at)
        if calculation_id is None or expression is None:
            continue
        if calculation_id in seen:
            reader.report(at, "duplicate calculation id")
            continue
        seen.add(calculation_id)
        calculations.append(Calculation(calculation_id, expression))
    return calculations


def _pages(reader: DefinitionReader, data: Mapping[str, object]) -> list[Page]:
    pages: list[Page] = []
    seen: set[str] = set()
    for position, entry in enumerate(reader.object_list(data, "pages", _TOP, True), 1):
        page_id = reader.identifier(entry, "id", Location(prefix=f"page {position}: "))
        at = Location(prefix=f"page '{page_id or position}': ")
        reader.check_keys(entry, at, {"id", "title", "fields"}, required=("fields",))
        title = reader.optional_text(entry, "title", at)
        fields = _page_fields(reader, entry, at)
        if page_id is None:
            continue
        if page_id in seen:
            reader.report(at, "duplicate page id")
            continue
        seen.add(page_id)
        pages.append(Page(page_id, tuple(fields), title))
    return pages


def _page_fields(
    reader: DefinitionReader, entry: Mapping[str, object], at: Location
) -> list[Field]:
    fields: list[Field] = []
    for position, field_data in enumerate(reader.object_list(entry, "fields", at, True), 1):
        item = read_field(reader, field_data, at, position)
        if item is not None:
            fields.append(item)
    return fields


def _group_entries(pages: object) -> list[object]:
    """The entries of the repeating groups on the pages, for their questions' ids."""
    entries = _entries(pages, "fields")
    return [entry for entry in entries if entry.get("type") == "repeat"]


def _entries(parents: object, key: str) -> list[dict[str, object]]:
    """Every object under `parents[*][key][*]`, whatever else is wrong with the file."""
    if not isinstance(parents, list):
        return []
    found: list[dict[str, object]] = []
    for parent in parents:
        entries = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(entries, list):
            found += [entry for entry in entries if isinstance(entry, dict)]
    return found


def _declared_ids(parents: object, key: str) -> list[str]:
    """Every string id under `parents[*][key][*]["id"]`, readable or not otherwise."""
    ids = [entry.get("id") for entry in _entries(parents, key)]
    return [value for value in ids if isinstance(value, str)]


def _check_shared_keys(reader: DefinitionReader, fields: list[Field]) -> None:
    """A shared key names one answer of the form (so it is clear which answer carries
    over), and a group's questions share only inside a group that is shared itself."""
    seen: dict[str, str] = {}
    for item in (*fields, *(inner for group in fields for inner in group.fields)):
        if item.shared is None:
            continue
        if item.shared in seen:
            reader.report(
                Location(field_id=item.id),
                f"shared key '{item.shared}' is already field '{seen[item.shared]}''s",
            )
        seen.setdefault(item.shared, item.id)
    for group in fields:
        for inner in group.fields:
            if inner.shared is not None and group.shared is None:
                reader.report(
                    Location(field_id=inner.id),
                    f"'shared' of a question of repeating group '{group.id}', which has no"
                    " 'shared' key of its own: its items would never carry over",
                )


def _check_unique_names(
    reader: DefinitionReader, field_ids: list[str], calculation_ids: list[str]
) -> None:
    seen: set[str] = set()
    for field_id in field_ids:
        if field_id in seen:
            reader.report(Location(field_id=field_id), "duplicate field id")
        seen.add(field_id)
    for calculation_id in dict.fromkeys(calculation_ids):
        if calculation_id in seen:
            reader.report(
                Location(prefix=f"calculation '{calculation_id}': "),
                f"duplicate id: field '{calculation_id}' already has it",
            )


def _documents(reader: DefinitionReader, data: Mapping[str, object]) -> list[Document]:
    documents: list[Document] = []
    seen: set[str] = set()
    for position, entry in enumerate(reader.object_list(data, "documents", _TOP, False), 1):
        document_id = reader.identifier(entry, "id", Location(prefix=f"document {position}: "))
        at = Location(prefix=f"document '{document_id or position}': ")
        reader.check_keys(entry, at, {"id", "text", "relevant"}, required=("text",))
        text = reader.optional_text(entry, "text", at)
        relevant = reader.expression(entry, "relevant", at)
        if document_id is None or text is None:
            continue
        if document_id in seen:
            reader.report(at, "duplicate document id")
            continue
        seen.add(document_id)
        documents.append(Document(document_id, text, relevant))
    return documents
