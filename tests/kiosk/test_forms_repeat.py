"""Repeating groups (household members): loading, per-item conditions and
validation, aggregates across items, bounds, and the wizard's way through them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from kiosk.forms import (
    FormDefinitionError,
    Problem,
    ProblemCode,
    Wizard,
    evaluate_form,
    parse_form,
)
from kiosk.forms.model import DEFAULT_REPEAT_MAX, MAX_REPEAT_ITEMS
from kiosk.forms.wizard import REVIEW, StepOutcome, item_position
from tests.kiosk.forms_fixtures import (
    TODAY,
    context,
    field_data,
    form_data,
    make_id_number,
    text,
)

RELATIONS = [
    {"value": value, "label": text(value, value)} for value in ("spouse", "child", "other")
]


def members(**options: Any) -> dict[str, Any]:
    """A household members group: name, relation, an ID number asked of adults, income."""
    group: dict[str, Any] = {
        "id": "members",
        "type": "repeat",
        "label": text("家庭成员", "Household members"),
        "item_label": text("成员", "Member"),
        "min": 1,
        "max": 4,
        "fields": [
            field_data("member_name", "text", required=True),
            field_data("relation", "choice", required=True, choices=RELATIONS),
            field_data("adult", "yes_no", required=True),
            field_data("member_id", "id_number", required=True, relevant="adult = true"),
            field_data(
                "income",
                "number",
                required=True,
                min=0,
                constraint="relation != 'child' or . <= 2000",
                constraint_message=text("孩子收入太高", "Too much for a child"),
            ),
        ],
    }
    group.update(options)
    return {key: value for key, value in group.items() if value is not None}


def household(**group_options: Any) -> dict[str, Any]:
    return form_data(
        field_data("own_income", "number", required=True),
        members(**group_options),
        field_data("explanation", "note", required=True, relevant="income_per_person > 1000"),
        calculate=[
            {"id": "size", "expression": "count(members) + 1"},
            {"id": "total", "expression": "own_income + sum(income)"},
            {"id": "income_per_person", "expression": "total / size"},
            {"id": "highest", "expression": "max(income)"},
            {"id": "lowest", "expression": "min(income)"},
            {"id": "with_id", "expression": "count(member_id)"},
        ],
    )


def problems(data: object) -> list[str]:
    with pytest.raises(FormDefinitionError) as raised:
        parse_form(data, "test.json")
    return [str(problem) for problem in raised.value.problems]


ADULT = {"member_name": "李建国", "relation": "spouse", "adult": True, "income": 1500}
CHILD = {"member_name": "李小红", "relation": "child", "adult": False, "income": 0}


# --- loading -----------------------------------------------------------------------------


def test_a_group_loads_with_its_questions_bounds_and_label() -> None:
    form = parse_form(household(), "test.json")
    group = form.field("members")
    assert group.repeats
    assert (group.min, group.max) == (1, 4)
    assert [inner.id for inner in group.fields][:2] == ["member_name", "relation"]
    assert group.item_label_in("en", 2) == "Member 2"
    assert form.group_of("income") is group and form.group_of("own_income") is None
    assert not form.has_field("income")  # asked per item, not once for the form


def test_a_group_without_bounds_takes_none_to_the_default_maximum() -> None:
    form = parse_form(household(min=None, max=None), "test.json")
    group = form.field("members")
    assert (group.min, group.max) == (0, DEFAULT_REPEAT_MAX)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"max": MAX_REPEAT_ITEMS + 1},
            f"'max' must be a whole number from 1 to {MAX_REPEAT_ITEMS}",
        ),
        ({"max": 0}, "'max' must be a whole number from 1"),
        ({"min": 3, "max": 2}, "'min' (3) is greater than 'max' (2)"),
        ({"item_label": None}, "'item_label' is missing"),
        ({"fields": []}, "'fields' must be a non-empty list"),
        ({"required": True}, "'required' does not apply to a repeat field (use 'min')"),
        ({"choices": RELATIONS}, "'choices' does not apply to a repeat field"),
    ],
)
def test_bad_group_options_are_named(options: dict[str, Any], message: str) -> None:
    found = problems(household(**options))
    assert any(f"field 'members': {message}" in problem for problem in found), found


def test_groups_do_not_nest_and_hold_no_consent() -> None:
    inner_group = members(id="inner")
    inner_group["fields"] = [field_data("inner_name", "text")]
    found = problems(
        form_data(
            members(
                fields=[
                    inner_group,
                    field_data("agree", "consent"),
                    field_data("member_name", "text"),
                ]
            )
        )
    )
    assert (
        "test.json: field 'inner': a repeat field cannot be a question of repeating group 'members'"
        in found
    )
    consent = "a consent field cannot be a question of repeating group 'members'"
    assert f"test.json: field 'agree': {consent}" in found


def test_question_ids_are_unique_across_the_form_and_its_groups() -> None:
    found = problems(form_data(field_data("member_name", "text"), members()))
    assert "test.json: field 'member_name': duplicate field id" in found


@pytest.mark.parametrize(
    ("where", "expression", "message"),
    [
        ("form", "income > 100", "'income' has one value per item of repeating group 'members'"),
        ("form", "members = 2", "'members' has one value per item of repeating group 'members'"),
        ("form", "sum(own_income) > 1", "sum() needs a question of a repeating group"),
        ("form", "max(3) > 1", "max() needs a question of a repeating group"),
        ("item", "sum(income) > 1", "sum(income) reads every item of 'members'"),
        ("form", "sum(incomes) > 1", "references unknown field 'incomes'"),
        ("item", "relation = 'cousin'", "'cousin' is not a choice of field 'relation'"),
    ],
)
def test_expressions_reading_groups_wrongly_are_named(
    where: str, expression: str, message: str
) -> None:
    data = household()
    if where == "form":
        data["pages"][0]["fields"][0]["relevant"] = expression
        owner = "own_income"
    else:
        data["pages"][0]["fields"][1]["fields"][2]["relevant"] = expression
        owner = "adult"
    found = problems(data)
    assert any(
        problem.startswith(f"test.json: field '{owner}'") and message in problem
        for problem in found
    ), found


def test_a_circle_through_a_group_is_refused() -> None:
    data = household()
    data["pages"][0]["fields"][1]["relevant"] = "income_per_person < 5000"
    found = problems(data)
    assert any("depends on itself" in problem for problem in found), found


def test_a_circle_inside_an_item_is_refused() -> None:
    data = household()
    inner = data["pages"][0]["fields"][1]["fields"]
    inner[0]["relevant"] = "adult = true"
    inner[2]["relevant"] = "member_name = 'x'"
    found = problems(data)
    assert any("field 'member_name': relevant condition depends on itself" in p for p in found), (
        found
    )


def test_an_item_may_read_the_form_and_the_number_of_items() -> None:
    data = household()
    data["pages"][0]["fields"][1]["fields"][2]["relevant"] = (
        "own_income >= 0 and count(members) < 4"
    )
    form = parse_form(data, "test.json")
    state = evaluate_form(form, {"own_income": 1, "members": [CHILD]}, TODAY)
    assert state.for_item("members", 0).is_relevant("adult")


# --- evaluation: per-item conditions and aggregates ---------------------------------------


def test_aggregates_across_items_feed_calculations_and_conditions() -> None:
    form = parse_form(household(), "test.json")
    state = evaluate_form(
        form, {"own_income": 900, "members": [ADULT, CHILD, {"member_name": "x"}]}, TODAY
    )
    values = state.values
    assert values["size"] == Decimal(4)
    assert values["total"] == Decimal(2400)  # an unanswered income is left out
    assert values["income_per_person"] == Decimal(600)
    assert (values["highest"], values["lowest"]) == (Decimal(1500), Decimal(0))
    assert values["with_id"] == Decimal(0)  # no member ID entered yet
    assert not state.is_relevant("explanation")
    richer = evaluate_form(form, {"own_income": 900, "members": [{**ADULT, "income": 9000}]}, TODAY)
    assert richer.values["income_per_person"] == Decimal("4950")
    assert richer.is_relevant("explanation")


def test_no_items_count_zero_and_sum_nothing() -> None:
    form = parse_form(household(), "test.json")
    values = evaluate_form(form, {"own_income": 700}, TODAY).values
    assert values["size"] == Decimal(1)
    assert values["total"] == Decimal(700)
    assert values["highest"] is None


def test_each_item_has_its_own_relevance() -> None:
    form = parse_form(household(), "test.json")
    state = evaluate_form(form, {"members": [ADULT, CHILD]}, TODAY)
    assert state.for_item("members", 0).is_relevant("member_id")
    assert not state.for_item("members", 1).is_relevant("member_id")


def test_a_group_not_relevant_counts_nothing() -> None:
    data = household(relevant="own_income > 0")
    form = parse_form(data, "test.json")
    state = evaluate_form(form, {"own_income": 0, "members": [ADULT]}, TODAY)
    assert not state.is_relevant("members")
    assert state.values["size"] == Decimal(1)


# --- validation: bounds and per-item rules --------------------------------------------------


def wizard_at_members(items: list[dict[str, Any]]) -> Wizard:
    form = parse_form(household(), "test.json")
    wizard = Wizard(form, context(), {"own_income": 500, "members": items}, "members")
    return wizard


def test_too_few_and_too_many_items_are_problems_of_the_group() -> None:
    assert wizard_at_members([]).next().problem == Problem(ProblemCode.TOO_FEW_ITEMS, {"min": 1})
    too_many = wizard_at_members([CHILD] * 5)
    assert too_many.problems()["members"] == Problem(ProblemCode.TOO_MANY_ITEMS, {"max": 4})


def test_an_unfinished_item_blocks_the_group_and_names_the_item() -> None:
    wizard = wizard_at_members([CHILD, {"member_name": "王五"}])
    step = wizard.next()
    assert step.outcome is StepOutcome.BLOCKED
    assert step.problem == Problem(ProblemCode.INCOMPLETE_ITEM, {"item": 2})
    assert wizard.item_problems("members")[1]["relation"] == Problem(ProblemCode.REQUIRED)
    assert wizard.item_problems("members")[0] == {}


def test_an_item_constraint_reads_the_items_own_answers() -> None:
    wizard = wizard_at_members([])
    wizard.add_item("members")
    wizard.set_answer("李小红")
    wizard.next()
    wizard.set_answer("child")
    wizard.next()
    wizard.set_answer(False)
    assert wizard.next().moved
    assert wizard.position == item_position("members", 0, "income")  # no ID for a child
    problem = wizard.set_answer(2500)
    assert problem is not None and problem.code is ProblemCode.CONSTRAINT
    assert problem.message is not None and problem.message.get("en") == "Too much for a child"
    assert wizard.set_answer(300) is None


def test_an_item_id_number_is_checked_like_any_other() -> None:
    wizard = wizard_at_members([{**ADULT}])
    wizard.go_to(item_position("members", 0, "member_id"))
    problem = wizard.set_answer(make_id_number()[:-1] + "0")
    assert problem is not None and problem.code.startswith("id_")
    assert wizard.set_answer(make_id_number()) is None


# --- the wizard: add, edit, remove, back and forward --------------------------------------


def test_add_walks_the_items_questions_then_returns_to_the_summary() -> None:
    wizard = wizard_at_members([])
    assert wizard.current() is not None and wizard.current().id == "members"  # type: ignore[union-attr]
    assert wizard.add_item("members")
    for value in ("李建国", "spouse", True, make_id_number(), 2500):
        place = wizard.current_item()
        assert place is not None and place.index == 0
        assert wizard.set_answer(value) is None
        assert wizard.next().moved
    assert wizard.position == "members" and wizard.current_item() is None
    assert wizard.items("members")[0]["income"] == 2500
    assert wizard.calculated()["total"] == Decimal(3000)
    assert wizard.next().moved
    assert wizard.position == "explanation"  # 3000 / 2 > 1000


def test_back_from_an_items_first_question_drops_an_empty_item_only() -> None:
    wizard = wizard_at_members([CHILD])
    wizard.add_item("members")
    assert wizard.back()
    assert wizard.position == "members" and len(wizard.items("members")) == 1
    wizard.add_item("members")
    wizard.set_answer("王五")
    wizard.back()
    assert len(wizard.items("members")) == 2


def test_back_inside_an_item_and_from_the_summary() -> None:
    wizard = wizard_at_members([CHILD])
    wizard.edit_item("members", 0)
    wizard.next()
    assert wizard.position == item_position("members", 0, "relation")
    assert wizard.current_answer() == "child"
    assert wizard.back() and wizard.position == item_position("members", 0, "member_name")
    assert wizard.back() and wizard.position == "members"
    assert wizard.back() and wizard.position == "own_income"


def test_add_stops_at_the_maximum() -> None:
    wizard = wizard_at_members([CHILD] * 4)
    assert not wizard.add_item("members")
    assert len(wizard.items("members")) == 4


def test_remove_an_item() -> None:
    wizard = wizard_at_members([ADULT, CHILD])
    wizard.remove_item("members", 0)
    assert wizard.items("members") == ({**CHILD},)
    with pytest.raises(IndexError):
        wizard.remove_item("members", 5)


def test_a_changed_answer_moves_past_a_question_no_longer_asked() -> None:
    wizard = wizard_at_members([{**ADULT, "member_id": make_id_number()}])
    wizard.go_to(item_position("members", 0, "adult"))
    wizard.set_answer(False)
    wizard.next()
    assert wizard.position == item_position("members", 0, "income")
    assert "member_id" not in wizard.final_answers()["members"][0]  # type: ignore[index]


def test_final_answers_keep_each_items_asked_answers_in_order() -> None:
    wizard = wizard_at_members([{**CHILD, "member_id": make_id_number()}, ADULT])
    assert wizard.final_answers()["members"] == (
        {"member_name": "李小红", "relation": "child", "adult": False, "income": 0},
        {"member_name": "李建国", "relation": "spouse", "adult": True, "income": 1500},
    )


def test_a_draft_resumes_in_the_middle_of_an_item() -> None:
    form = parse_form(household(), "test.json")
    position = item_position("members", 1, "relation")
    wizard = Wizard(form, context(), {"members": [CHILD, {"member_name": "王五"}]}, position)
    assert wizard.position == position
    assert wizard.current_answer() is None
    with pytest.raises(ValueError, match="no field"):
        Wizard(form, context(), {}, "members/0/nothing")
    with pytest.raises(ValueError, match="has no question"):
        Wizard(form, context(), {"members": [{"nothing": 1}]})


def test_review_position_and_go_to_an_items_question() -> None:
    wizard = wizard_at_members([ADULT])
    wizard.go_to(REVIEW)
    assert wizard.at_review
    wizard.go_to(item_position("members", 0, "income"))
    assert wizard.current_item() is not None
    with pytest.raises(ValueError):
        wizard.go_to(item_position("members", 3, "income"))


def test_a_group_at_the_item_cap_is_evaluated_whole() -> None:
    form = parse_form(household(max=MAX_REPEAT_ITEMS), "test.json")
    items = [{**ADULT, "member_id": make_id_number()}] * MAX_REPEAT_ITEMS
    wizard = Wizard(form, context(), {"own_income": 1, "members": items}, "members")
    assert wizard.problems() == {"explanation": Problem(ProblemCode.REQUIRED)}
    assert wizard.calculated()["size"] == Decimal(MAX_REPEAT_ITEMS + 1)
