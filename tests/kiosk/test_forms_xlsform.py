"""XLSForm workbooks into form definitions: what converts, and what is refused and where.

Workbooks are real .xlsx files written with openpyxl and read back by the
converter; every refusal is checked for its sheet, row and column.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.forms import FormDefinitionError, parse_expression, parse_form
from kiosk.forms.xlsform import (
    MAX_CELL_CHARS,
    MAX_FILE_BYTES,
    MAX_ROWS,
    MAX_UNCOMPRESSED_BYTES,
    XLSFormProblem,
    xlsform_to_definition,
)
from kiosk.forms.xlsform_export import definition_to_workbook
from kiosk.forms.xlsform_spelling import (
    XLSFormExpressionError,
    kiosk_expression,
    xlsform_expression,
)
from resources import FORMS_DIR

Rows = list[list[Any]]
ZH, EN = "label::中文 (zh_CN)", "label::English (en)"
SURVEY_HEADERS = ["type", "name", ZH, EN, "required", "relevant", "constraint", "calculation"]
SETTINGS: Rows = [["form_id", "version", "form_title::中文 (zh_CN)", "form_title::English (en)"],
            ["sample-form", 2, "样例", "Sample"]]  # fmt: skip
CHOICES: Rows = [
    ["list_name", "name", ZH, EN],
    ["colours", "red", "红", "Red"],
    ["colours", "blue", "蓝", "Blue"],
]


def workbook(
    survey: Rows,
    *,
    headers: list[str] = SURVEY_HEADERS,
    choices: Rows | None = CHOICES,
    settings: Rows = SETTINGS,
    extra: dict[str, Rows] | None = None,
) -> bytes:
    """An .xlsx with a survey (under ``headers``), choices, settings and any extra sheets."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "survey"
    for row in [headers, *survey]:
        sheet.append(row)
    sheets = {"settings": settings, **({"choices": choices} if choices else {}), **(extra or {})}
    for name, rows in sheets.items():
        other = book.create_sheet(name)
        for row in rows:
            other.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def refusal(data: bytes) -> list[XLSFormProblem]:
    """The placed problems a workbook is refused with."""
    with pytest.raises(FormDefinitionError) as refused:
        xlsform_to_definition(data, "form.xlsx")
    return [problem for problem in refused.value.problems if isinstance(problem, XLSFormProblem)]


def only(problems: list[XLSFormProblem]) -> XLSFormProblem:
    assert len(problems) == 1, [str(problem) for problem in problems]
    return problems[0]


@pytest.mark.parametrize("name", sorted(path.stem for path in FORMS_DIR.glob("*.json")))
def test_each_sample_service_ships_as_xlsx_and_imports_to_its_json(name: str) -> None:
    shipped = json.loads((FORMS_DIR / f"{name}.json").read_text(encoding="utf-8"))

    assert xlsform_to_definition(FORMS_DIR / f"{name}.xlsx") == shipped


def test_the_export_writes_what_the_import_reads(tmp_path: Path) -> None:
    shipped = json.loads((FORMS_DIR / "minimum-living-allowance.json").read_text("utf-8"))
    shipped["pages"][0]["fields"][0]["help_simple"] = {"en": "Your name"}
    target = tmp_path / "changed.xlsx"

    definition_to_workbook(shipped, target)

    assert xlsform_to_definition(target) == shipped


