"""Working out relevance and calculations in dependency order."""

from __future__ import annotations

import datetime

import pytest

from kiosk.forms import (
    Calculation,
    DependencyCycleError,
    Field,
    FieldType,
    FormDefinition,
    LocalText,
    Page,
    evaluate_form,
    parse_expression,
)
from kiosk.forms.dependencies import evaluation_order

TODAY = datetime.date(2024, 6, 15)
LABEL = LocalText({"en": "Question"})


def form(*fields: Field, calculations: tuple[Calculation, ...] = ()) -> FormDefinition:
    return FormDefinition(
        id="built",
        version=1,
        languages=("en",),
        title=LABEL,
        pages=(Page("main", tuple(fields)),),
        calculations=calculations,
    )


def test_order_puts_every_name_after_what_it_depends_on() -> None:
    order = evaluation_order(
        {"a": frozenset({"c"}), "b": frozenset(), "c": frozenset({"b"}), "d": frozenset({"x"})}
    )
    assert order == ("b", "c", "a", "d")


def test_a_cycle_is_named() -> None:
    with pytest.raises(DependencyCycleError) as raised:
        evaluation_order({"a": frozenset({"b"}), "b": frozenset({"c"}), "c": frozenset({"a"})})
    assert raised.value.cycle == ("a", "b", "c", "a")
    assert str(raised.value) == "depends on itself: a → b → c → a"


def test_a_long_chain_does_not_exhaust_the_stack() -> None:
    chain = {f"n{index}": frozenset({f"n{index + 1}"}) for index in range(5000)}
    chain["n5000"] = frozenset()
    assert evaluation_order(chain)[0] == "n5000"


def test_relevance_may_depend_on_a_later_field_and_on_calculations() -> None:
    built = form(
        Field("early", FieldType.TEXT, LABEL, relevant=parse_expression("double > 10")),
        Field("late", FieldType.NUMBER, LABEL),
        calculations=(Calculation("double", parse_expression("late * 2")),),
    )
    assert evaluate_form(built, {"late": 6, "early": "x"}, TODAY).is_relevant("early")
    state = evaluate_form(built, {"late": 4, "early": "x"}, TODAY)
    assert not state.is_relevant("early")
    assert state.values["early"] is None  # an answer to a field not asked counts as null


def test_a_field_not_asked_is_null_for_the_fields_after_it() -> None:
    built = form(
        Field("married", FieldType.YES_NO, LABEL),
        Field("spouse_age", FieldType.NUMBER, LABEL, relevant=parse_expression("married")),
        Field("old_spouse", FieldType.YES_NO, LABEL, relevant=parse_expression("spouse_age > 60")),
    )
    state = evaluate_form(built, {"married": False, "spouse_age": 70}, TODAY)
    assert not state.is_relevant("spouse_age")
    assert not state.is_relevant("old_spouse")


def test_a_hand_built_form_with_a_cycle_is_refused_when_evaluated() -> None:
    built = form(
        Field("a", FieldType.YES_NO, LABEL, relevant=parse_expression("b")),
        Field("b", FieldType.YES_NO, LABEL, relevant=parse_expression("a")),
    )
    with pytest.raises(DependencyCycleError):
        evaluate_form(built, {}, TODAY)
