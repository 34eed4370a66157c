"""Reading an XLSForm workbook into the kiosk's form definition.

Administrators of data-collection systems write forms in XLSForm (a
spreadsheet with ``survey``, ``choices`` and ``settings`` sheets). This
module turns one into the JSON definition of docs/forms.md and checks it
with the same loader the kiosk uses, so an imported form is exactly as
valid as a hand-written one.

What the kiosk cannot express is refused, never dropped: every problem
names the sheet, row and column and says why (docs/forms.md has the table
of XLSForm features and what becomes of each). The workbook is bounded
before it is read: its size, the uncompressed size of the zip members (a
zip bomb is refused before openpyxl opens it), rows, columns and the
length of a cell.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from kiosk.forms.definition_problems import FormDefinitionError, FormProblem
from kiosk.forms.definition_reader import NAME_PATTERN
from kiosk.forms.form_parser import parse_form
from kiosk.forms.xlsform_spelling import (
    TRANSLATED_KEYS,
    XLSFormExpressionError,
    kiosk_expression,
    language_code,
    language_column,
    split_header,
)

MAX_FILE_BYTES = 2 * 1024 * 1024
"""A workbook larger than this is refused unread (the samples are about 30 KB)."""
MAX_UNCOMPRESSED_BYTES = 20 * 1024 * 1024
"""The zip members together, as declared; Python's zip reader never inflates past that."""
MAX_MEMBERS = 200
MAX_ROWS = 2000
MAX_COLUMNS = 60
MAX_CELL_CHARS = 4000

SHEETS = ("survey", "choices", "settings", "kiosk_documents")

#: Column keys each sheet reads (translated ones once per language).
_SURVEY_KEYS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "required",
        "relevant",
        "constraint",
        "constraint_message",
        "calculation",
        "appearance",
        "kiosk::prefill",
        "kiosk::min",
        "kiosk::max",
        "kiosk::pattern",
        "kiosk::levels",
        "kiosk::unit",
        "kiosk::label_simple",
        "kiosk::hint_simple",
        "kiosk::item_label",
        "kiosk::shared",
        "repeat_count",
    }
)
_CHOICES_KEYS = frozenset({"list_name", "name", "label", "kiosk::label_simple", "kiosk::exclusive"})
_SETTINGS_KEYS = frozenset(
    {
        "form_id",
        "version",
        "form_title",
        "default_language",
        "kiosk::summary",
        "kiosk::icon",
        "kiosk::processing_days",
    }
)
_DOCUMENTS_KEYS = frozenset({"name", "label", "relevant"})
_KEYS_OF_SHEET = {
    "survey": _SURVEY_KEYS,
    "choices": _CHOICES_KEYS,
    "settings": _SETTINGS_KEYS,
    "kiosk_documents": _DOCUMENTS_KEYS,
}

#: XLSForm columns the kiosk knows of but cannot honour, and why.
_REFUSED_COLUMNS = {
    "choice_filter": (
        "the kiosk asks addresses with the 'kiosk:address' type from the shared region list "
        "(resources/regions/regions.json); a cascade of choice lists filtered by earlier "
        "answers cannot be expressed"
    ),
    "required_message": "the kiosk words the message for a missing answer, in every language",
    "default": "the kiosk fills answers only from the ID card (kiosk::prefill)",
    "read_only": "every kiosk question can be answered",
    "trigger": "the kiosk recalculates on every answer",
    "parameters": "no kiosk question type takes parameters",
    "guidance_hint": "the kiosk has one hint (hint) and a simpler one (kiosk::hint_simple)",
    "media::image": "the kiosk shows no pictures in questions",
    "media::audio": "the kiosk reads questions aloud itself",
    "media::video": "the kiosk shows no videos",
    "image": "the kiosk shows no pictures in questions",
    "audio": "the kiosk reads questions aloud itself",
    "video": "the kiosk shows no videos",
    "public_key": "the kiosk seals applications with its own keys",
    "submission_url": "the kiosk sends applications to its central platform",
    "instance_name": "the kiosk names applications by their tracking number",
    "style": "the kiosk lays out every form the same way",
}

