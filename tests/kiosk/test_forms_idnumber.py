"""PRC resident ID numbers: length, region, birth date, check character."""

from __future__ import annotations

import datetime
import random

import pytest

from kiosk.forms import (
    Gender,
    IdNumberProblem,
    check_character,
    check_id_number,
    normalise_id_number,
    parse_id_number,
)
from tests.kiosk.forms_fixtures import TODAY, make_id_number, reference_check_character


def test_published_example_is_valid() -> None:
    assert check_id_number("11010519491231002X", TODAY) is None


def test_published_example_born_before_1900_has_a_good_check_character_but_is_refused() -> None:
    # The standard's own example was born in 1880; the kiosk takes births from 1900 on.
    assert check_character("44052418800101001") == "4"
    assert check_id_number("440524188001010014", TODAY) is IdNumberProblem.BIRTH_DATE


def test_check_character_agrees_with_the_standard_formula() -> None:
    generator = random.Random(11643)
    for _ in range(2000):
        body = "".join(generator.choice("0123456789") for _ in range(17))
        assert check_character(body) == reference_check_character(body), body


def test_every_check_value_including_x_occurs() -> None:
    seen = {check_character(f"52010219800101{sequence:03d}") for sequence in range(200)}
    assert seen == set("0123456789X")


def test_every_single_digit_change_is_caught() -> None:
    number = make_id_number("520102", "19800101", "123")
    assert check_id_number(number, TODAY) is None
    for position in range(17):
        for digit in "0123456789":
            if digit == number[position]:
                continue
            changed = number[:position] + digit + number[position + 1 :]
            assert check_id_number(changed, TODAY) is not None, changed


@pytest.mark.parametrize("position", [14, 15, 16])
def test_a_changed_sequence_digit_is_a_checksum_problem(position: int) -> None:
    number = make_id_number("520102", "19800101", "123")
    digit = "9" if number[position] != "9" else "8"
    changed = number[:position] + digit + number[position + 1 :]
    assert check_id_number(changed, TODAY) is IdNumberProblem.CHECKSUM


def test_swapped_neighbouring_digits_are_caught() -> None:
    number = make_id_number("520102", "19800101", "123")
    swapped = number[:14] + "213" + number[17]
    assert check_id_number(swapped, TODAY) is IdNumberProblem.CHECKSUM


def test_a_wrong_check_character_is_a_checksum_problem() -> None:
    number = make_id_number()
    wrong = "0" if number[17] != "0" else "1"
    assert check_id_number(number[:17] + wrong, TODAY) is IdNumberProblem.CHECKSUM
    assert check_id_number(number[:17] + "A", TODAY) is IdNumberProblem.CHECKSUM


def test_a_letter_in_the_sequence_is_a_checksum_problem() -> None:
    number = make_id_number()
    assert check_id_number(number[:15] + "A" + number[16:], TODAY) is IdNumberProblem.CHECKSUM


@pytest.mark.parametrize("length", [0, 15, 17, 19])
def test_wrong_length(length: int) -> None:
    number = (make_id_number() * 2)[:length]
    assert check_id_number(number, TODAY) is IdNumberProblem.LENGTH


@pytest.mark.parametrize("province", ["00", "10", "16", "24", "66", "72", "83", "99"])
def test_unknown_province_is_a_region_problem(province: str) -> None:
    number = make_id_number(province + "0102")
    assert check_id_number(number, TODAY) is IdNumberProblem.REGION


@pytest.mark.parametrize("province", ["11", "46", "54", "65", "71", "81", "82"])
def test_every_kind_of_province_code_is_accepted(province: str) -> None:
    assert check_id_number(make_id_number(province + "0102"), TODAY) is None


def test_a_letter_in_the_region_is_a_region_problem() -> None:
    number = make_id_number()
    assert check_id_number("52A1" + number[4:], TODAY) is IdNumberProblem.REGION


@pytest.mark.parametrize(
    "birth",
    [
        "19000229",  # 1900 was not a leap year
        "20230229",
        "19801301",
        "19800132",
        "18991231",  # before 1900
        "20240616",  # the day after TODAY
        "2024O101",  # a letter O for a zero
    ],
)
def test_impossible_birth_dates(birth: str) -> None:
    body = "520102" + birth + "123"
    number = body + "0"  # the date is checked before the check character
    assert check_id_number(number, TODAY) is IdNumberProblem.BIRTH_DATE


@pytest.mark.parametrize("birth", ["19000101", "20000229", "20240615"])
def test_boundary_birth_dates_are_accepted(birth: str) -> None:
    assert check_id_number(make_id_number(birth=birth), TODAY) is None


def test_normalising_accepts_what_people_type() -> None:
    assert normalise_id_number("11010519491231002x") == "11010519491231002X"
    assert normalise_id_number(" 110105 19491231 002x ") == "11010519491231002X"
    assert normalise_id_number("１１０１０５１９４９１２３１００２Ｘ") == "11010519491231002X"


def test_lower_case_x_is_only_valid_once_normalised() -> None:
    assert check_id_number("11010519491231002x", TODAY) is IdNumberProblem.CHECKSUM
    assert parse_id_number("11010519491231002x", TODAY) is not None


def test_parse_gives_birth_date_gender_and_region() -> None:
    woman = parse_id_number("11010519491231002X", TODAY)
    assert woman is not None
    assert woman.birth_date == datetime.date(1949, 12, 31)
    assert woman.gender is Gender.FEMALE
    assert woman.region_code == "110105"
    man = parse_id_number(make_id_number("520102", "19800101", "123"), TODAY)
    assert man is not None
    assert man.gender is Gender.MALE
    assert man.birth_date == datetime.date(1980, 1, 1)


def test_parse_refuses_invalid_numbers() -> None:
    assert parse_id_number("11010519491231002", TODAY) is None
    assert parse_id_number("110105194912310021", TODAY) is None


def test_check_character_needs_seventeen_digits() -> None:
    with pytest.raises(ValueError):
        check_character("1234")
    with pytest.raises(ValueError):
        check_character("1101051949123100X")
