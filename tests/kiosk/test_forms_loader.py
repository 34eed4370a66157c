"""Loading form files: what is accepted, and every kind of refusal, named precisely."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.forms import (
    Claim,
    FieldType,
    FormDefinitionError,
    FormProblem,
    load_form,
    load_forms_dir,
    parse_form,
)
from kiosk.forms.model import MAX_FORM_VERSION
from tests.kiosk.forms_fixtures import field_data, form_data, household_form_data, text

REPOSITORY = Path(__file__).resolve().parents[2]


def problems(data: object, source: str = "test.json") -> list[str]:
    """The problem messages of a refused form (fails the test if it loads)."""
    with pytest.raises(FormDefinitionError) as raised:
        parse_form(data, source)
    return [str(problem) for problem in raised.value.problems]


def choices(*values: str) -> list[dict[str, Any]]:
    return [{"value": value, "label": text(value, value)} for value in values]


# --- what loads ------------------------------------------------------------------------


def test_the_household_form_loads_with_everything_in_it() -> None:
    form = parse_form(household_form_data(), "household.json")
    assert form.key == ("minimum-living-allowance", 2)
    assert form.languages == ("zh_CN", "en")
    assert form.title.get("en") == "Apply for the minimum living allowance"
    assert form.icon == "allowance"
    assert form.processing_days == 30
    assert [page.id for page in form.pages] == ["applicant", "household", "confirm"]
    assert [item.id for item in form.fields()][:3] == ["full_name", "id_number", "birth_date"]
    assert len(form.fields()) == 15
    assert [calculation.id for calculation in form.calculations] == ["income_per_person", "age"]
    assert [document.id for document in form.documents][-1] == "income_proof"
    assert form.pages[2].title is None


def test_fields_keep_their_options() -> None:
    form = parse_form(household_form_data(), "household.json")
    size = form.field("household_size")
    assert size.type is FieldType.NUMBER
    assert (size.min, size.max, size.integer) == (1, 20, True)
    assert form.field("household_income").unit is not None
    assert form.field("birth_date").prefill is Claim.BIRTH_DATE
    assert form.field("birth_date").max == "today"
    assert form.field("gender").choice_values() == ("male", "female")
    spouse = form.field("spouse_name")
    assert spouse.relevant is not None and spouse.relevant.source == "marital_status = 'married'"
    assert form.field("home").levels == 4
    assert form.page_of("spouse_name").id == "applicant"
    with pytest.raises(KeyError):
        form.field("nobody")


def test_a_condition_may_name_a_field_declared_later() -> None:
    data = form_data(
        field_data("early", "text", relevant="later = true"),
        field_data("later", "yes_no"),
    )
    assert parse_form(data, "test.json").field("early").relevant is not None


def test_a_form_file_is_read_from_disk(tmp_path: Path) -> None:
    path = tmp_path / "household.json"
    path.write_text(json.dumps(household_form_data(), ensure_ascii=False), encoding="utf-8")
    assert load_form(path).key == ("minimum-living-allowance", 2)


def test_a_byte_order_mark_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_text(json.dumps(form_data(field_data("q", "text"))), encoding="utf-8-sig")
    assert load_form(path).id == "test-form"


def test_the_forms_shipped_with_the_kiosk_all_load() -> None:
    result = load_forms_dir(REPOSITORY / "resources" / "forms")
    assert [str(problem) for problem in result.problems] == []


# --- refusals, each naming file, field and problem -------------------------------------


def test_the_problem_names_file_field_and_unknown_name() -> None:
    data = form_data(
        field_data("marital_status", "choice", choices=choices("single", "married")),
        field_data("spouse_name", "text", relevant="marital_statu = 'married'"),
    )
    assert problems(data, "pension.json") == [
        "pension.json: field 'spouse_name': "
        "relevant condition references unknown field 'marital_statu'"
    ]


def test_malformed_json_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "id": "x",\n  "version" 1\n}\n', encoding="utf-8")
    with pytest.raises(FormDefinitionError) as raised:
        load_form(path)
    assert [str(problem) for problem in raised.value.problems] == [
        "broken.json: not valid JSON: Expecting ':' delimiter (line 3, column 13)"
    ]


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "gbk.json"
    path.write_bytes('{"title": "养老"}'.encode("gbk"))
    with pytest.raises(FormDefinitionError, match=r"gbk.json: cannot be read: not UTF-8 text"):
        load_form(path)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormDefinitionError, match=r"^absent.json: cannot be read"):
        load_form(tmp_path / "absent.json")


def test_a_key_written_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "twice.json"
    path.write_text(
        '{"id": "x", "pages": [{"id": "p", "fields": [{"id": "q", "type": "text", '
        '"label": {"en": "A"}, "label": {"en": "B"}}]}]}',
        encoding="utf-8",
    )
    with pytest.raises(FormDefinitionError) as raised:
        load_form(path)
    assert [str(problem) for problem in raised.value.problems] == [
        "twice.json: key 'label' appears twice in the object with id 'q'"
    ]


def test_nan_is_not_json(tmp_path: Path) -> None:
    path = tmp_path / "nan.json"
    path.write_text('{"version": NaN}', encoding="utf-8")
    with pytest.raises(FormDefinitionError, match=r"nan\.json: not valid JSON: NaN is not allowed"):
        load_form(path)


def test_the_top_level_must_be_an_object() -> None:
    assert problems([1, 2]) == ["test.json: must be a JSON object"]


def test_an_unknown_field_type() -> None:
    data = form_data(field_data("name", "txt"))
    (message,) = problems(data)
    assert message.startswith("test.json: field 'name': unknown type 'txt' (known types: text,")


def test_a_duplicate_field_id() -> None:
    data = form_data(field_data("name", "text"), field_data("name", "number"))
    assert problems(data) == ["test.json: field 'name': duplicate field id"]


def test_a_duplicate_field_id_across_pages() -> None:
    data = form_data(field_data("name", "text"))
    data["pages"].append({"id": "second", "fields": [field_data("name", "text")]})
    assert problems(data) == ["test.json: field 'name': duplicate field id"]


def test_a_calculation_with_the_id_of_a_field() -> None:
    data = form_data(field_data("age", "number"), calculate=[{"id": "age", "expression": "1 + 1"}])
    assert problems(data) == [
        "test.json: calculation 'age': duplicate id: field 'age' already has it"
    ]


def test_a_calculation_naming_a_missing_field() -> None:
    data = form_data(
        field_data("q", "number"), calculate=[{"id": "double", "expression": "qq * 2"}]
    )
    assert problems(data) == [
        "test.json: calculation 'double': expression references unknown field 'qq'"
    ]


def test_an_unknown_function() -> None:
    data = form_data(field_data("q", "text", relevant="foo(1) = 2"))
    assert problems(data) == [
        "test.json: field 'q': relevant condition 'foo(1) = 2': "
        "unknown function 'foo' at character 1"
    ]


def test_a_condition_that_does_not_parse() -> None:
    data = form_data(field_data("q", "text", constraint=". == 'a'"))
    assert problems(data) == [
        "test.json: field 'q': constraint \". == 'a'\": "
        "'==' is not an operator, compare with '=' at character 3"
    ]


def test_dot_outside_a_constraint() -> None:
    data = form_data(field_data("q", "number", relevant=". > 1"))
    assert problems(data) == [
        "test.json: field 'q': relevant condition uses '.', which only a constraint may use"
    ]


def test_a_document_condition_naming_a_missing_field() -> None:
    data = form_data(
        field_data("q", "yes_no"),
        documents=[{"id": "cert", "text": text("证", "Cert"), "relevant": "qq"}],
    )
    assert problems(data) == [
        "test.json: document 'cert': relevant condition references unknown field 'qq'"
    ]


def test_a_missing_translation() -> None:
    data = form_data(field_data("name", "text", label={"zh_CN": "姓名"}))
    assert problems(data) == ["test.json: field 'name': 'label' is missing the 'en' translation"]


def test_an_empty_translation_and_a_missing_title_translation() -> None:
    data = form_data(
        field_data("name", "text", help={"zh_CN": " ", "en": "Name"}),
        title={"en": "Test"},
    )
    assert problems(data) == [
        "test.json: 'title' is missing the 'zh_CN' translation",
        "test.json: field 'name': 'help' has an empty 'zh_CN' translation",
    ]


def test_a_missing_translation_of_a_choice_label() -> None:
    data = form_data(field_data("q", "choice", choices=[{"value": "a", "label": {"zh_CN": "甲"}}]))
    assert problems(data) == [
        "test.json: field 'q': choice 1: 'label' is missing the 'en' translation"
    ]


@pytest.mark.parametrize("field_type", ["choice", "multi_choice"])
def test_a_choice_field_without_choices(field_type: str) -> None:
    assert problems(form_data(field_data("q", field_type))) == [
        "test.json: field 'q': 'choices' is missing"
    ]
    assert problems(form_data(field_data("q", field_type, choices=[]))) == [
        "test.json: field 'q': 'choices' must be a non-empty list"
    ]


def test_duplicate_choice_values() -> None:
    data = form_data(field_data("q", "choice", choices=choices("a", "b", "a")))
    assert problems(data) == ["test.json: field 'q': choice value 'a' appears twice"]


@pytest.mark.parametrize(
    ("form_id", "shown"),
    [
        ("Pension", "'Pension'"),
        ("pension form", "'pension form'"),
        ("-pension", "'-pension'"),
        (7, "7"),
    ],
)
def test_a_bad_form_id(form_id: object, shown: str) -> None:
    data = form_data(field_data("q", "text"), id=form_id)
    assert problems(data) == [
        "test.json: 'id' must be lower-case letters, digits and single '-' between them "
        f"(got {shown})"
    ]


@pytest.mark.parametrize(
    ("version", "shown"),
    [(0, "0"), ("3", "'3'"), (1.5, "1.5"), (True, "true"), (MAX_FORM_VERSION + 1, "1000001")],
)
def test_a_bad_version(version: object, shown: str) -> None:
    data = form_data(field_data("q", "text"), version=version)
    expected = f"from 1 to {MAX_FORM_VERSION} (got {shown})"
    assert problems(data) == [f"test.json: 'version' must be a whole number {expected}"]


def test_missing_top_level_keys() -> None:
    data = form_data(field_data("q", "text"))
    del data["version"]
    del data["pages"]
    assert problems(data) == ["test.json: 'version' is missing", "test.json: 'pages' is missing"]


@pytest.mark.parametrize(
    ("field_type", "options"),
    [
        ("text", {"min": 5, "max": 2}),
        ("number", {"min": 10.5, "max": 2}),
        ("date", {"min": "2020-01-01", "max": "2019-12-31"}),
        ("multi_choice", {"min": 3, "max": 2, "choices": choices("a", "b", "c")}),
    ],
)
def test_min_greater_than_max(field_type: str, options: dict[str, Any]) -> None:
    (message,) = problems(form_data(field_data("q", field_type, **options)))
    assert message.startswith("test.json: field 'q': 'min' (")
    assert "is greater than 'max'" in message


def test_a_multiple_choice_minimum_that_cannot_be_met() -> None:
    data = form_data(field_data("q", "multi_choice", min=3, choices=choices("a", "b")))
    assert problems(data) == ["test.json: field 'q': 'min' (3) is more than the 2 choices offered"]


def test_an_invalid_regular_expression() -> None:
    (message,) = problems(form_data(field_data("q", "text", pattern="[0-9")))
    assert message.startswith(
        "test.json: field 'q': 'pattern' is not a regular expression in RE2 syntax"
    )


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        (r"(a)\1", "invalid escape sequence"),
        ("(?=a)a", "invalid perl operator"),
        ("a{1001}", "invalid repetition size"),
        (r"\pL{1000}", "pattern too large"),
    ],
)
def test_a_pattern_re2_cannot_run_is_a_named_problem(pattern: str, said: str) -> None:
    (message,) = problems(form_data(field_data("q", "text", pattern=pattern)))
    assert "'pattern' is not a regular expression in RE2 syntax" in message
    assert said in message


def test_a_bad_date_limit() -> None:
    data = form_data(field_data("q", "date", max="yesterday"))
    assert problems(data) == [
        "test.json: field 'q': 'max' must be a date 'YYYY-MM-DD' or 'today' (got 'yesterday')"
    ]


def test_address_levels_are_one_to_four() -> None:
    assert problems(form_data(field_data("q", "address", levels=5))) == [
        "test.json: field 'q': 'levels' must be a whole number from 1 to 4 (got 5)"
    ]


def test_a_misspelt_key_is_refused_with_a_suggestion() -> None:
    assert problems(form_data(field_data("q", "text", requierd=True))) == [
        "test.json: field 'q': unknown key 'requierd' (did you mean 'required'?)"
    ]


def test_an_option_of_another_type_is_refused() -> None:
    assert problems(form_data(field_data("q", "text", choices=choices("a")))) == [
        "test.json: field 'q': 'choices' does not apply to a text field"
    ]


@pytest.mark.parametrize(
    ("field_id", "message"),
    [
        ("Name", "'id' must be lower-case letters, digits and '_', starting with a letter"),
        ("1st", "'id' must be lower-case letters, digits and '_', starting with a letter"),
        ("not", "'not' cannot be an id: it is a word of the condition language"),
    ],
)
def test_a_bad_field_id(field_id: str, message: str) -> None:
    (found,) = problems(form_data(field_data(field_id, "text")))
    assert found.startswith(f"test.json: page 'main': field 1: {message}")


def test_prefill_must_suit_the_field_type() -> None:
    assert problems(form_data(field_data("q", "text", prefill="birth_date"))) == [
        "test.json: field 'q': prefill 'birth_date' needs a date field, not text"
    ]
    assert problems(
        form_data(field_data("q", "choice", prefill="gender", choices=choices("m", "f")))
    ) == [
        "test.json: field 'q': prefill 'gender' needs choices with the values 'male' and 'female'"
    ]
    (unknown,) = problems(form_data(field_data("q", "text", prefill="nickname")))
    assert unknown.startswith("test.json: field 'q': unknown prefill 'nickname'")


def test_a_choice_value_that_the_field_does_not_offer() -> None:
    data = form_data(
        field_data("status", "choice", choices=choices("single", "married")),
        field_data("benefits", "multi_choice", choices=choices("pension", "farming")),
        field_data("spouse", "text", relevant="status = 'maried'"),
        field_data("note", "note", relevant="selected(benefits, 'pensoin')"),
    )
    assert problems(data) == [
        "test.json: field 'spouse': relevant condition: 'maried' is not a choice of field 'status'",
        "test.json: field 'note': relevant condition: "
        "'pensoin' is not a choice of field 'benefits'",
    ]


def test_selected_on_a_field_without_choices() -> None:
    data = form_data(
        field_data("n", "number"), field_data("q", "text", relevant="selected(n, '1')")
    )
    assert problems(data) == [
        "test.json: field 'q': relevant condition: "
        "selected() needs a choice field, 'n' is a number field"
    ]


def test_fields_relevant_on_each_other_are_refused() -> None:
    data = form_data(
        field_data("a", "yes_no", relevant="b = true"),
        field_data("b", "yes_no", relevant="a = true"),
    )
    assert problems(data) == [
        "test.json: field 'a': relevant condition depends on itself: a → b → a"
    ]


def test_calculations_depending_on_each_other_are_refused() -> None:
    data = form_data(
        field_data("q", "number"),
        calculate=[{"id": "x", "expression": "y + 1"}, {"id": "y", "expression": "x + q"}],
    )
    assert problems(data) == ["test.json: calculation 'x': expression depends on itself: x → y → x"]


def test_a_broken_field_does_not_make_conditions_naming_it_unknown() -> None:
    data = form_data(
        field_data("status", "choice", label={"zh_CN": "婚姻"}, choices=choices("a")),
        field_data("spouse", "text", relevant="status = 'a'"),
    )
    assert problems(data) == ["test.json: field 'status': 'label' is missing the 'en' translation"]


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    data = form_data(
        field_data("name", "txt"),
        field_data("age", "number", min=120, max=16),
        field_data("spouse", "text", relevant="marital_statu = 'married'"),
        field_data("status", "choice", choices=choices("a", "a")),
        version=0,
    )
    found = problems(data, "pension.json")
    assert len(found) == 5
    assert all(message.startswith("pension.json: ") for message in found)
    assert {message.split(": ")[1] for message in found} == {
        f"'version' must be a whole number from 1 to {MAX_FORM_VERSION} (got 0)",
        "field 'name'",
        "field 'age'",
        "field 'spouse'",
        "field 'status'",
    }


def test_form_problem_reads_as_one_line() -> None:
    assert str(FormProblem("a.json", "q", "bad")) == "a.json: field 'q': bad"
    assert str(FormProblem("a.json", None, "bad")) == "a.json: bad"


# --- a directory of forms --------------------------------------------------------------


def write_form(folder: Path, name: str, data: object) -> None:
    (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    write_form(tmp_path, "a-good.json", form_data(field_data("q", "text"), id="first"))
    (tmp_path / "b-broken.json").write_text("{", encoding="utf-8")
    write_form(tmp_path, "c-bad.json", form_data(field_data("q", "txt"), id="third"))
    write_form(tmp_path, "d-good.json", form_data(field_data("q", "text"), id="fourth"))
    (tmp_path / "notes.txt").write_text("not a form", encoding="utf-8")
    result = load_forms_dir(tmp_path)
    assert [form.id for form in result.forms] == ["first", "fourth"]
    assert [problem.source for problem in result.problems] == ["b-broken.json", "c-bad.json"]
    assert result.problems[1].field_id == "q"


def test_a_second_file_with_the_same_id_and_version_is_refused(tmp_path: Path) -> None:
    write_form(tmp_path, "a.json", form_data(field_data("q", "text"), id="same", version=2))
    write_form(tmp_path, "b.json", form_data(field_data("q", "text"), id="same", version=2))
    write_form(tmp_path, "c.json", form_data(field_data("q", "text"), id="same", version=3))
    result = load_forms_dir(tmp_path)
    assert [form.key for form in result.forms] == [("same", 2), ("same", 3)]
    assert [str(problem) for problem in result.problems] == [
        "b.json: form 'same' version 2 is already defined in a.json"
    ]


def test_a_missing_directory_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    result = load_forms_dir(tmp_path / "absent")
    assert result.forms == ()
    assert [problem.message for problem in result.problems] == ["is not a directory"]