#: XLSForm question types the kiosk refuses, and why.
_REFUSED_TYPES = {
    "note": (
        "an XLSForm note shows text without asking anything, and the kiosk has no screen "
        "that asks nothing (a kiosk 'note' is a free-text answer: write it as text with "
        "appearance multiline)"
    ),
    "audio": "the kiosk records no sound",
    "video": "the kiosk records no video",
    "file": "the kiosk takes no files",
    "background-audio": "the kiosk records no sound",
    "geopoint": "the kiosk asks for an address (kiosk:address), not a location",
    "geotrace": "the kiosk asks for an address (kiosk:address), not a location",
    "geoshape": "the kiosk asks for an address (kiosk:address), not a location",
    "barcode": "the kiosk reads ID cards itself (kiosk::prefill)",
    "time": "no kiosk question asks for a time of day",
    "datetime": "no kiosk question asks for a time of day",
    "range": "write a decimal or integer with kiosk::min and kiosk::max",
    "rank": "no kiosk question ranks choices",
    "hidden": "every kiosk value is a question or a calculation",
    "select_one_from_file": "choices must be on the choices sheet",
    "select_multiple_from_file": "choices must be on the choices sheet",
    **dict.fromkeys(
        ("start", "end", "today", "deviceid", "phonenumber", "username", "email", "audit"),
        "the kiosk records its own times and device; metadata questions have no place in it",
    ),
}

#: Question types with one word in the type column, and their kiosk field.
_SIMPLE_TYPES: Mapping[str, dict[str, object]] = {
    "text": {"type": "text"},
    "integer": {"type": "number", "integer": True},
    "decimal": {"type": "number"},
    "date": {"type": "date"},
    "acknowledge": {"type": "consent"},
    "kiosk:yes_no": {"type": "yes_no"},
    "kiosk:phone": {"type": "phone"},
    "kiosk:id_number": {"type": "id_number"},
    "kiosk:address": {"type": "address"},
    "image": {"type": "image"},
}
_SELECT_TYPES = {"select_one": "choice", "select_multiple": "multi_choice"}
_GROUP_SPELLINGS = {
    "begin_group": "begin_group",
    "begin group": "begin_group",
    "end_group": "end_group",
    "end group": "end_group",
    "begin_repeat": "begin_repeat",
    "begin repeat": "begin_repeat",
    "end_repeat": "end_repeat",
    "end repeat": "end_repeat",
}

#: Survey columns a row of each kind may fill.
_CALCULATE_KEYS = frozenset({"type", "name", "calculation"})
_GROUP_KEYS = frozenset({"type", "name", "label"})
_REPEAT_KEYS = frozenset(
    {
        "type",
        "name",
        "label",
        "hint",
        "relevant",
        "repeat_count",
        "kiosk::min",
        "kiosk::max",
        "kiosk::item_label",
        "kiosk::label_simple",
        "kiosk::hint_simple",
        "kiosk::shared",
    }
)
_QUESTION_KEYS = _SURVEY_KEYS - {"calculation", "repeat_count", "kiosk::item_label"}

_TRUE_WORDS = frozenset({"yes", "true", "true()", "1"})
_FALSE_WORDS = frozenset({"no", "false", "false()", "0"})
_INTEGER = re.compile(r"-?[0-9]+")
_LOADER_PLACE = re.compile(r"(calculation|page|document) '([^']+)': ")
_FORM_KEY = re.compile(r"'([a-z_]+)' ")
#: The settings column of each key of the definition's top level.
_SETTING_OF_KEY = {
    "id": "form_id",
    "version": "version",
    "title": "form_title",
    "summary": "kiosk::summary",
    "icon": "kiosk::icon",
    "processing_days": "kiosk::processing_days",
}
_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")


@dataclass(frozen=True)
class _OpenRepeat:
    """A begin_repeat read, whose questions are being collected until end_repeat."""

    row: Row
    field: dict[str, object]

    @property
    def questions(self) -> list[dict[str, object]]:
        """The group's questions read so far (the list inside the field)."""
        fields = self.field["fields"]
        assert isinstance(fields, list)
        return fields


@dataclass(frozen=True)
class XLSFormProblem(FormProblem):
    """A problem in a workbook, at a sheet, row and column when it has a place."""

    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        place = [f"sheet '{self.sheet}'"] if self.sheet else []
        if self.row is not None:
            place.append(f"row {self.row}")
        if self.column is not None:
            place.append(f"column '{self.column}'" + (f" ({self.cell})" if self.cell else ""))
        where = ", ".join(place)
        return f"{self.source}: {where}: {self.message}" if where else super().__str__()


@dataclass(frozen=True)
class Cell:
    """A non-empty cell: its text, header and spreadsheet reference."""

    text: str
    header: str
    reference: str


