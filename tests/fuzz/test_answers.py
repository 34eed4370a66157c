"""Answers against validation: every field type, any input, never an exception.

What an applicant types (or a scanner sends) is normalised and validated as
it is given. Whatever arrives, validation answers with a problem or with
nothing, and an answer it accepts is stored and read back unchanged.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import find, given
from hypothesis import strategies as st

from kiosk.applications import ApplicationStore
from kiosk.clock import FixedClock
from kiosk.forms import (
    Field,
    FieldType,
    FormDefinition,
    ValidationContext,
    load_form,
    load_regions,
    normalise_answer,
    validate_answer,
)
from kiosk.forms.idnumber import check_id_number
from kiosk.store import open_database
from tests.fuzz.mutations import json_values
from tests.fuzz.profile import FUZZ, examples
from tests.kiosk.forms_fixtures import make_id_number

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
FORMS = [load_form(path) for path in sorted((RESOURCES / "forms").glob("*.json"))]
# What a screen asks: every question, a repeating group's questions included (each
# asked on a screen of its own); the group itself takes no typed input.
FIELDS = [
    (form, question)
    for form in FORMS
    for item in form.fields()
    for question in (item.fields if item.repeats else (item,))
]
TODAY = datetime.date(2026, 11, 27)
CONTEXT = ValidationContext(TODAY, load_regions(RESOURCES / "regions" / "regions.json"))
TYPES_TAKING_TEXT = {
    FieldType.TEXT,
    FieldType.NOTE,
    FieldType.NUMBER,
    FieldType.DATE,
    FieldType.PHONE,
    FieldType.ID_NUMBER,
}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApplicationStore]:
    """One real kiosk database for every accepted answer of the module."""
    clock = FixedClock(datetime.datetime(2026, 11, 27, 3, tzinfo=datetime.UTC))
    opened = open_database(tmp_path_factory.mktemp("answers") / "kiosk.db", clock=clock)
    yield ApplicationStore(opened.db, clock, "FUZZ")
    opened.db.close()


def screen_input(item: Field) -> st.SearchStrategy[Any]:
    """Raw input of the Python type the screen hands over for this field."""
    if item.type in TYPES_TAKING_TEXT:
        return st.text(max_size=60) | plausible_text(item)
    if item.type in {FieldType.YES_NO, FieldType.CONSENT}:
        return st.booleans()
    if item.type is FieldType.ADDRESS:
        return st.lists(st.text(max_size=8), max_size=5) | address_path(item.levels)
    values = list(item.choice_values()) or ["none"]
    some = st.sampled_from([*values, "", "other", "0"])
    return some if item.type is FieldType.CHOICE else st.lists(some, max_size=len(values) + 1)


def plausible_text(item: Field) -> st.SearchStrategy[str]:
    """Text close to a valid answer, so the property also reaches acceptance and storage."""
    if item.type is FieldType.ID_NUMBER:
        return id_numbers()
    if item.type is FieldType.DATE:
        return st.dates(datetime.date(1890, 1, 1), datetime.date(2030, 12, 31)).map(str)
    if item.type is FieldType.NUMBER:
        low = item.min if isinstance(item.min, int | float) else -(10**6)
        high = item.max if isinstance(item.max, int | float) else 10**7
        near = st.integers(int(low) - 5, int(high) + 5).map(str)
        return near | st.floats(low - 5, high + 5).map(repr) | st.floats().map(repr)
    if item.type is FieldType.PHONE:
        return st.from_regex(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}", fullmatch=True)
    if item.pattern is not None:
        return st.from_regex(item.pattern, fullmatch=True)
    return st.text(min_size=1, max_size=item.max if isinstance(item.max, int) else 40)


def id_numbers() -> st.SearchStrategy[str]:
    """Valid resident ID numbers, born on any day from 1900 until today."""
    return st.builds(
        lambda birth, sequence: make_id_number(birth=f"{birth:%Y%m%d}", sequence=f"{sequence:03d}"),
        st.dates(datetime.date(1900, 1, 1), TODAY),
        st.integers(0, 999),
    )


@st.composite
def address_path(draw: st.DrawFn, levels: int) -> list[str]:
    """A path of region codes taken one level at a time, as the address screen offers them."""
    codes: list[str] = []
    while len(codes) < levels:
        offered = CONTEXT.regions.children(codes)
        if not offered:
            break
        codes.append(draw(st.sampled_from(offered)).code)
    return codes


@examples(150)
@given(
    st.sampled_from(FIELDS).flatmap(lambda pair: st.tuples(st.just(pair), screen_input(pair[1])))
)
def test_screen_input_is_validated_without_raising_and_accepted_answers_round_trip(
    store: ApplicationStore, case: tuple[tuple[FormDefinition, Field], Any]
) -> None:
    (form, item), raw = case
    value = normalise_answer(item, raw)
    problem = validate_answer(form, item, value, {}, CONTEXT)
    if problem is not None or value is None:
        return
    draft = store.create_draft(form.id, form.version, "zh_CN")
    store.save_draft(draft.uuid, {item.id: value}, item.id)
    stored = store.get(draft.uuid).answers[item.id]
    assert stored == (list(value) if isinstance(value, tuple) else value)
    assert validate_answer(form, item, stored, {}, CONTEXT) is None


@FUZZ
@given(st.sampled_from(FIELDS), json_values)
def test_any_json_value_is_validated_without_raising(
    pair: tuple[FormDefinition, Field], value: Any
) -> None:
    """Stored drafts and central-side checks see decoded JSON of any shape."""
    form, item = pair
    validate_answer(form, item, value, {}, CONTEXT)


@FUZZ
@given(id_numbers(), st.data())
def test_any_single_changed_character_of_an_id_number_is_caught(
    number: str, data: st.DataObject
) -> None:
    assert check_id_number(number, TODAY) is None
    position = data.draw(st.integers(0, 17))
    replacement = data.draw(st.sampled_from("0123456789X").filter(lambda c: c != number[position]))
    changed = number[:position] + replacement + number[position + 1 :]
    assert check_id_number(changed, TODAY) is not None


@FUZZ
@given(st.sampled_from(FIELDS), st.lists(json_values, max_size=3))
def test_any_other_answers_never_break_validation(
    pair: tuple[FormDefinition, Field], others: list[Any]
) -> None:
    """Conditions evaluate over the other answers, whatever shape a damaged draft gave them."""
    form, item = pair
    answers = {other.id: value for other, value in zip(form.fields(), others, strict=False)}
    validate_answer(form, item, answers.get(item.id), answers, CONTEXT)
    json.dumps(answers)  # the answers the property used are ones a draft can hold


def test_a_multi_choice_answer_holding_a_list_is_refused() -> None:
    """Found by the fuzzer: a nested list in a damaged draft raised TypeError (unhashable)."""
    form, item = next(pair for pair in FIELDS if pair[1].type is FieldType.MULTI_CHOICE)
    problem = validate_answer(form, item, [[]], {}, CONTEXT)
    assert problem is not None and problem.code == "unknown_choice"


@pytest.mark.parametrize("field_type", sorted({item.type for _, item in FIELDS}))
def test_every_field_type_has_inputs_that_reach_the_store(field_type: FieldType) -> None:
    """The round-trip property above is only worth something if acceptance is reachable."""
    form, item = next(pair for pair in FIELDS if pair[1].type is field_type)

    def accepted(raw: Any) -> bool:
        value = normalise_answer(item, raw)
        return value is not None and validate_answer(form, item, value, {}, CONTEXT) is None

    assert accepted(find(screen_input(item), accepted, settings=FUZZ))
