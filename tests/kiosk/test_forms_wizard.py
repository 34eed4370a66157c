"""The one-question-per-screen flow, driven as the screens drive it."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from kiosk.forms import (
    REVIEW,
    Claim,
    Document,
    Field,
    Problem,
    ProblemCode,
    StepOutcome,
    Wizard,
)
from tests.kiosk.forms_fixtures import (
    FULL_ADDRESS,
    context,
    household_form,
    make_id_number,
)

APPLICANT_NUMBER = make_id_number("520102", "19800101", "123")

# Answers to every question of the household form, for a married applicant.
MARRIED_ANSWERS: dict[str, object] = {
    "full_name": "王秀英",
    "id_number": APPLICANT_NUMBER,
    "birth_date": "1980-01-01",
    "gender": "male",
    "marital_status": "married",
    "spouse_name": "李梅",
    "phone": "13800138000",
    "home": list(FULL_ADDRESS),
    "household_size": 4,
    "household_income": 1800,
    "benefits": ["farming"],
    "has_disability": False,
}


def new_wizard(**answers: object) -> Wizard:
    return Wizard(household_form(), context(), answers or None)


def ids(items: Sequence[Field | Document]) -> list[str]:
    return [item.id for item in items]


def answer_through(wizard: Wizard, answers: dict[str, object]) -> list[str]:
    """Answer each question as it comes, pressing Next, until review; the ids asked."""
    asked: list[str] = []
    while not wizard.at_review:
        current = wizard.current()
        assert current is not None
        asked.append(current.id)
        assert wizard.set_answer(answers.get(current.id)) is None, current.id
        step = wizard.next()
        assert step.outcome in (StepOutcome.MOVED, StepOutcome.REVIEW), (current.id, step)
    return asked


def test_starts_at_the_first_question() -> None:
    wizard = new_wizard()
    current = wizard.current()
    assert current is not None and current.id == "full_name"
    assert wizard.index() == 0
    assert wizard.position == "full_name"
    assert not wizard.at_review


def test_questions_leave_out_fields_that_do_not_apply_and_consents() -> None:
    wizard = new_wizard()
    assert ids(wizard.questions()) == [
        "full_name",
        "id_number",
        "birth_date",
        "gender",
        "marital_status",
        "phone",
        "home",
        "household_size",
        "household_income",
        "benefits",
        "has_disability",
    ]
    assert wizard.total() == 11
    assert ids(wizard.consents()) == ["consent"]


def test_next_refuses_to_pass_a_missing_required_answer() -> None:
    wizard = new_wizard()
    step = wizard.next()
    assert step.outcome is StepOutcome.BLOCKED
    assert step.problem == Problem(ProblemCode.REQUIRED)
    assert not step.moved
    assert wizard.position == "full_name"


def test_an_optional_question_can_be_skipped() -> None:
    wizard = new_wizard(marital_status="single")
    wizard.go_to("gender")
    assert wizard.next().moved
    assert wizard.position == "marital_status"


def test_an_invalid_answer_is_not_stored() -> None:
    wizard = new_wizard()
    wizard.go_to("phone")
    assert wizard.set_answer("12345") == Problem(ProblemCode.BAD_PHONE)
    assert "phone" not in wizard.answers
    assert wizard.next().problem == Problem(ProblemCode.REQUIRED)


def test_an_invalid_answer_leaves_the_previous_valid_one() -> None:
    wizard = new_wizard()
    wizard.go_to("phone")
    assert wizard.set_answer("138 0013 8000") is None
    assert wizard.set_answer("138") == Problem(ProblemCode.BAD_PHONE)
    assert wizard.answer("phone") == "13800138000"


def test_answers_are_stored_normalised() -> None:
    wizard = new_wizard()
    wizard.go_to("id_number")
    assert wizard.set_answer(APPLICANT_NUMBER[:17] + " " + APPLICANT_NUMBER[17].lower()) is None
    assert wizard.answer("id_number") == APPLICANT_NUMBER


def test_an_empty_answer_clears_the_stored_one() -> None:
    wizard = new_wizard(full_name="王秀英")
    assert wizard.set_answer("  ") is None
    assert "full_name" not in wizard.answers
    assert wizard.next().problem == Problem(ProblemCode.REQUIRED)


def test_a_constraint_problem_carries_the_forms_message() -> None:
    wizard = new_wizard()
    wizard.go_to("birth_date")
    problem = wizard.set_answer("2015-01-01")
    assert problem is not None and problem.code is ProblemCode.CONSTRAINT
    assert problem.message is not None and problem.message.get("en") == "You must be 16 or over"


def test_a_conditional_question_appears_and_disappears() -> None:
    wizard = new_wizard()
    wizard.go_to("marital_status")
    assert wizard.set_answer("married") is None
    assert wizard.next().moved
    assert wizard.position == "spouse_name"
    assert wizard.total() == 12

    assert wizard.back()
    assert wizard.set_answer("single") is None
    assert "spouse_name" not in ids(wizard.questions())
    assert wizard.next().moved
    assert wizard.position == "phone"
    assert wizard.total() == 11


def test_a_question_can_depend_on_a_calculation() -> None:
    wizard = new_wizard(birth_date="1960-01-01")
    assert "pension_note" in ids(wizard.questions())  # age() is 64 on the test day
    wizard = new_wizard(birth_date="1980-01-01")
    assert "pension_note" not in ids(wizard.questions())


def test_a_whole_walk_to_review_and_back() -> None:
    wizard = new_wizard()
    asked = answer_through(wizard, MARRIED_ANSWERS)
    assert asked == [
        "full_name",
        "id_number",
        "birth_date",
        "gender",
        "marital_status",
        "spouse_name",
        "phone",
        "home",
        "household_size",
        "household_income",
        "benefits",
        "has_disability",
    ]
    assert wizard.at_review
    assert wizard.current() is None
    assert wizard.position == REVIEW
    assert wizard.index() == wizard.total() == 12
    assert wizard.next().outcome is StepOutcome.REVIEW

    assert wizard.problems() == {"consent": Problem(ProblemCode.CONSENT_REQUIRED)}
    assert wizard.set_answer_of("consent", True) is None
    assert wizard.problems() == {}

    assert wizard.back()
    assert wizard.position == "has_disability"


def test_back_at_the_first_question_stays() -> None:
    wizard = new_wizard()
    assert wizard.back() is False
    assert wizard.position == "full_name"


def test_the_last_question_leads_to_review() -> None:
    wizard = new_wizard(**MARRIED_ANSWERS)
    wizard.go_to("has_disability")
    step = wizard.next()
    assert step.outcome is StepOutcome.REVIEW
    assert step.problem is None
    assert wizard.at_review


def test_a_new_required_question_blocks_the_way_to_review() -> None:
    wizard = new_wizard(**MARRIED_ANSWERS)
    wizard.go_to("has_disability")
    assert wizard.set_answer(True) is None
    assert wizard.next().moved
    assert wizard.position == "disability_grade"
    assert wizard.next().problem == Problem(ProblemCode.REQUIRED)


def test_resume_a_draft_at_its_position() -> None:
    first = new_wizard()
    answer_through_count = 0
    while first.position != "phone":
        current = first.current()
        assert current is not None
        assert first.set_answer(MARRIED_ANSWERS.get(current.id)) is None
        assert first.next().moved
        answer_through_count += 1
    saved_answers, saved_position = first.answers, first.position

    resumed = Wizard(household_form(), context(), saved_answers, saved_position)
    current = resumed.current()
    assert current is not None and current.id == "phone"
    assert resumed.answers == first.answers
    assert resumed.index() == answer_through_count == 6
    assert resumed.back() and resumed.position == "spouse_name"


def test_resume_at_review() -> None:
    wizard = Wizard(household_form(), context(), MARRIED_ANSWERS, REVIEW)
    assert wizard.at_review
    assert wizard.back() and wizard.position == "has_disability"


def test_a_draft_answer_of_a_list_is_accepted_as_stored_json_gives_it() -> None:
    wizard = Wizard(household_form(), context(), {"home": list(FULL_ADDRESS)})
    assert wizard.answer("home") == FULL_ADDRESS


def test_a_position_that_no_longer_applies_moves_to_the_next_question() -> None:
    answers = dict(MARRIED_ANSWERS, marital_status="single")
    wizard = Wizard(household_form(), context(), answers, "spouse_name")
    assert wizard.position == "phone"


def test_a_draft_from_another_form_version_is_refused() -> None:
    with pytest.raises(ValueError, match="no field 'nickname'"):
        Wizard(household_form(), context(), {"nickname": "小王"})
    with pytest.raises(ValueError, match="to resume at"):
        Wizard(household_form(), context(), {}, "nickname")


def test_go_to_only_reaches_questions_that_are_asked() -> None:
    wizard = new_wizard(marital_status="single")
    wizard.go_to("household_size")
    assert wizard.position == "household_size"
    with pytest.raises(ValueError):
        wizard.go_to("spouse_name")
    with pytest.raises(ValueError):
        wizard.go_to("nobody")
    wizard.go_to(REVIEW)
    assert wizard.at_review


def test_nothing_can_be_answered_at_review_without_going_to_a_question() -> None:
    wizard = Wizard(household_form(), context(), MARRIED_ANSWERS, REVIEW)
    with pytest.raises(RuntimeError):
        wizard.set_answer("x")
    with pytest.raises(ValueError):
        wizard.set_answer_of("disability_grade", "1")  # not asked without a disability


def test_final_answers_drop_what_no_longer_applies_but_the_draft_keeps_it() -> None:
    wizard = Wizard(household_form(), context(), dict(MARRIED_ANSWERS, consent=True), REVIEW)
    assert "spouse_name" in wizard.final_answers()
    wizard.go_to("marital_status")
    assert wizard.set_answer("widowed") is None
    final = wizard.final_answers()
    assert "spouse_name" not in final
    assert final["marital_status"] == "widowed"
    assert final["consent"] is True
    assert wizard.answers["spouse_name"] == "李梅"  # kept in case the answer changes back
    assert list(final) == [item.id for item in household_form().fields() if item.id in final]


def test_problems_cover_every_question_that_applies() -> None:
    wizard = new_wizard(marital_status="married", phone="13800138000")
    problems = wizard.problems()
    assert problems["spouse_name"] == Problem(ProblemCode.REQUIRED)
    assert problems["consent"] == Problem(ProblemCode.CONSENT_REQUIRED)
    assert "phone" not in problems
    assert "disability_grade" not in problems
    assert "benefits" not in problems  # optional


def test_a_draft_answer_that_became_invalid_is_reported_and_blocks() -> None:
    wizard = Wizard(household_form(), context(), {"household_size": 25}, "household_size")
    assert wizard.problems()["household_size"] == Problem(ProblemCode.TOO_LARGE, {"max": 20})
    assert wizard.next().problem == Problem(ProblemCode.TOO_LARGE, {"max": 20})


def test_calculated_values_follow_the_answers() -> None:
    wizard = new_wizard(household_income=1300.2, household_size=2, birth_date="1964-06-16")
    assert wizard.calculated() == {"income_per_person": Decimal("650.1"), "age": Decimal(59)}
    assert new_wizard().calculated() == {"income_per_person": None, "age": None}


def test_documents_depend_on_the_answers() -> None:
    wizard = new_wizard()
    assert ids(wizard.documents()) == ["id_card"]
    wizard = new_wizard(
        has_disability=True, marital_status="married", household_income=900, household_size=2
    )
    assert ids(wizard.documents()) == [
        "id_card",
        "disability_cert",
        "marriage_cert",
        "income_proof",
    ]
    wizard = new_wizard(household_income=1200, household_size=2)
    assert ids(wizard.documents()) == ["id_card"]


def test_a_document_disappears_when_its_answer_changes() -> None:
    wizard = new_wizard(**MARRIED_ANSWERS)
    wizard.go_to("has_disability")
    wizard.set_answer(True)
    assert "disability_cert" in ids(wizard.documents())
    wizard.set_answer(False)
    assert "disability_cert" not in ids(wizard.documents())


def test_prefill_fills_only_unanswered_fields_with_valid_claims() -> None:
    wizard = new_wizard(full_name="王秀英")
    filled = wizard.prefill(
        {
            Claim.NAME: "Someone Else",
            Claim.ID_NUMBER: APPLICANT_NUMBER.lower(),
            Claim.BIRTH_DATE: "1980-01-01",
            Claim.GENDER: "male",
            Claim.PHONE: "12345",  # not a phone number: left for the applicant
            Claim.ADDRESS: list(FULL_ADDRESS),
        }
    )
    assert filled == ["id_number", "birth_date", "gender", "home"]
    assert wizard.answer("full_name") == "王秀英"
    assert wizard.answer("id_number") == APPLICANT_NUMBER
    assert wizard.answer("home") == FULL_ADDRESS
    assert wizard.answer("phone") is None


def test_what_is_asked_follows_every_way_an_answer_changes() -> None:
    """The wizard keeps the form's evaluation between changes: each kind of change
    (prefill, an answer given, an answer cleared) must be seen by the next question."""
    wizard = new_wizard()
    assert "pension_note" not in ids(wizard.questions())
    wizard.prefill({Claim.BIRTH_DATE: "1960-01-01"})
    assert "pension_note" in ids(wizard.questions())  # age() is 64 on the test day

    wizard.go_to("marital_status")
    assert "spouse_name" not in ids(wizard.questions())
    assert wizard.set_answer("married") is None
    assert "spouse_name" in ids(wizard.questions())
    assert wizard.set_answer(None) is None
    assert "spouse_name" not in ids(wizard.questions())


def test_the_answers_property_is_a_copy() -> None:
    wizard = new_wizard(full_name="王秀英")
    copy = wizard.answers
    copy["full_name"] = "changed"
    assert wizard.answer("full_name") == "王秀英"