@dataclass
class Row:
    """One row of a sheet: its number and its non-empty cells by (key, language)."""

    number: int
    cells: dict[tuple[str, str | None], Cell] = field(default_factory=dict)

    def get(self, key: str) -> Cell | None:
        """The untranslated cell ``key``, if filled."""
        return self.cells.get((key, None))


@dataclass
class Sheet:
    """A sheet's rows after the header, and the languages its columns carry."""

    name: str
    rows: list[Row]
    columns: dict[tuple[str, str | None], str]


def xlsform_to_definition(
    workbook: str | Path | bytes, source: str | None = None
) -> dict[str, object]:
    """The kiosk's form definition (a JSON-ready dict) from an XLSForm workbook.

    ``workbook`` is a path or the file's bytes (an upload); ``source`` names
    it in messages (by default the file's base name). Raises
    FormDefinitionError whose problems are :class:`XLSFormProblem` where
    they have a place in the workbook, naming every problem found.
    """
    if isinstance(workbook, bytes):
        name = source or "workbook.xlsx"
        data = workbook
    else:
        path = Path(workbook)
        name = source or path.name
        data = _read_bounded(path, name)
    return _Converter(name).convert(data)


def _read_bounded(path: Path, source: str) -> bytes:
    """The file's bytes, one past the bound at most (then refused by the size check)."""
    try:
        with path.open("rb") as file:
            return file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise FormDefinitionError(
            [FormProblem(source, None, f"cannot be read: {error.strerror}")]
        ) from error


def _refuse(source: str, message: str) -> NoReturn:
    raise FormDefinitionError([FormProblem(source, None, message)])


def _check_archive(data: bytes, source: str) -> None:
    """Refuse what is no workbook, or would inflate past the bounds, before openpyxl reads it."""
    if len(data) > MAX_FILE_BYTES:
        _refuse(source, f"is larger than the {MAX_FILE_BYTES} bytes a form may have")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        _refuse(source, "is not an .xlsx workbook (not a zip archive)")
    if len(members) > MAX_MEMBERS:
        _refuse(source, f"has {len(members)} parts, more than the {MAX_MEMBERS} a workbook needs")
    inflated = sum(member.file_size for member in members)
    if inflated > MAX_UNCOMPRESSED_BYTES:
        _refuse(
            source,
            f"would unpack to {inflated} bytes, more than {MAX_UNCOMPRESSED_BYTES} "
            "(a compressed bomb, not a form)",
        )