def test_a_plain_xlsform_becomes_pages_fields_and_calculations() -> None:
    data = workbook(
        [
            ["calculate", "double", None, None, None, None, None, "${children} * 2"],
            ["begin_group", "about", "关于", "About"],
            ["text", "name", "姓名", "Name", "yes"],
            ["integer", "children", "子女", "Children", "no", None, ". >= 0 and . <= 12"],
            ["decimal", "income", "收入", "Income", "${children} > 0"],
            ["date", "born", "出生", "Born", None, "${double} div 2 > 1"],
            ["select_one colours", "colour", "颜色", "Colour"],
            ["select_multiple colours", "likes", "喜欢", "Likes", None,
             "selected(${colour}, 'red') or count-selected(${colour}) > 1"],
            ["acknowledge", "agree", "同意", "I agree", "true()"],
            ["end_group", "about"],
            ["kiosk:yes_no", "ok", "好", "Fine?", None, "not(${children} = 0)"],
        ]
    )  # fmt: skip

    definition = xlsform_to_definition(data)

    assert definition["id"] == "sample-form"
    assert definition["version"] == 2
    assert definition["languages"] == ["zh_CN", "en"]
    assert definition["calculate"] == [{"id": "double", "expression": "children * 2"}]
    pages: list[dict[str, Any]] = definition["pages"]  # type: ignore[assignment]
    about, loose = pages
    assert about["id"] == "about" and about["title"] == {"zh_CN": "关于", "en": "About"}
    fields = {field["id"]: field for field in about["fields"]}
    assert fields["name"]["required"] is True and fields["name"]["type"] == "text"
    assert fields["children"] == {
        "id": "children",
        "type": "number",
        "integer": True,
        "label": {"zh_CN": "子女", "en": "Children"},
        "constraint": ". >= 0 and . <= 12",
    }
    assert fields["income"]["required"] == "children > 0"
    assert fields["born"]["relevant"] == "double / 2 > 1"
    assert [choice["value"] for choice in fields["colour"]["choices"]] == ["red", "blue"]
    assert fields["likes"]["type"] == "multi_choice"
    assert fields["likes"]["relevant"] == "selected(colour, 'red') or count(colour) > 1"
    assert fields["agree"]["type"] == "consent"
    assert loose["id"] == "page_2" and loose["fields"][0]["relevant"] == "not(children = 0)"
    parse_form(definition, "form.xlsx")


def test_multiline_text_is_a_kiosk_note() -> None:
    data = workbook([["text", "remarks", "备注", "Remarks", "multiline"]],
                    headers=["type", "name", ZH, EN, "appearance"], choices=None)  # fmt: skip

    page = xlsform_to_definition(data)["pages"]
    assert page[0]["fields"][0]["type"] == "note"  # type: ignore[index]


def test_columns_without_a_language_are_in_the_default_language() -> None:
    settings: Rows = [["form_id", "version", "form_title", "default_language"],
                      ["plain", 1, "Plain", "English (en)"]]  # fmt: skip
    headers = ["type", "name", "label", "hint"]
    data = workbook([["text", "a", "Your name", "Say it"]], headers=headers, choices=None,
                    settings=settings)  # fmt: skip

    definition = xlsform_to_definition(data)

    assert definition["languages"] == ["en"]
    assert definition["title"] == {"en": "Plain"}
    assert definition["pages"] == [
        {"id": "page_1", "fields": [
            {"id": "a", "type": "text", "label": {"en": "Your name"}, "help": {"en": "Say it"}}
        ]}
    ]  # fmt: skip


def test_a_column_without_a_language_needs_a_default_language() -> None:
    data = workbook([["text", "a", "Your name"]], headers=["type", "name", "label"], choices=None)

    problems = refusal(data)

    assert ("survey", 1, "label") in {(p.sheet, p.row, p.column) for p in problems}


def test_an_unknown_type_is_refused_at_its_cell() -> None:
    problem = only(refusal(workbook([["text", "a", "甲", "A"], ["signature", "b", "乙", "B"]],
                                    choices=None)))  # fmt: skip

    assert (problem.sheet, problem.row, problem.column, problem.cell) == ("survey", 3, "type", "A3")
    assert "unknown type 'signature'" in problem.message
    assert str(problem).startswith("form.xlsx: sheet 'survey', row 3, column 'type' (A3): ")


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("note", "has no screen that asks nothing"),
        ("geopoint", "address"),
        ("select_one colours or_other", "or_other"),
        ("select_one sizes", "no choice list 'sizes'"),
    ],
)
def test_types_the_kiosk_cannot_ask_are_refused_with_the_reason(kind: str, reason: str) -> None:
    problem = only(
        refusal(workbook([["select_one colours", "a", "甲", "A"], [kind, "b", "乙", "B"]]))
    )

    assert (problem.row, problem.column) == (3, "type")
    assert reason in problem.message


