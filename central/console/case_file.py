"""One application as an officer reads it: answers in form order with their labels,
the identity check, the documents to bring and what happened to it since.

The answers are shown exactly as the kiosk stored them, worded for the
officer: choice labels, addresses and yes/no in the officer's language. The
rules (which documents, which answers were asked at all) come from the
kiosk's own form code evaluated on the answers, so the officer sees what the
applicant saw.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from central.database import Connection
from central.errors import not_found
from central.form_registry import parsed_definition
from central.personal_data import DataProtection
from kiosk.forms import (
    DependencyCycleError,
    Field,
    FieldType,
    FormDefinition,
    RegionTree,
    evaluate_form,
    load_regions,
    relevant_documents,
)
from resources import REGIONS_FILE

Translate = Callable[[str], str]


@dataclass(frozen=True)
class AnswerLine:
    """One question and its answer, worded for the officer."""

    field_id: str
    label: str
    answer: str
    heading: bool = False
    """A line naming one item of a repeating group ("Household member 2"), the
    lines of its answers following it."""


@dataclass(frozen=True)
class HistoryLine:
    """One status change the application went through."""

    status: str
    note: dict[str, str]
    changed_at: str


@dataclass(frozen=True)
class CaseFile:
    """Everything the detail page shows."""

    uuid: str
    tracking_number: str
    form_id: str
    form_version: int
    form_title: str
    kiosk_code: str
    township: str | None
    language: str
    submitted_at: str
    received_at: str
    assisted: bool
    status: str | None
    due_on: str | None
    identity: dict[str, Any] | None
    answers: tuple[AnswerLine, ...]
    documents: tuple[str, ...]
    """The documents these answers call for, in the officer's language."""
    document_choices: tuple[tuple[str, str], ...]
    """Every document the form knows: (in the applicant's language, in the officer's),
    for naming every missing one in the applicant's language."""
    history: tuple[HistoryLine, ...]


@cache
def _regions() -> RegionTree:
    return load_regions(REGIONS_FILE)


def form_definition(connection: Connection, form_id: str, version: int) -> FormDefinition:
    """A published form version, parsed by the kiosk's own loader."""
    rows = connection.query(
        "SELECT sha256 FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
    )
    if not rows:
        raise not_found(f"form {form_id} version {version}")
    digest = str(rows[0][0])
    if digest not in _BY_DIGEST:  # a published text never changes: read it once
        text = connection.query(
            "SELECT definition FROM forms WHERE form_id = ? AND version = ?", [form_id, version]
        )
        _BY_DIGEST[digest] = parsed_definition(str(text[0][0]))
    return _BY_DIGEST[digest]


_BY_DIGEST: dict[str, FormDefinition] = {}
"""Parsed definitions by the SHA-256 of their published text (a few, never changing)."""


def read_case_file(
    connection: Connection,
    uuid: str,
    language: str,
    translate: Translate,
    protection: DataProtection,
) -> CaseFile:
    """The application ``uuid`` worded in ``language`` (the officer's)."""
    rows = connection.query(
        "SELECT a.uuid, a.tracking_number, a.form_id, a.form_version, a.kiosk_code, k.township,"
        " a.language, a.submitted_at, a.received_at, a.assisted, a.status, a.due_on,"
        " a.identity, a.answers FROM applications a JOIN kiosks k ON k.code = a.kiosk_code"
        " WHERE a.uuid = ?",
        [uuid],
    )
    if not rows:
        raise not_found(f"application {uuid}")
    row = rows[0]
    form = form_definition(connection, str(row[2]), int(row[3]))
    answers: dict[str, object] = json.loads(protection.open(str(row[0]), str(row[13])))
    submitted_day = date.fromisoformat(str(row[7])[:10])
    return CaseFile(
        uuid=str(row[0]),
        tracking_number=str(row[1]),
        form_id=form.id,
        form_version=form.version,
        form_title=form.title.get(language, form.languages),
        kiosk_code=str(row[4]),
        township=None if row[5] is None else str(row[5]),
        language=str(row[6]),
        submitted_at=str(row[7]),
        received_at=str(row[8]),
        assisted=bool(row[9]),
        status=None if row[10] is None else str(row[10]),
        due_on=None if row[11] is None else str(row[11]),
        identity=None if row[12] is None else json.loads(str(row[12])),
        answers=_answer_lines(form, answers, language, translate),
        documents=_documents(form, answers, submitted_day, language),
        document_choices=tuple(
            (
                document.text.get(str(row[6]), form.languages),
                document.text.get(language, form.languages),
            )
            for document in form.documents
        ),
        history=_history(connection, uuid),
    )