class _Converter:
    """One workbook's conversion, collecting every problem on the way."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[FormProblem] = []
        self.default_language: str | None = None
        self.languages: list[str] = []
        self.rows_of_name: dict[str, Row] = {}
        self.used_lists: set[str] = set()
        self.document_rows: dict[str, Row] = {}
        self.settings_row: int | None = None

    # -- problems ------------------------------------------------------------

    def refuse(self, sheet: str | None, row: int | None, cell: Cell | None, message: str) -> None:
        """Note a problem at a cell (or a row, or a sheet)."""
        self.problems.append(
            XLSFormProblem(
                self.source,
                None,
                message,
                sheet,
                row,
                cell.header if cell else None,
                cell.reference if cell else None,
            )
        )

    def refuse_column(self, sheet: str, row: Row, header: str, message: str) -> None:
        """Note a problem in a column a row leaves empty (or a sheet lacks)."""
        self.problems.append(XLSFormProblem(self.source, None, message, sheet, row.number, header))

    # -- reading -------------------------------------------------------------

    def convert(self, data: bytes) -> dict[str, object]:
        """The definition, checked by the kiosk's loader, or FormDefinitionError."""
        _check_archive(data, self.source)
        sheets = self.read_workbook(data)
        definition = self.definition(sheets)
        if self.problems:
            raise FormDefinitionError(self.problems)
        try:
            parse_form(definition, self.source)
        except FormDefinitionError as error:
            raise FormDefinitionError(self.placed(error.problems)) from error
        return definition

    def read_workbook(self, data: bytes) -> dict[str, Sheet]:
        """Every sheet the kiosk reads; sheets it does not are refused unless empty."""
        import openpyxl

        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                raw = {name: self.read_cells(name, book[name]) for name in book.sheetnames}
            finally:
                book.close()
        except Exception as error:
            # A damaged part fails inside openpyxl or the XML parser with
            # whatever they raise (ParseError, TypeError, KeyError, defusedxml's
            # refusals...); all of them mean the same to the administrator.
            _refuse(self.source, f"is not a readable .xlsx workbook ({type(error).__name__})")
        for name, rows in raw.items():
            if name not in SHEETS and any(rows):
                self.refuse(name, None, None, f"sheet '{name}' is not one the kiosk reads")
        if "survey" not in raw:
            self.refuse(None, None, None, "there is no 'survey' sheet")
        self.default_language = self.default_language_of(raw.get("settings", []))
        return {name: self.sheet(name, raw.get(name, [])) for name in SHEETS}

    def default_language_of(self, settings: list[list[object]]) -> str | None:
        """The language of untranslated columns (``label``), from settings' default_language.

        It is read before any sheet's headers, the settings' own included.
        """
        headers = [_cell_text(value) for value in settings[0]] if settings else []
        if "default_language" not in headers or len(settings) < 2:
            return None
        index = headers.index("default_language")
        written = _cell_text(settings[1][index]) if index < len(settings[1]) else None
        if written is None:
            return None
        cell = Cell(written, "default_language", f"{_letter(index)}2")
        return self.language("settings", 2, cell, written)

    def read_cells(self, sheet: str, worksheet: object) -> list[list[object]]:
        """The values of a sheet, within the bounds on rows, columns and cell length."""
        rows: list[list[object]] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):  # type: ignore[attr-defined]
            if number > MAX_ROWS:
                self.refuse(sheet, number, None, f"a sheet may have at most {MAX_ROWS} rows")
                break
            cells = list(values)
            while cells and cells[-1] in (None, ""):
                cells.pop()
            if len(cells) > MAX_COLUMNS:
                self.refuse(sheet, number, None, f"a row may have at most {MAX_COLUMNS} columns")
                cells = cells[:MAX_COLUMNS]
            rows.append(cells)
        return rows

    def sheet(self, name: str, values: list[list[object]]) -> Sheet:
        """A sheet's rows by column key; unknown or refused columns are reported where filled."""
        if not values:
            return Sheet(name, [], {})
        headers = [_cell_text(value) for value in values[0]]
        columns: dict[int, tuple[str, str | None]] = {}
        seen: dict[tuple[str, str | None], str] = {}
        for index, header in enumerate(headers):
            if header is None:
                continue
            key, language_part = split_header(header)
            language: str | None = None
            if language_part is not None:
                language = self.language(name, 1, _header_cell(header, index), language_part)
                if language is None:
                    continue
            elif key in TRANSLATED_KEYS:
                language = self.default_language
                if language is None:
                    self.refuse(
                        name,
                        1,
                        _header_cell(header, index),
                        f"say which language '{header}' is in ({key}::English (en)), "
                        "or set default_language on the settings sheet",
                    )
                    continue
            if (key, language) in seen:
                self.refuse(
                    name, 1, _header_cell(header, index), f"same column as '{seen[key, language]}'"
                )
                continue
            seen[key, language] = header
            columns[index] = (key, language)
        rows = [
            self.row(name, number, values[number - 1], headers, columns)
            for number in range(2, len(values) + 1)
        ]
        return Sheet(name, [row for row in rows if row.cells], seen)

    def row(
        self,
        sheet: str,
        number: int,
        values: list[object],
        headers: list[str | None],
        columns: dict[int, tuple[str, str | None]],
    ) -> Row:
        """One row's filled cells, each checked for length and for a column the kiosk reads."""
        row = Row(number)
        for index, value in enumerate(values):
            text = _cell_text(value)
            if text is None:
                continue
            reference = f"{_letter(index)}{number}"
            header = headers[index] if index < len(headers) else None
            if header is None:
                self.refuse(
                    sheet, number, None, f"cell {reference} is filled but its column has no header"
                )
                continue
            cell = Cell(text, header, reference)
            if len(text) > MAX_CELL_CHARS:
                # Kept in the row, so the refusal is this one and not a missing text.
                self.refuse(
                    sheet, number, cell, f"a cell may hold at most {MAX_CELL_CHARS} characters"
                )
            if index not in columns:
                continue  # its header was refused already
            key, language = columns[index]
            if key not in _KEYS_OF_SHEET[sheet]:
                reason = _REFUSED_COLUMNS.get(key, f"'{key}' is not a column the kiosk reads")
                self.refuse(sheet, number, cell, f"cannot be imported: {reason}")
                continue
            row.cells[key, language] = cell
        return row

    def language(self, sheet: str, row: int, cell: Cell, written: str) -> str | None:
        """The kiosk's code for a language named in a header or setting, or None (reported)."""
        code = language_code(written)
        if code is None:
            self.refuse(
                sheet,
                row,
                cell,
                f"'{written}' is not a language the kiosk speaks: write 中文 (zh_CN), "
                "English (en) or ئۇيغۇرچە (ug)",
            )
        return code

    # -- building ------------------------------------------------------------

    def definition(self, sheets: dict[str, Sheet]) -> dict[str, object]:
        """The JSON definition from the read sheets (problems noted, not raised)."""
        survey = sheets["survey"]
        self.languages = list(
            dict.fromkeys(lang for key, lang in survey.columns if key == "label" and lang)
        )
        if not self.languages and survey.rows:
            self.refuse(
                "survey",
                1,
                None,
                "no label column: write label::中文 (zh_CN) and the other languages",
            )
        choices = self.choice_lists(sheets["choices"])
        definition = self.settings(sheets["settings"])
        definition["languages"] = self.languages
        calculations, pages = self.survey(survey, choices)
        if calculations:
            definition["calculate"] = calculations
        definition["pages"] = pages
        documents = self.documents(sheets["kiosk_documents"])
        if documents:
            definition["documents"] = documents
        for name, (row, _) in choices.items():
            if name not in self.used_lists:
                self.refuse(
                    "choices",
                    row.number,
                    row.get("list_name"),
                    f"list '{name}' is used by no question",
                )
        return definition

    def settings(self, sheet: Sheet) -> dict[str, object]:
        """id, version, title, summary, icon and processing days from the settings sheet."""
        if not sheet.rows:
            self.refuse("settings", None, None, "the settings sheet must give form_id and version")
            return {}
        first = sheet.rows[0]
        self.settings_row = first.number
        for extra in sheet.rows[1:]:
            self.refuse("settings", extra.number, None, "settings are one row under the headers")
        definition: dict[str, object] = {}
        form_id = first.get("form_id")
        if form_id is None:
            self.refuse_column("settings", first, "form_id", "form_id is missing")
        else:
            definition["id"] = form_id.text
        whole_numbers = {"version": "version", "kiosk::processing_days": "processing_days"}
        for column, key in whole_numbers.items():
            cell = first.get(column)
            if cell is None:
                continue
            if not _INTEGER.fullmatch(cell.text):
                self.refuse("settings", first.number, cell, f"{column} must be a whole number")
                continue
            definition[key] = int(cell.text)
        if "version" not in definition and first.get("version") is None:
            self.refuse_column("settings", first, "version", "version is missing")
        for column, key in (("form_title", "title"), ("kiosk::summary", "summary")):
            text = self.text("settings", first, column)
            if text is not None:
                definition[key] = text
        icon = first.get("kiosk::icon")
        if icon is not None:
            definition["icon"] = icon.text
        return definition

    def choice_lists(self, sheet: Sheet) -> dict[str, tuple[Row, list[dict[str, object]]]]:
        """Choice lists by name, with the row that starts each; duplicates are refused."""
        lists: dict[str, tuple[Row, list[dict[str, object]]]] = {}
        rows_by_value: dict[tuple[str, str], Row] = {}
        for row in sheet.rows:
            list_name, value = row.get("list_name"), row.get("name")
            if list_name is None or value is None:
                missing = "list_name" if list_name is None else "name"
                self.refuse_column("choices", row, missing, f"a choice needs a {missing}")
                continue
            earlier = rows_by_value.get((list_name.text, value.text))
            if earlier is not None:
                self.refuse(
                    "choices",
                    row.number,
                    value,
                    f"duplicate choice '{value.text}' in list '{list_name.text}' "
                    f"(also row {earlier.number})",
                )
                continue
            rows_by_value[list_name.text, value.text] = row
            choice: dict[str, object] = {"value": value.text}
            self.put_text(choice, "label", "choices", row, "label")
            self.put_text(
                choice, "label_simple", "choices", row, "kiosk::label_simple", partial=True
            )
            exclusive = row.get("kiosk::exclusive")
            if exclusive is not None and exclusive.text.strip().lower() in ("yes", "true", "1"):
                choice["exclusive"] = True  # "None of these": choosing it clears the others
            elif exclusive is not None and exclusive.text.strip():
                self.refuse("choices", row.number, exclusive, "kiosk::exclusive is yes or empty")
            lists.setdefault(list_name.text, (row, []))[1].append(choice)
        return lists

    def survey(
        self, sheet: Sheet, lists: dict[str, tuple[Row, list[dict[str, object]]]]
    ) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
        """The calculations and the pages of the survey sheet."""
        calculations: list[dict[str, object]] = []
        pages: list[dict[str, object]] = []
        page: dict[str, object] | None = None
        group_row: Row | None = None
        repeat: _OpenRepeat | None = None
        for row in sheet.rows:
            type_cell = row.get("type")
            if type_cell is None:
                self.refuse_column("survey", row, "type", "the row has no type")
                continue
            kind = _GROUP_SPELLINGS.get(type_cell.text, type_cell.text)
            if repeat is not None and kind in ("begin_group", "end_group", "begin_repeat"):
                self.refuse(
                    "survey",
                    row.number,
                    type_cell,
                    f"{kind} inside the repeat of row {repeat.row.number}: a repeating group "
                    "holds questions only (groups and repeats do not nest in it)",
                )
                continue
            if kind == "begin_repeat":
                repeat = _OpenRepeat(row, self.repeat(row))
                if page is None:
                    page = {"id": f"page_{len(pages) + 1}", "fields": []}
                    pages.append(page)
                fields = page["fields"]
                assert isinstance(fields, list)
                fields.append(repeat.field)
            elif kind == "end_repeat":
                if repeat is None:
                    self.refuse("survey", row.number, type_cell, "end_repeat without begin_repeat")
                self.check_columns(row, frozenset({"type", "name"}), "end_repeat")
                repeat = None
            elif kind == "calculate" and repeat is not None:
                self.refuse(
                    "survey",
                    row.number,
                    type_cell,
                    "a calculate inside a repeating group cannot be imported: calculate across "
                    "its items after end_repeat, with sum(), count(), min() or max()",
                )
            elif kind == "begin_group":
                if group_row is not None:
                    self.refuse(
                        "survey",
                        row.number,
                        type_cell,
                        f"groups cannot be nested: the kiosk's pages do not nest (group of row "
                        f"{group_row.number} is still open)",
                    )
                    continue
                self.check_columns(row, _GROUP_KEYS, "begin_group")
                group_row = row
                page = self.page(row)
                pages.append(page)
            elif kind == "end_group":
                if group_row is None:
                    self.refuse("survey", row.number, type_cell, "end_group without begin_group")
                self.check_columns(row, frozenset({"type", "name"}), "end_group")
                group_row, page = None, None
            elif kind == "calculate":
                self.check_columns(row, _CALCULATE_KEYS, "calculate")
                calculation = self.calculation(row)
                if calculation is not None:
                    calculations.append(calculation)
            else:
                question = self.question(row, type_cell, lists)
                if question is None:
                    continue
                if repeat is not None:
                    repeat.questions.append(question)
                    continue
                if page is None:
                    page = {"id": f"page_{len(pages) + 1}", "fields": []}
                    pages.append(page)
                fields = page["fields"]
                assert isinstance(fields, list)
                fields.append(question)
        if group_row is not None:
            self.refuse(
                "survey", group_row.number, group_row.get("type"), "begin_group has no end_group"
            )
        if repeat is not None:
            self.refuse(
                "survey",
                repeat.row.number,
                repeat.row.get("type"),
                "begin_repeat has no end_repeat",
            )
        return calculations, pages

    def repeat(self, row: Row) -> dict[str, object]:
        """A repeating group from its begin_repeat row (its questions follow it)."""
        self.check_columns(row, _REPEAT_KEYS, "begin_repeat")
        group: dict[str, object] = {"id": self.name(row), "type": "repeat"}
        self.put_text(group, "label", "survey", row, "label")
        self.put_text(group, "help", "survey", row, "hint")
        self.put_text(group, "label_simple", "survey", row, "kiosk::label_simple", partial=True)
        self.put_text(group, "help_simple", "survey", row, "kiosk::hint_simple", partial=True)
        self.put_text(group, "item_label", "survey", row, "kiosk::item_label")
        relevant = self.expression(row, "relevant")
        if relevant is not None:
            group["relevant"] = relevant
        count = row.get("repeat_count")
        if count is not None:
            if _INTEGER.fullmatch(count.text):
                group["min"] = group["max"] = int(count.text)
            else:
                self.refuse(
                    "survey",
                    row.number,
                    count,
                    "repeat_count must be a whole number (the applicant adds the items; "
                    "write kiosk::min and kiosk::max for a range)",
                )
        for column in ("kiosk::min", "kiosk::max"):
            cell = row.get(column)
            if cell is not None:
                group[column.removeprefix("kiosk::")] = _number(cell.text)
        shared = row.get("kiosk::shared")
        if shared is not None:
            group["shared"] = shared.text
        group["fields"] = []
        return group

    def page(self, row: Row) -> dict[str, object]:
        page: dict[str, object] = {"id": self.name(row), "fields": []}
        self.put_text(page, "title", "survey", row, "label")
        return page

    def name(self, row: Row) -> str | None:
        """The row's name: a kiosk id, unique in the survey (reported otherwise)."""
        cell = row.get("name")
        if cell is None:
            self.refuse_column("survey", row, "name", "the row has no name")
            return None
        if not NAME_PATTERN.fullmatch(cell.text):
            self.refuse(
                "survey",
                row.number,
                cell,
                f"'{cell.text}' cannot be a kiosk name: lower-case letters, digits and '_', "
                "starting with a letter",
            )
            return None
        earlier = self.rows_of_name.get(cell.text)
        if earlier is not None:
            self.refuse(
                "survey",
                row.number,
                cell,
                f"name '{cell.text}' is already used in row {earlier.number}",
            )
            return None
        self.rows_of_name[cell.text] = row
        return cell.text

    def calculation(self, row: Row) -> dict[str, object] | None:
        name = self.name(row)
        expression = self.expression(row, "calculation")
        if row.get("calculation") is None:
            self.refuse_column("survey", row, "calculation", "a calculate row needs a calculation")
        if name is None or expression is None:
            return None
        return {"id": name, "expression": expression}

    def question(
        self, row: Row, type_cell: Cell, lists: dict[str, tuple[Row, list[dict[str, object]]]]
    ) -> dict[str, object] | None:
        """A field from a question row, or None (reported) when the kiosk cannot ask it."""
        words = type_cell.text.split()
        head = words[0] if words else ""
        question: dict[str, object]
        if head in _SELECT_TYPES and len(words) == 2:
            found = lists.get(words[1])
            if found is None:
                self.refuse(
                    "survey", row.number, type_cell, f"there is no choice list '{words[1]}'"
                )
                return None
            self.used_lists.add(words[1])
            question = {"type": _SELECT_TYPES[head], "choices": found[1]}
        elif head in _SELECT_TYPES:
            self.refuse(
                "survey",
                row.number,
                type_cell,
                f"write '{head} LIST' with one list name ('or_other' is not supported: add an "
                "'other' choice and a text question relevant to it)",
            )
            return None
        elif type_cell.text in _SIMPLE_TYPES:
            question = dict(_SIMPLE_TYPES[type_cell.text])
        else:
            reason = _REFUSED_TYPES.get(head, f"unknown type '{type_cell.text}'")
            self.refuse("survey", row.number, type_cell, f"cannot be imported: {reason}")
            return None
        self.check_columns(row, _QUESTION_KEYS, head)
        name = self.name(row)
        appearance = row.get("appearance")
        if appearance is not None:
            if appearance.text == "multiline" and question["type"] == "text":
                question["type"] = "note"
            else:
                self.refuse(
                    "survey",
                    row.number,
                    appearance,
                    "the kiosk lays out every question the same way; only 'multiline' on a "
                    "text question (a kiosk note) is read",
                )
        if name is None:
            return None
        field_data: dict[str, object] = {"id": name, **question}
        self.put_text(field_data, "label", "survey", row, "label")
        self.put_text(field_data, "help", "survey", row, "hint")
        self.put_text(
            field_data, "label_simple", "survey", row, "kiosk::label_simple", partial=True
        )
        self.put_text(field_data, "help_simple", "survey", row, "kiosk::hint_simple", partial=True)
        self.put_text(field_data, "constraint_message", "survey", row, "constraint_message")
        self.put_text(field_data, "unit", "survey", row, "kiosk::unit")
        required = row.get("required")
        if required is not None:
            word = required.text.lower()
            if word in _TRUE_WORDS:
                field_data["required"] = True
            elif word not in _FALSE_WORDS:
                translated = self.expression(row, "required")
                if translated is not None:
                    field_data["required"] = translated
        for column in ("relevant", "constraint"):
            translated = self.expression(row, column)
            if translated is not None:
                field_data[column] = translated
        for column, key in (
            ("kiosk::prefill", "prefill"),
            ("kiosk::pattern", "pattern"),
            ("kiosk::shared", "shared"),
        ):
            cell = row.get(column)
            if cell is not None:
                field_data[key] = cell.text
        for column in ("kiosk::min", "kiosk::max", "kiosk::levels"):
            cell = row.get(column)
            if cell is not None:
                field_data[column.removeprefix("kiosk::")] = (
                    cell.text if question["type"] == "date" else _number(cell.text)
                )
        return field_data

    def documents(self, sheet: Sheet) -> list[dict[str, object]]:
        """The "documents to bring" list from the kiosk_documents sheet."""
        documents: list[dict[str, object]] = []
        for row in sheet.rows:
            name = row.get("name")
            if name is None:
                self.refuse_column(sheet.name, row, "name", "a document needs a name")
                continue
            self.document_rows[name.text] = row
            document: dict[str, object] = {"id": name.text}
            self.put_text(document, "text", sheet.name, row, "label")
            relevant = self.expression(row, "relevant", sheet.name)
            if relevant is not None:
                document["relevant"] = relevant
            documents.append(document)
        return documents

    def check_columns(self, row: Row, allowed: Iterable[str], kind: str) -> None:
        """Refuse filled cells in columns that mean nothing for a row of this kind."""
        allowed_keys = set(allowed)
        for (key, _), cell in row.cells.items():
            if key not in allowed_keys:
                self.refuse("survey", row.number, cell, f"'{key}' does not apply to a {kind} row")

    def expression(self, row: Row, column: str, sheet: str = "survey") -> str | None:
        """A cell's expression in the kiosk's spelling, or None (reported when it cannot be)."""
        cell = row.get(column)
        if cell is None:
            return None
        try:
            return kiosk_expression(cell.text)
        except XLSFormExpressionError as error:
            self.refuse(sheet, row.number, cell, f"expression {cell.text!r}: {error}")
            return None

    def text(self, sheet: str, row: Row, key: str, partial: bool = False) -> dict[str, str] | None:
        """The translations of ``key`` in a row; every form language unless ``partial``."""
        found = {
            language: cell.text
            for (column, language), cell in row.cells.items()
            if column == key and language is not None
        }
        if not found:
            return None
        if not partial:
            for language in self.languages:
                if language not in found:
                    self.refuse_column(
                        sheet,
                        row,
                        language_column(key, language),
                        f"the '{language}' translation of {key} is missing",
                    )
        ordered = {language: found[language] for language in self.languages if language in found}
        return ordered | found

    def put_text(
        self,
        target: dict[str, object],
        key: str,
        sheet: str,
        row: Row,
        column: str,
        partial: bool = False,
    ) -> None:
        text = self.text(sheet, row, column, partial)
        if text is not None:
            target[key] = text

    def placed(self, problems: Iterable[FormProblem]) -> list[FormProblem]:
        """The loader's problems, placed at the row of the field, calculation, page or
        document they name, or at the settings column of a form-level key."""
        placed: list[FormProblem] = []
        for problem in problems:
            named = _LOADER_PLACE.match(problem.message)
            sheet, name = "survey", problem.field_id
            if problem.field_id is None and named is not None:
                name = named.group(2)
                sheet = "kiosk_documents" if named.group(1) == "document" else "survey"
            rows = self.document_rows if sheet == "kiosk_documents" else self.rows_of_name
            row = rows.get(name) if name is not None else None
            setting = _FORM_KEY.match(problem.message) if problem.field_id is None else None
            if row is None and setting is not None and setting.group(1) in _SETTING_OF_KEY:
                column = _SETTING_OF_KEY[setting.group(1)]
                placed.append(
                    XLSFormProblem(
                        self.source, None, problem.message, "settings", self.settings_row, column
                    )
                )
                continue
            if row is None:
                placed.append(problem)
                continue
            message = problem.message if named else f"'{name}': {problem.message}"
            placed.append(XLSFormProblem(self.source, problem.field_id, message, sheet, row.number))
        return placed


def _cell_text(value: object) -> str | None:
    """A cell as the text an administrator sees; None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _number(text: str) -> object:
    """A number option (int or decimal); other text is kept for the loader to name."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text):
        return float(text)
    return text


def _letter(index: int) -> str:
    """The spreadsheet letters of a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _header_cell(header: str, index: int) -> Cell:
    return Cell(header, header, f"{_letter(index)}1")