def test_a_choice_filter_cascade_is_refused_for_the_address_type() -> None:
    data = workbook(
        [["select_one colours", "a", "甲", "A", "colour = 'red'"]],
        headers=["type", "name", ZH, EN, "choice_filter"],
    )

    problem = only(refusal(data))

    assert (problem.row, problem.column, problem.cell) == (2, "choice_filter", "E2")
    assert "kiosk:address" in problem.message and "regions" in problem.message


@pytest.mark.parametrize(
    ("expression", "reason"),
    [
        ("${a} >", "expected a value"),
        ("a > 1", "refer to a question as ${a}"),
        ("string-length(${a}) > 2", "string-length() has no kiosk equivalent"),
        ("${a} mod 2 = 0", "'mod'"),
        ("/data/a = 'x'", "XPath paths"),
        ("${a-b} = 'x'", "cannot name a kiosk question"),
        ("${a} = 'x", "string is not closed"),
    ],
)
def test_a_broken_or_untranslatable_expression_is_refused_at_its_cell(
    expression: str, reason: str
) -> None:
    data = workbook([["text", "a", "甲", "A"], ["text", "b", "乙", "B", None, expression]],
                    choices=None)  # fmt: skip

    problem = only(refusal(data))

    assert (problem.row, problem.column, problem.cell) == (3, "relevant", "F3")
    assert reason in problem.message


def test_a_reference_to_a_missing_question_is_named_by_the_loader_at_its_row() -> None:
    data = workbook([["text", "a", "甲", "A"], ["text", "b", "乙", "B", None, "${c} = 'x'"]],
                    choices=None)  # fmt: skip

    problem = only(refusal(data))

    assert (problem.sheet, problem.row) == ("survey", 3)
    assert "'b'" in problem.message and "unknown field 'c'" in problem.message


def test_a_form_level_problem_is_placed_at_its_setting() -> None:
    settings: Rows = [["form_id", "version"], ["Not An Id", 1]]
    problems = refusal(workbook([["text", "a", "甲", "A"]], choices=None, settings=settings))

    found = {(problem.sheet, problem.row, problem.column) for problem in problems}
    assert found == {("settings", 2, "form_id"), ("settings", 2, "form_title")}


def test_duplicate_names_are_refused_with_both_rows() -> None:
    data = workbook([["text", "a", "甲", "A"], ["integer", "a", "乙", "B"]], choices=None)

    problem = only(refusal(data))

    assert (problem.row, problem.cell) == (3, "B3")
    assert "already used in row 2" in problem.message


def test_a_duplicate_choice_is_refused() -> None:
    choices: Rows = [*CHOICES, ["colours", "red", "红色", "Red again"]]
    problem = only(refusal(workbook([["select_one colours", "a", "甲", "A"]], choices=choices)))

    assert (problem.sheet, problem.row, problem.column) == ("choices", 4, "name")
    assert "duplicate choice 'red'" in problem.message


def test_a_missing_translation_is_refused_with_its_column() -> None:
    problem = only(refusal(workbook([["text", "a", "甲", "A"], ["text", "b", None, "B"]],
                                    choices=None)))  # fmt: skip

    assert (problem.sheet, problem.row) == ("survey", 3)
    assert problem.column == "label::中文 (zh_CN)"
    assert "'zh_CN' translation of label is missing" in problem.message


