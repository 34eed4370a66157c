"""Applications of one service as rows, answers flattened into one column per question.

Rows are read in keyset batches, each in its own short transaction, and
written out as they come: an export of a hundred thousand applications holds
one batch in memory, never the whole table. CSV (UTF-8 with a byte order
mark, so a spreadsheet opens Chinese and Uyghur text correctly) and XLSX
(openpyxl's write-only mode) share the same rows.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from openpyxl import Workbook

from central.console.case_file import Translate, answer_text, form_definition, group_items
from central.database import Database
from central.personal_data import DataProtection
from kiosk.forms import Field, FieldType, FormDefinition

BATCH = 2000
ITEM_SEPARATOR = " | "
"""Between the items' answers in a repeating group's question column."""
_FIXED = ("tracking_number", "kiosk", "township", "received_at", "status", "due_on", "assisted")


@dataclass(frozen=True)
class ExportQuery:
    """Which applications: one service, optionally townships and a date range."""

    form_id: str
    townships: tuple[str, ...] = ()
    received_from: date | None = None
    received_to: date | None = None


def _latest_form(database: Database, form_id: str) -> FormDefinition:
    with database.transaction() as connection:
        rows = connection.query("SELECT MAX(version) FROM forms WHERE form_id = ?", [form_id])
        if not rows or rows[0][0] is None:
            raise LookupError(form_id)
        return form_definition(connection, form_id, int(rows[0][0]))


def _columns(form: FormDefinition) -> list[Field]:
    """The questions with a column each, in form order: a repeating group's count
    column is followed by one column per question of its items."""
    columns: list[Field] = []
    for field in form.fields():
        if field.type is not FieldType.NOTE:
            columns.append(field)
            columns += [inner for inner in field.fields if inner.type is not FieldType.NOTE]
    return columns


def header(form: FormDefinition, language: str) -> list[str]:
    """The column titles: the fixed columns, then each question's label."""
    return [*_FIXED, *(field.label_in(language) for field in _columns(form))]


def _cell(
    form: FormDefinition,
    field: Field,
    answers: dict[str, object],
    language: str,
    translate: Translate,
) -> str:
    """One answer as its cell. A repeating group's column holds its number of items,
    and each of its questions' column every item's answer in item order, joined by
    " | " (an unanswered one left empty), so a row stays one application."""
    group = form.group_of(field.id)
    if group is not None:
        items = group_items(answers.get(group.id))
        return ITEM_SEPARATOR.join(
            answer_text(field, item[field.id], language, translate) if field.id in item else ""
            for item in items
        )
    if field.id not in answers:
        return ""
    if field.repeats:
        return str(len(group_items(answers[field.id])))
    return answer_text(field, answers[field.id], language, translate)


def rows(
    database: Database,
    query: ExportQuery,
    language: str,
    translate: Translate,
    protection: DataProtection,
) -> Iterator[list[str]]:
    """The header, then one row per application, oldest first, read in batches."""
    form = _latest_form(database, query.form_id)
    fields = _columns(form)
    yield header(form, language)
    after = ("", "")
    while True:
        batch = _batch(database, query, after)
        for row in batch:
            answers = json.loads(protection.open(str(row[0]), str(row[8])))
            yield [
                *(("" if value is None else str(value)) for value in row[1:7]),
                "1" if row[7] else "0",
                *(_cell(form, field, answers, language, translate) for field in fields),
            ]
        if len(batch) < BATCH:
            return
        after = (str(batch[-1][4]), str(batch[-1][0]))


def _batch(
    database: Database, query: ExportQuery, after: tuple[str, str]
) -> Sequence[tuple[object, ...]]:
    """The next batch in arrival order: a range of the (form_id, received_at, uuid) index."""
    where = ["a.form_id = ?", "(a.received_at, a.uuid) > (?, ?)"]
    params: list[object] = [query.form_id, *after]
    if query.townships:
        where.append(f"k.township IN ({', '.join('?' for _ in query.townships)})")
        params.extend(query.townships)
    if query.received_from is not None:
        where.append("a.received_at >= ?")
        params.append(query.received_from.isoformat())
    if query.received_to is not None:
        where.append("a.received_at < ?")
        params.append(f"{query.received_to.isoformat()}T99")
    with database.transaction() as connection:
        return connection.query(
            "SELECT a.uuid, a.tracking_number, a.kiosk_code, k.township, a.received_at,"
            " a.status, a.due_on, a.assisted, a.answers FROM applications a"
            f" JOIN kiosks k ON k.code = a.kiosk_code WHERE {' AND '.join(where)}"
            " ORDER BY a.received_at, a.uuid LIMIT ?",
            [*params, BATCH],
        )


def csv_chunks(lines: Iterator[list[str]]) -> Iterator[bytes]:
    """CSV text in chunks of a batch, starting with a byte order mark."""
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for count, line in enumerate(lines, start=1):
        writer.writerow(line)
        if count % BATCH == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def xlsx_chunks(lines: Iterator[list[str]]) -> Iterator[bytes]:
    """An XLSX workbook of the rows, written row by row (openpyxl's write-only mode).

    The zip directory comes last in the file, so the workbook is finished in a
    spooled temporary file (memory up to 8 MiB, then disk) and sent from there.
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet("applications")
    for line in lines:
        sheet.append(line)
    with tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024) as target:
        book.save(target)
        target.seek(0)
        while chunk := target.read(256 * 1024):
            yield chunk
