"""Claims from an ID number, and the answers they fill."""

from __future__ import annotations

from kiosk.forms import Claim, prefill_answers
from kiosk.forms.prefill import claims_from_id_number
from tests.kiosk.forms_fixtures import TODAY, context, household_form, make_id_number


def test_a_typed_id_number_gives_number_birth_date_and_gender() -> None:
    number = make_id_number("520102", "19560312", "042")
    assert claims_from_id_number(" " + number.lower(), TODAY) == {
        Claim.ID_NUMBER: number,
        Claim.BIRTH_DATE: "1956-03-12",
        Claim.GENDER: "female",
    }


def test_an_invalid_id_number_gives_no_claims() -> None:
    assert claims_from_id_number("11010519491231002", TODAY) == {}


def test_claims_become_answers_of_the_fields_that_ask_for_them() -> None:
    number = make_id_number("520102", "19560312", "041")
    answers = prefill_answers(household_form(), claims_from_id_number(number, TODAY), context())
    assert answers == {"id_number": number, "birth_date": "1956-03-12", "gender": "male"}


def test_a_claim_that_fails_a_constraint_is_not_used() -> None:
    child = make_id_number("520102", "20150101", "041")  # too young for the birth date constraint
    answers = prefill_answers(household_form(), claims_from_id_number(child, TODAY), context())
    assert answers == {"id_number": child, "gender": "male"}


def test_a_claim_of_the_wrong_kind_is_ignored() -> None:
    answers = prefill_answers(household_form(), {Claim.NAME: 42, Claim.GENDER: "m"}, context())
    assert answers == {}