def test_circular_calculations_are_refused() -> None:
    data = workbook(
        [
            ["calculate", "x", None, None, None, None, None, "${y} + 1"],
            ["calculate", "y", None, None, None, None, None, "${x} + 1"],
            ["text", "a", "甲", "A"],
        ],
        choices=None,
    )

    problems = refusal(data)

    assert problems and all(problem.sheet == "survey" for problem in problems)
    assert {problem.row for problem in problems} <= {2, 3}
    assert any("depends on itself: x → y → x" in problem.message for problem in problems)


def test_columns_sheets_and_languages_the_kiosk_cannot_read_are_refused() -> None:
    data = workbook(
        [["text", "a", "甲", "A", "Fill it", "x"]],
        headers=["type", "name", ZH, EN, "required_message", "label::Français (fr)"],
        choices=None,
        extra={"entities": [["list_name", "label"], ["people", "${a}"]]},
    )

    problems = refusal(data)

    found = {(problem.sheet, problem.row, problem.column) for problem in problems}
    assert ("survey", 2, "required_message") in found
    assert ("survey", 1, "label::Français (fr)") in found
    assert ("entities", None, None) in found


def test_an_unused_choice_list_is_refused_not_dropped() -> None:
    problem = only(refusal(workbook([["text", "a", "甲", "A"]])))

    assert (problem.sheet, problem.row, problem.column) == ("choices", 2, "list_name")
    assert "used by no question" in problem.message


def test_nested_groups_are_refused() -> None:
    data = workbook(
        [["begin_group", "p"], ["begin_group", "q"], ["text", "a", "甲", "A"], ["end_group"]],
        choices=None,
    )

    problem = only(refusal(data))

    assert (problem.row, problem.column) == (3, "type")
    assert "cannot be nested" in problem.message


def test_a_cell_longer_than_the_bound_is_refused() -> None:
    data = workbook([["text", "a", "甲", "x" * (MAX_CELL_CHARS + 1)]], choices=None)

    problem = only(refusal(data))

    assert (problem.row, problem.cell) == (2, "D2")


def test_a_sheet_longer_than_the_bound_is_refused() -> None:
    rows: Rows = [["text", f"q{n}", "甲", "A"] for n in range(MAX_ROWS)]

    problems = refusal(workbook(rows, choices=None))

    assert any(f"at most {MAX_ROWS} rows" in problem.message for problem in problems)


def test_a_zip_bomb_is_refused_before_it_is_opened() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (MAX_UNCOMPRESSED_BYTES + 1))
    assert len(buffer.getvalue()) < MAX_FILE_BYTES

    with pytest.raises(FormDefinitionError, match=f"would unpack to {MAX_UNCOMPRESSED_BYTES + 1}"):
        xlsform_to_definition(buffer.getvalue(), "bomb.xlsx")


def test_a_file_too_large_or_not_a_workbook_is_refused(tmp_path: Path) -> None:
    large = tmp_path / "large.xlsx"
    large.write_bytes(b"\0" * (MAX_FILE_BYTES + 1))

    with pytest.raises(FormDefinitionError, match="is larger than the 2097152 bytes"):
        xlsform_to_definition(large)
    with pytest.raises(FormDefinitionError, match=r"not an \.xlsx workbook"):
        xlsform_to_definition(b"id,type\n", "form.csv")


@pytest.mark.parametrize(
    ("xlsform", "kiosk"),
    [
        ("${a} = true()", "a = true"),
        ("not(${a} = 'x') and ${b} div ${c} >= 2", "not(a = 'x') and b / c >= 2"),
        ('count-selected(${m}) > 1 or selected(${m}, "x")', 'count(m) > 1 or selected(m, "x")'),
        ("if(${a} = 'y', age(${d}), coalesce(${e}, 0))", "if(a = 'y', age(d), coalesce(e, 0))"),
        (". <= ${n} and today() > ${d}", ". <= n and today() > d"),
    ],
)
def test_expressions_translate_both_ways(xlsform: str, kiosk: str) -> None:
    assert kiosk_expression(xlsform) == kiosk
    assert xlsform_expression(kiosk) == xlsform


