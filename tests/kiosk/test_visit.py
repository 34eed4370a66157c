"""One visit, several services: what is offered from what is known, what carries over,
and the visit's tracking numbers (kiosk/visit.py), on the three sample forms."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest

from kiosk.forms import FormDefinition, ValidationContext, Wizard, load_form, parse_form
from kiosk.forms.definition_problems import FormDefinitionError
from kiosk.forms.regions import load_regions
from kiosk.visit import Visit, carry_over, shared_answers
from resources import FORMS_DIR, REGIONS_FILE
from tests.kiosk.forms_fixtures import make_id_number

TODAY = datetime.date(2026, 12, 6)
ADDRESS = ("520000", "522634", "522634100", "522634100201")
ADULT_ID = make_id_number("522634", "19600305", "121")
MINOR_ID = make_id_number("522634", "20090305", "121")  # 17 years old on TODAY


@pytest.fixture(scope="module")
def context() -> ValidationContext:
    return ValidationContext(TODAY, load_regions(REGIONS_FILE))


@pytest.fixture(scope="module")
def forms() -> dict[str, FormDefinition]:
    return {
        name: load_form(FORMS_DIR / f"{name}.json")
        for name in (
            "medical-insurance-enrolment",
            "minimum-living-allowance",
            "rural-pension-enrolment",
        )
    }


def _identity(id_number: str, birth: str) -> dict[str, Any]:
    return {
        "full_name": "王秀英",
        "id_number": id_number,
        "gender": "female",
        "birth_date": birth,
        "phone": "13812345678",
    }


def pension_answers(id_number: str = ADULT_ID, birth: str = "1960-03-05") -> dict[str, Any]:
    return {
        **_identity(id_number, birth),
        "ethnicity": "han",
        "hukou_type": "agricultural",
        "residence_address": ADDRESS,
        "bank_name": "rcc",
        "bank_account": "6228480012345678901",
    }


def offered(visit: Visit, forms: dict[str, FormDefinition], context: ValidationContext) -> set[str]:
    return {form.id for form in visit.offers(forms.values(), context)}


def test_answers_are_known_by_their_shared_key_not_their_field_id(
    forms: dict[str, FormDefinition],
) -> None:
    known = shared_answers(forms["rural-pension-enrolment"], pension_answers())
    assert known["applicant.hukou_address"] == ADDRESS  # field 'residence_address'
    assert known["applicant.name"] == "王秀英"
    assert "ethnicity" not in known and "applicant.ethnicity" not in known  # not shared


def test_the_pension_answers_carry_into_the_allowance_under_its_own_field_ids(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    known = shared_answers(forms["rural-pension-enrolment"], pension_answers())
    carried = carry_over(forms["minimum-living-allowance"], known, context)
    assert carried.eligible
    assert carried.answers == {
        "full_name": "王秀英",
        "id_number": ADULT_ID,
        "gender": "female",
        "birth_date": "1960-03-05",
        "phone": "13812345678",
        "address": ADDRESS,
        "bank_name": "rcc",
        "bank_account": "6228480012345678901",
    }


def test_the_medical_form_takes_only_what_means_the_same_there(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    """Its address is the insured person's and its card may be another member's:
    neither is shared, so neither carries over even though the ids match."""
    known = shared_answers(forms["rural-pension-enrolment"], pension_answers())
    carried = carry_over(forms["medical-insurance-enrolment"], known, context)
    assert set(carried.answers) == {"full_name", "id_number", "gender", "birth_date", "phone"}


def test_household_members_carry_over_item_by_item_by_their_questions_keys(
    context: ValidationContext,
) -> None:
    def form(form_id: str, prefix: str) -> FormDefinition:
        return parse_form(
            {
                "id": form_id,
                "version": 1,
                "languages": ["en"],
                "title": {"en": form_id},
                "pages": [
                    {
                        "id": "household",
                        "fields": [
                            {
                                "id": f"{prefix}members",
                                "type": "repeat",
                                "shared": "household.members",
                                "label": {"en": "Members"},
                                "item_label": {"en": "Member"},
                                "max": 2,
                                "fields": [
                                    {
                                        "id": f"{prefix}name",
                                        "type": "text",
                                        "shared": "member.name",
                                        "label": {"en": "Name"},
                                    },
                                    {
                                        "id": f"{prefix}income",
                                        "type": "number",
                                        "shared": "member.income",
                                        "label": {"en": "Income"},
                                    },
                                    {"id": f"{prefix}note", "type": "text", "label": {"en": "N"}},
                                ],
                            }
                        ],
                    }
                ],
            },
            f"{form_id}.json",
        )

    first, second = form("first", "a_"), form("second", "b_")
    answers = {
        "a_members": (
            {"a_name": "李建国", "a_income": 400, "a_note": "not shared"},
            {"a_name": "李小红", "a_income": 0},
            {"a_name": "third", "a_income": 1},
        )
    }
    carried = carry_over(second, shared_answers(first, answers), context)
    assert carried.answers == {
        "b_members": (
            {"b_name": "李建国", "b_income": 400},
            {"b_name": "李小红", "b_income": 0},
        )  # the second form takes at most 2
    }


def test_an_adult_is_offered_every_other_service(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    visit = Visit()
    visit.record_submitted(forms["rural-pension-enrolment"], pension_answers(), "PEN-1")
    assert offered(visit, forms, context) == {
        "minimum-living-allowance",
        "medical-insurance-enrolment",
    }


def test_a_seventeen_year_old_is_not_offered_the_allowance_for_adults(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    """The allowance asks for 18 and over (a constraint reading only the birth date):
    decided. The medical form's own age rule reads who is enrolled, still unknown:
    not decided, so it is offered."""
    visit = Visit()
    visit.learn(forms["rural-pension-enrolment"], pension_answers(MINOR_ID, birth="2009-03-05"))
    carried = carry_over(forms["minimum-living-allowance"], visit.known, context)
    assert [item.id for item in carried.ruled_out_by] == ["birth_date"]
    assert offered(visit, forms, context) == {
        "rural-pension-enrolment",
        "medical-insurance-enrolment",
    }


def test_a_condition_becomes_decided_once_what_it_reads_is_known(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    medical = (FORMS_DIR / "medical-insurance-enrolment.json").read_text(encoding="utf-8")
    definition = parse_form(_with_shared(medical, "enrol_for", "medical.enrol_for"), "medical.json")
    minor = {**_identity(MINOR_ID, "2009-03-05")}
    known = shared_answers(forms["medical-insurance-enrolment"], minor)
    assert carry_over(definition, known, context).eligible  # enrolling whom? not known
    known["medical.enrol_for"] = "child"
    assert not carry_over(definition, known, context).eligible  # under 18 for someone else
    known["medical.enrol_for"] = "self"
    assert carry_over(definition, known, context).eligible


def _with_shared(text: str, field_id: str, key: str) -> dict[str, Any]:
    definition: dict[str, Any] = json.loads(text)
    for page in definition["pages"]:
        for item in page["fields"]:
            if item["id"] == field_id:
                item["shared"] = key
    return definition


def test_an_answer_the_other_form_cannot_take_is_asked_again(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    known = shared_answers(forms["rural-pension-enrolment"], pension_answers())
    known["applicant.bank_name"] = "a-bank-the-form-does-not-list"
    known["applicant.phone"] = ("not", "a", "phone")
    carried = carry_over(forms["minimum-living-allowance"], known, context)
    assert carried.eligible
    assert "bank_name" not in carried.answers and "phone" not in carried.answers
    assert carried.answers["bank_account"] == "6228480012345678901"


def test_the_visit_keeps_every_tracking_number_and_offers_nothing_twice(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    visit = Visit()
    visit.record_submitted(forms["rural-pension-enrolment"], pension_answers(), "PEN-1")
    changed = {**pension_answers(), "phone": "13900001111", "address": ADDRESS}
    visit.record_submitted(forms["minimum-living-allowance"], changed, "MLA-2")
    assert visit.tracking_numbers() == ("PEN-1", "MLA-2")
    assert [item.form_id for item in visit.applications] == [
        "rural-pension-enrolment",
        "minimum-living-allowance",
    ]
    assert visit.known["applicant.phone"] == "13900001111"  # the latest answer wins
    assert offered(visit, forms, context) == {"medical-insurance-enrolment"}
    assert visit.offers(forms.values(), context, current="medical-insurance-enrolment") == []


def current_id(wizard: Wizard) -> str | None:
    current = wizard.current()
    return None if current is None else current.id


def test_confirmed_answers_are_passed_by_and_asked_again_once_changed_from_review(
    forms: dict[str, FormDefinition], context: ValidationContext
) -> None:
    allowance = forms["minimum-living-allowance"]
    known = shared_answers(forms["rural-pension-enrolment"], pension_answers())
    carried = carry_over(allowance, known, context)
    wizard = Wizard(allowance, context, carried.answers)
    wizard.confirm(carried.answers)
    assert current_id(wizard) == "relation_to_head"
    assert wizard.set_answer("head") is None
    assert wizard.next().moved
    # phone and address follow relation_to_head in the form: carried, confirmed, passed by
    assert current_id(wizard) == "applicant_income"
    assert (wizard.index(), wizard.total()) == (1, len(wizard.questions()) - len(carried.answers))
    assert wizard.back()
    assert current_id(wizard) == "relation_to_head"
    assert not wizard.back()  # the carried identity answers before it are passed by
    review_ids = [item.id for item in wizard.questions()]
    assert "full_name" in review_ids and "bank_account" in review_ids  # review lists them
    wizard.go_to("phone")  # changed from review
    assert current_id(wizard) == "phone"
    assert "phone" not in wizard.confirmed


def test_shared_keys_are_checked_when_a_form_loads() -> None:
    definition = _with_shared(
        (FORMS_DIR / "rural-pension-enrolment.json").read_text(encoding="utf-8"),
        "bank_account",
        "applicant.phone",
    )
    for page in definition["pages"]:
        for item in page["fields"]:
            if item["id"] == "consent":
                item["shared"] = "applicant.consent"
            if item["id"] == "address_detail":
                item["shared"] = "Not A Key"
    with pytest.raises(FormDefinitionError) as refused:
        parse_form(definition, "pension.json")
    messages = [str(problem) for problem in refused.value.problems]
    assert any(
        "bank_account" in text and "'applicant.phone' is already field 'phone''s" in text
        for text in messages
    ), messages
    assert any("consent answer is never shared" in text for text in messages), messages
    assert any("address_detail" in text and "lower-case words" in text for text in messages)
