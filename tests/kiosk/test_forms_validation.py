"""Answer normalisation and validation, for every field type."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from kiosk.forms import (
    Field,
    FormDefinition,
    LocalText,
    Problem,
    ProblemCode,
    ValidationContext,
    normalise_answer,
    validate_answer,
)
from tests.kiosk.forms_fixtures import (
    FULL_ADDRESS,
    TODAY,
    context,
    field_data,
    form_with,
    make_id_number,
)


def check(
    field_type: str, raw: object, answers: dict[str, Any] | None = None, **options: Any
) -> Problem | None:
    """Normalise and validate `raw` as the answer to a one-field form."""
    form = form_with(field_data("q", field_type, **options))
    return validate_form_answer(form, form.field("q"), raw, answers)


def validate_form_answer(
    form: FormDefinition, item: Field, raw: object, answers: dict[str, Any] | None = None
) -> Problem | None:
    value = normalise_answer(item, raw)
    return validate_answer(form, item, value, answers or {}, context())


def code(field_type: str, raw: object, **options: Any) -> str | None:
    problem = check(field_type, raw, **options)
    return None if problem is None else problem.code


def test_the_problem_codes_are_exactly_the_documented_list() -> None:
    assert [member.value for member in ProblemCode] == [
        "required",
        "too_short",
        "too_long",
        "pattern",
        "not_a_number",
        "not_integer",
        "too_small",
        "too_large",
        "bad_date",
        "date_too_early",
        "date_too_late",
        "unknown_choice",
        "too_few_choices",
        "too_many_choices",
        "bad_phone",
        "id_length",
        "id_region",
        "id_birth_date",
        "id_checksum",
        "consent_required",
        "bad_address",
        "constraint",
        "too_few_items",
        "too_many_items",
        "incomplete_item",
    ]


# --- required --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field_type", "empty", "options"),
    [
        ("text", "   ", {}),
        ("number", "", {}),
        ("date", None, {}),
        ("choice", "", {"choices": [{"value": "a", "label": {"zh_CN": "甲", "en": "A"}}]}),
        ("multi_choice", [], {"choices": [{"value": "a", "label": {"zh_CN": "甲", "en": "A"}}]}),
        ("yes_no", None, {}),
        ("phone", " ", {}),
        ("id_number", "", {}),
        ("address", [], {}),
        ("note", "", {}),
    ],
)
def test_a_required_question_without_an_answer(
    field_type: str, empty: object, options: dict[str, Any]
) -> None:
    assert check(field_type, empty, required=True, **options) == Problem(ProblemCode.REQUIRED)
    assert check(field_type, empty, required=False, **options) is None


def test_a_required_consent_not_given_has_its_own_code() -> None:
    assert code("consent", False, required=True) == "consent_required"
    assert code("consent", None, required=True) == "consent_required"
    assert code("consent", True, required=True) is None
    assert code("consent", False) is None


def test_required_can_be_a_condition() -> None:
    form = form_with(
        field_data("size", "number"),
        field_data("q", "text", required="size >= 3"),
    )
    item = form.field("q")
    assert validate_form_answer(form, item, "", {"size": 4}) == Problem(ProblemCode.REQUIRED)
    assert validate_form_answer(form, item, "", {"size": 2}) is None
    assert validate_form_answer(form, item, "", {}) is None  # a condition over null does not hold


def test_false_is_an_answer_to_a_yes_no_question() -> None:
    assert code("yes_no", False, required=True) is None


# --- text and note ---------------------------------------------------------------------


def test_text_is_trimmed() -> None:
    form = form_with(field_data("q", "text"))
    assert normalise_answer(form.field("q"), "  张三 ") == "张三"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("张三", None),
        ("张", Problem(ProblemCode.TOO_SHORT, {"min": 2})),
        ("张三丰李四", Problem(ProblemCode.TOO_LONG, {"max": 4})),
        ("张三四", None),
    ],
)
def test_text_length_counts_characters(raw: str, expected: Problem | None) -> None:
    assert check("text", raw, min=2, max=4) == expected


def test_text_pattern_must_match_the_whole_answer() -> None:
    assert code("text", "6222021234567890", pattern="[0-9]{16,19}") is None
    assert code("text", "6222021234567890x", pattern="[0-9]{16,19}") == "pattern"
    assert code("text", "x6222021234567890", pattern="[0-9]{16,19}") == "pattern"


def test_text_that_is_not_a_string_is_a_pattern_problem() -> None:
    form = form_with(field_data("q", "text"))
    assert validate_answer(form, form.field("q"), 5, {}, context()) == Problem(ProblemCode.PATTERN)
    with pytest.raises(TypeError):
        normalise_answer(form.field("q"), 5)


def test_note_is_limited_to_500_characters_unless_it_says_otherwise() -> None:
    assert code("note", "字" * 500) is None
    assert check("note", "字" * 501) == Problem(ProblemCode.TOO_LONG, {"max": 500})
    assert check("note", "字" * 11, max=10) == Problem(ProblemCode.TOO_LONG, {"max": 10})


# --- numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("12", 12),
        (" 12.50 ", 12.5),
        ("１２", 12),  # full-width digits from a Chinese input method
        ("-3", -3),
        (7, 7),
        (7.0, 7),
        (2.5, 2.5),
        ("abc", "abc"),
        ("1,000", "1,000"),
    ],
)
def test_numbers_are_normalised(raw: object, stored: object) -> None:
    form = form_with(field_data("q", "number"))
    result = normalise_answer(form.field("q"), raw)
    assert result == stored
    assert type(result) is type(stored)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("5", None),
        ("abc", Problem(ProblemCode.NOT_A_NUMBER)),
        ("1,000", Problem(ProblemCode.NOT_A_NUMBER)),
        ("2.5", Problem(ProblemCode.NOT_INTEGER)),
        ("0", Problem(ProblemCode.TOO_SMALL, {"min": 1})),
        ("21", Problem(ProblemCode.TOO_LARGE, {"max": 20})),
        ("20", None),
        ("1", None),
    ],
)
def test_number_checks(raw: str, expected: Problem | None) -> None:
    assert check("number", raw, min=1, max=20, integer=True) == expected


def test_decimals_are_allowed_unless_integer_is_set() -> None:
    assert code("number", "650.5", min=0) is None


def test_a_yes_or_a_non_finite_value_is_not_a_number() -> None:
    form = form_with(field_data("q", "number"))
    item = form.field("q")
    assert validate_answer(form, item, True, {}, context()) == Problem(ProblemCode.NOT_A_NUMBER)
    nan = float("nan")
    assert validate_answer(form, item, nan, {}, context()) == Problem(ProblemCode.NOT_A_NUMBER)
    with pytest.raises(TypeError):
        normalise_answer(item, True)


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1980-02-29", None),
        (datetime.date(1980, 2, 29), None),
        ("1981-02-29", Problem(ProblemCode.BAD_DATE)),
        ("1980/02/28", Problem(ProblemCode.BAD_DATE)),
        ("19800228", Problem(ProblemCode.BAD_DATE)),
        ("28 Feb 1980", Problem(ProblemCode.BAD_DATE)),
        ("1899-12-31", Problem(ProblemCode.DATE_TOO_EARLY, {"min": "1900-01-01"})),
        ("2024-06-16", Problem(ProblemCode.DATE_TOO_LATE, {"max": TODAY.isoformat()})),
        (TODAY.isoformat(), None),
    ],
)
def test_date_checks(raw: object, expected: Problem | None) -> None:
    assert check("date", raw, min="1900-01-01", max="today") == expected


def test_dates_are_stored_as_iso_text() -> None:
    form = form_with(field_data("q", "date"))
    item = form.field("q")
    assert normalise_answer(item, datetime.date(1980, 2, 29)) == "1980-02-29"
    assert normalise_answer(item, datetime.datetime(1980, 2, 29, 10, 30)) == "1980-02-29"


def test_a_today_limit_moves_with_the_day_given() -> None:
    form = form_with(field_data("q", "date", min="today"))
    item = form.field("q")
    early = ValidationContext(datetime.date(2024, 1, 1))
    late = ValidationContext(datetime.date(2025, 1, 1))
    assert validate_answer(form, item, "2024-06-01", {}, early) is None
    assert validate_answer(form, item, "2024-06-01", {}, late) == Problem(
        ProblemCode.DATE_TOO_EARLY, {"min": "2025-01-01"}
    )


# --- choices ---------------------------------------------------------------------------

CHOICES = [
    {"value": value, "label": {"zh_CN": value, "en": value}} for value in ("a", "b", "c", "d")
]


def test_choice_must_be_offered() -> None:
    assert code("choice", "b", choices=CHOICES) is None
    assert code("choice", "e", choices=CHOICES) == "unknown_choice"
    assert code("choice", "B", choices=CHOICES) == "unknown_choice"


def test_multiple_choice_is_stored_in_offered_order_without_repeats() -> None:
    form = form_with(field_data("q", "multi_choice", choices=CHOICES))
    assert normalise_answer(form.field("q"), ["c", "a", "c"]) == ("a", "c")
    assert normalise_answer(form.field("q"), []) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["a", "b"], None),
        (["a"], Problem(ProblemCode.TOO_FEW_CHOICES, {"min": 2})),
        (["a", "b", "c", "d"], Problem(ProblemCode.TOO_MANY_CHOICES, {"max": 3})),
        (["a", "z"], Problem(ProblemCode.UNKNOWN_CHOICE)),
    ],
)
def test_multiple_choice_checks(raw: list[str], expected: Problem | None) -> None:
    assert check("multi_choice", raw, choices=CHOICES, min=2, max=3) == expected


def test_a_multiple_choice_answer_that_is_not_a_list_is_refused() -> None:
    form = form_with(field_data("q", "multi_choice", choices=CHOICES))
    assert validate_answer(form, form.field("q"), "a", {}, context()) == Problem(
        ProblemCode.UNKNOWN_CHOICE
    )


def test_yes_no_takes_only_true_or_false() -> None:
    form = form_with(field_data("q", "yes_no"))
    item = form.field("q")
    assert validate_answer(form, item, True, {}, context()) is None
    assert validate_answer(form, item, "yes", {}, context()) == Problem(ProblemCode.UNKNOWN_CHOICE)
    with pytest.raises(TypeError):
        normalise_answer(item, "yes")


# --- phone -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("138 0013 8000", "13800138000"),
        ("138-0013-8000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
        ("010-12345678", "01012345678"),
        ("0851 8123 4567", "085181234567"),
    ],
)
def test_phone_numbers_are_stored_as_digits(raw: str, stored: str) -> None:
    form = form_with(field_data("q", "phone"))
    assert normalise_answer(form.field("q"), raw) == stored
    assert check("phone", raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        "12800138000",  # no mobile prefix 12
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "+8613800138000",
        "1234567",  # landline without its area code
        "010123456",  # landline number too short
        "电话13800138000",
    ],
)
def test_bad_phone_numbers(raw: str) -> None:
    assert check("phone", raw) == Problem(ProblemCode.BAD_PHONE)


# --- ID number -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002x", None),
        ("110105 19491231 002X", None),
        ("11010519491231002", "id_length"),
        ("99010519491231002X", "id_region"),
        ("110105" + "20991231" + "0021", "id_birth_date"),
        ("110105194912310021", "id_checksum"),
    ],
)
def test_id_number_checks(raw: str, expected: str | None) -> None:
    assert code("id_number", raw) == expected


def test_id_numbers_are_stored_normalised() -> None:
    form = form_with(field_data("q", "id_number"))
    number = make_id_number(sequence="00" + "1")
    assert normalise_answer(form.field("q"), " " + number.lower() + " ") == number.upper()


# --- address ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "levels", "expected"),
    [
        (list(FULL_ADDRESS), 4, None),
        (list(FULL_ADDRESS[:3]), 4, "bad_address"),  # stops before the village
        (["520000", "520113", "520113002"], 4, None),  # a township with no villages listed
        (["520000", "520113"], 2, None),
        (list(FULL_ADDRESS), 2, "bad_address"),
        (["520000", "520113", "520113001", "999"], 4, "bad_address"),
        (["530000"], 4, None),  # a province with nothing under it in the list
        (["520113", "520000"], 2, "bad_address"),
    ],
)
def test_address_checks(codes: list[str], levels: int, expected: str | None) -> None:
    assert code("address", codes, levels=levels) == expected


def test_address_without_a_region_list_is_never_valid() -> None:
    form = form_with(field_data("q", "address"))
    bare = ValidationContext(TODAY)
    assert validate_answer(form, form.field("q"), FULL_ADDRESS, {}, bare) == Problem(
        ProblemCode.BAD_ADDRESS
    )


# --- constraints -----------------------------------------------------------------------


def test_a_failed_constraint_carries_the_forms_message() -> None:
    message = {"zh_CN": "须年满16周岁", "en": "You must be 16 or over"}
    problem = check("number", "15", constraint=". >= 16", constraint_message=message)
    assert problem == Problem(ProblemCode.CONSTRAINT, message=LocalText(message))
    assert check("number", "16", constraint=". >= 16", constraint_message=message) is None


def test_a_constraint_without_a_message() -> None:
    assert check("text", "abc", constraint=". = 'abd'") == Problem(ProblemCode.CONSTRAINT)


def test_a_constraint_may_use_other_answers() -> None:
    form = form_with(
        field_data("household_size", "number"),
        field_data("workers", "number", constraint=". <= household_size"),
    )
    item = form.field("workers")
    assert validate_form_answer(form, item, "2", {"household_size": 3}) is None
    assert validate_form_answer(form, item, "4", {"household_size": 3}) == Problem(
        ProblemCode.CONSTRAINT
    )


def test_the_type_is_checked_before_the_constraint() -> None:
    assert check("number", "abc", constraint=". >= 16") == Problem(ProblemCode.NOT_A_NUMBER)


def test_a_constraint_is_not_checked_on_an_empty_answer() -> None:
    assert check("number", "", constraint=". >= 16") is None