def test_true_with_arguments_is_refused() -> None:
    with pytest.raises(XLSFormExpressionError, match="takes no arguments"):
        kiosk_expression("true(1)")


@given(st.text(max_size=60))
def test_any_cell_text_translates_or_is_refused_with_a_reason(text: str) -> None:
    try:
        translated = kiosk_expression(text)
    except XLSFormExpressionError as error:
        assert str(error)
    else:
        assert parse_expression(translated) is not None


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
    b"<worksheet>&c;</worksheet>"
)


@pytest.mark.parametrize(
    "damage",
    [
        lambda xml: xml[: len(xml) // 2],
        lambda xml: xml.replace(b"<row", b"<row <", 1),
        lambda xml: xml.replace(b'r="A2"', b'r="2A"', 1),
        lambda xml: LAUGHS,
    ],
    ids=["cut short", "broken tag", "bad reference", "entity expansion"],
)
def test_a_damaged_sheet_is_refused_not_a_traceback(damage: Any) -> None:
    original = zipfile.ZipFile(io.BytesIO(workbook([["text", "a", "甲", "A"]], choices=None)))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for name in original.namelist():
            part = original.read(name)
            archive.writestr(name, damage(part) if name == "xl/worksheets/sheet1.xml" else part)

    with pytest.raises(FormDefinitionError, match=r"not a readable \.xlsx workbook"):
        xlsform_to_definition(damaged.getvalue(), "damaged.xlsx")


# --- repeating groups ----------------------------------------------------------------------

REPEAT_HEADERS = [*SURVEY_HEADERS, "kiosk::min", "kiosk::max",
                  "kiosk::item_label::中文 (zh_CN)", "kiosk::item_label::English (en)",
                  "repeat_count"]  # fmt: skip
MEMBER_ROWS: Rows = [
    ["integer", "own_income", "本人收入", "Own income", "yes"],
    ["begin_repeat", "members", "家庭成员", "Members", None, "${own_income} >= 0", None, None,
     1, 5, "成员", "Member"],
    ["text", "member_name", "姓名", "Name", "yes"],
    ["select_one colours", "colour", "颜色", "Colour", "yes", "${member_name} != 'x'"],
    ["integer", "income", "收入", "Income", "yes", None, ". >= 0"],
    ["end_repeat", "members"],
    ["calculate", "size", None, None, None, None, None, "count(${members}) + 1"],
    ["calculate", "per_person", None, None, None, None, None,
     "(${own_income} + sum(${income})) div ${size}"],
]  # fmt: skip


def test_a_repeat_becomes_a_repeating_group_with_its_bounds_and_aggregates() -> None:
    definition = xlsform_to_definition(workbook(MEMBER_ROWS, headers=REPEAT_HEADERS))

    group = definition["pages"][0]["fields"][1]  # type: ignore[index]
    assert group == {
        "id": "members",
        "type": "repeat",
        "label": {"zh_CN": "家庭成员", "en": "Members"},
        "item_label": {"zh_CN": "成员", "en": "Member"},
        "relevant": "own_income >= 0",
        "min": 1,
        "max": 5,
        "fields": [
            {"id": "member_name", "type": "text", "label": {"zh_CN": "姓名", "en": "Name"},
             "required": True},
            {"id": "colour", "type": "choice", "choices": group["fields"][1]["choices"],
             "label": {"zh_CN": "颜色", "en": "Colour"}, "required": True,
             "relevant": "member_name != 'x'"},
            {"id": "income", "type": "number", "integer": True,
             "label": {"zh_CN": "收入", "en": "Income"}, "required": True, "constraint": ". >= 0"},
        ],
    }  # fmt: skip
    assert definition["calculate"] == [
        {"id": "size", "expression": "count(members) + 1"},
        {"id": "per_person", "expression": "(own_income + sum(income)) / size"},
    ]
    form = parse_form(definition, "form.json")
    assert form.field("members").max == 5


def test_a_repeat_round_trips_through_the_export(tmp_path: Path) -> None:
    definition = xlsform_to_definition(workbook(MEMBER_ROWS, headers=REPEAT_HEADERS))
    target = tmp_path / "members.xlsx"

    definition_to_workbook(definition, target)

    assert xlsform_to_definition(target) == definition
    survey = openpyxl.load_workbook(target)["survey"]
    written = [[cell for cell in row if cell is not None] for row in survey.values]
    assert ["end_repeat", "members"] in written
    # count() of a repeat counts its items in XLSForm too; of a choice list it is count-selected.
    assert any("count(${members}) + 1" in row for row in written)


def test_a_whole_number_repeat_count_fixes_the_number_of_items() -> None:
    rows = [list(row) for row in MEMBER_ROWS]
    rows[1][8:10] = [None, None]
    rows[1].append(2)
    definition = xlsform_to_definition(workbook(rows, headers=REPEAT_HEADERS))
    group = definition["pages"][0]["fields"][1]  # type: ignore[index]
    assert (group["min"], group["max"]) == (2, 2)


@pytest.mark.parametrize(
    ("change", "row", "column", "reason"),
    [
        ({1: ["begin_repeat", "members", "家庭成员", "Members", None, None, None, None, None,
              None, "成员", "Member", "${own_income}"]},
         3, "repeat_count", "repeat_count must be a whole number"),
        ({2: ["begin_group", "inner", "组", "Group"]}, 4, "type", "begin_group inside the repeat"),
        ({2: ["calculate", "twice", None, None, None, None, None, "${own_income} * 2"]},
         4, "type", "a calculate inside a repeating group"),
        ({5: ["text", "last", "最后", "Last"]}, 3, "type", "begin_repeat has no end_repeat"),
        ({1: ["text", "first", "第一", "First"]}, 7, "type", "end_repeat without begin_repeat"),
        ({1: ["begin_repeat", "members", "家庭成员", "Members", "yes", None, None, None, 1, 5,
              "成员", "Member"]},
         3, "required", "'required' does not apply to a begin_repeat row"),
        ({6: ["calculate", "size", None, None, None, None, None, "${income} + 1"]},
         None, None, "'income' has one value per item of repeating group 'members'"),
    ],
)  # fmt: skip
def test_repeats_the_kiosk_cannot_take_are_refused_at_their_cell(
    change: dict[int, list[Any]], row: int | None, column: str | None, reason: str
) -> None:
    rows = [change.get(index, list(original)) for index, original in enumerate(MEMBER_ROWS)]
    problems = refusal(workbook(rows, headers=REPEAT_HEADERS))
    found = [p for p in problems if reason in p.message]
    assert found, [p.message for p in problems]
    if row is not None:
        assert (found[0].row, found[0].column) == (row, column)
    else:
        assert found[0].row == 8  # the calculation's own row


def test_shared_keys_are_read_from_kiosk_shared_on_questions_and_repeats(
    tmp_path: Path,
) -> None:
    headers = [*REPEAT_HEADERS, "kiosk::shared"]
    rows = [list(row) + [None] * (len(headers) - len(row)) for row in MEMBER_ROWS]
    rows[0][-1] = "applicant.income"
    rows[1][-1] = "household.members"
    rows[2][-1] = "member.name"
    definition = xlsform_to_definition(workbook(rows, headers=headers))
    form = parse_form(definition, "shared.json")
    assert form.field("own_income").shared == "applicant.income"
    members = form.field("members")
    assert members.shared == "household.members"
    assert members.item_field("member_name").shared == "member.name"
    assert members.item_field("colour").shared is None

    target = tmp_path / "shared.xlsx"
    definition_to_workbook(definition, target)
    assert xlsform_to_definition(target) == definition

    rows[0][-1] = "Applicant Income"
    with pytest.raises(FormDefinitionError) as refused:
        xlsform_to_definition(workbook(rows, headers=headers), "form.xlsx")
    assert any("lower-case words" in str(problem) for problem in refused.value.problems)