def _answer_lines(
    form: FormDefinition, answers: dict[str, object], language: str, translate: Translate
) -> tuple[AnswerLine, ...]:
    """Every answered question in form order (unanswered, irrelevant ones left out);
    a repeating group as its number of items, then each item's answers under its name."""
    lines: list[AnswerLine] = []
    for field in form.fields():
        if field.id not in answers or field.type is FieldType.NOTE:
            continue
        if not field.repeats:
            answer = answer_text(field, answers[field.id], language, translate)
            lines.append(AnswerLine(field.id, field.label_in(language), answer))
            continue
        items = group_items(answers[field.id])
        lines.append(AnswerLine(field.id, field.label_in(language), str(len(items))))
        for number, item in enumerate(items, start=1):
            lines.append(AnswerLine(field.id, field.item_label_in(language, number), "", True))
            lines += [
                AnswerLine(
                    inner.id,
                    inner.label_in(language),
                    answer_text(inner, item[inner.id], language, translate),
                )
                for inner in field.fields
                if inner.id in item and inner.type is not FieldType.NOTE
            ]
    return tuple(lines)


def group_items(value: object) -> list[dict[str, object]]:
    """A repeating group's stored items (anything else in its place reads as none)."""
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, dict)]


def answer_text(field: Field, value: object, language: str, translate: Translate) -> str:
    """A stored answer as words: choice labels, place names, yes/no, a unit."""
    if value is None or value == [] or value == "":
        return translate("(not answered)")
    labels = {choice.value: choice.label_in(language) for choice in field.choices}
    if field.type is FieldType.CHOICE:
        return labels.get(str(value), str(value))
    if field.type is FieldType.MULTI_CHOICE and isinstance(value, list):
        return translate(", ").join(labels.get(str(item), str(item)) for item in value)
    if field.type in (FieldType.YES_NO, FieldType.CONSENT):
        return translate("Yes") if value else translate("No")
    if field.type is FieldType.ADDRESS and isinstance(value, list):
        return " / ".join(_regions().names([str(code) for code in value], language, ("zh_CN",)))
    if field.type is FieldType.NUMBER and field.unit is not None:
        return f"{value} {field.unit.get(language, ('zh_CN',))}".strip()
    return str(value)


def _documents(
    form: FormDefinition, answers: dict[str, object], today: date, language: str
) -> tuple[str, ...]:
    """The documents these answers call for, as the kiosk listed them to the applicant."""
    try:
        state = evaluate_form(form, answers, today)
    except DependencyCycleError:  # a published form never has one; show none rather than fail
        return ()
    return tuple(
        document.text.get(language, form.languages) for document in relevant_documents(form, state)
    )


def _history(connection: Connection, uuid: str) -> tuple[HistoryLine, ...]:
    rows = connection.query(
        "SELECT status, note, changed_at FROM status_updates WHERE application_uuid = ?"
        " ORDER BY id",
        [uuid],
    )
    return tuple(
        HistoryLine(status=str(row[0]), note=json.loads(str(row[1])), changed_at=str(row[2]))
        for row in rows
    )


def service_titles(connection: Connection, language: str) -> dict[str, str]:
    """Each service's title in ``language`` (from its newest published version), by form id."""
    rows = connection.query(
        "SELECT f.form_id, f.version FROM forms f WHERE f.version ="
        " (SELECT MAX(g.version) FROM forms g WHERE g.form_id = f.form_id)"
    )
    titles = {}
    for form_id, version in rows:
        form = form_definition(connection, str(form_id), int(version))
        titles[form.id] = form.title.get(language, form.languages)
    return titles
