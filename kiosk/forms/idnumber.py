"""PRC resident identity numbers (GB 11643-1999).

An 18-character number: a 6-digit region code (address code of GB/T 2260),
the birth date as YYYYMMDD, a 3-digit sequence number whose last digit is
odd for men and even for women, and a check character computed with
ISO 7064 MOD 11-2 (`X` stands for 10).

`check_id_number` names the first part that is wrong, so the applicant can
be told which part to look at again. A character that is not a digit is
reported as a problem of the part it sits in: in the first six as a region
problem, in the date as a date problem, in the sequence number or the check
character as a checksum problem.
"""

from __future__ import annotations

import datetime
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

# Province-level prefixes of GB/T 2260, including Taiwan (71), Hong Kong (81) and Macao (82).
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82",
    }
)  # fmt: skip

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)
_LENGTH = 18


class IdNumberProblem(StrEnum):
    """What is wrong with an ID number; the values are the answer problem codes."""

    LENGTH = "id_length"
    REGION = "id_region"
    BIRTH_DATE = "id_birth_date"
    CHECKSUM = "id_checksum"


class Gender(StrEnum):
    """Gender as the ID number records it, and as the `gender` prefill claim gives it."""

    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True)
class ResidentId:
    """The facts a valid ID number carries, used to prefill a form."""

    number: str
    region_code: str
    birth_date: datetime.date
    gender: Gender


def normalise_id_number(text: str) -> str:
    """The number as stored: full-width characters made ASCII, spaces removed, `x` as `X`.

    Applicants type on Chinese input methods, which may produce full-width
    digits, and read the number off the card in groups with spaces.
    """
    ascii_text = unicodedata.normalize("NFKC", text)
    return "".join(ascii_text.split()).upper()


def check_character(first_seventeen: str) -> str:
    """The ISO 7064 MOD 11-2 check character for the first 17 digits."""
    if len(first_seventeen) != _LENGTH - 1 or not _is_digits(first_seventeen):
        raise ValueError("the check character is computed from exactly 17 digits")
    total = sum(
        int(digit) * weight for digit, weight in zip(first_seventeen, _WEIGHTS, strict=True)
    )
    return _CHECK_CHARACTERS[total % 11]


def check_id_number(number: str, today: datetime.date) -> IdNumberProblem | None:
    """The first problem of a normalised ID number, or None when it is valid.

    `today` bounds the birth date: nobody applies before they are born.
    """
    if len(number) != _LENGTH:
        return IdNumberProblem.LENGTH
    region, birth, sequence, check = number[:6], number[6:14], number[14:17], number[17]
    if not _is_digits(region) or region[:2] not in PROVINCE_CODES:
        return IdNumberProblem.REGION
    birth_date = _birth_date(birth)
    if birth_date is None or not _EARLIEST_BIRTH <= birth_date <= today:
        return IdNumberProblem.BIRTH_DATE
    if not _is_digits(sequence) or check != check_character(number[:17]):
        return IdNumberProblem.CHECKSUM
    return None


def parse_id_number(number: str, today: datetime.date) -> ResidentId | None:
    """Region, birth date and gender of a valid ID number (normalised first); None if invalid."""
    normalised = normalise_id_number(number)
    if check_id_number(normalised, today) is not None:
        return None
    birth_date = _birth_date(normalised[6:14])
    assert birth_date is not None  # check_id_number has accepted it
    gender = Gender.MALE if int(normalised[16]) % 2 == 1 else Gender.FEMALE
    return ResidentId(normalised, normalised[:6], birth_date, gender)


def _is_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()


def _birth_date(text: str) -> datetime.date | None:
    if not _is_digits(text):
        return None
    try:
        return datetime.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None
