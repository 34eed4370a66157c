"""Filling fields from what an ID scan (or a typed ID number) tells us.

A field with `"prefill": "birth_date"` is filled from the `birth_date`
claim, and so on (docs/forms.md). Claims are given as stored answers would
be: `name` a string, `id_number` the 18 characters, `birth_date`
'YYYY-MM-DD' (or a date), `gender` 'male' or 'female', `phone` digits,
`address` a list of region codes. Only claims that make a valid answer are
used; the applicant is asked the rest.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from kiosk.forms.idnumber import parse_id_number
from kiosk.forms.model import Answer, Claim, FormDefinition
from kiosk.forms.normalisation import normalise_answer
from kiosk.forms.validation import ValidationContext, validate_answer


def claims_from_id_number(number: str, today: datetime.date) -> dict[Claim, object]:
    """The claims a valid typed ID number carries (number, birth date, gender); {} if invalid."""
    resident = parse_id_number(number, today)
    if resident is None:
        return {}
    return {
        Claim.ID_NUMBER: resident.number,
        Claim.BIRTH_DATE: resident.birth_date.isoformat(),
        Claim.GENDER: resident.gender.value,
    }


def prefill_answers(
    form: FormDefinition,
    claims: Mapping[Claim, object],
    context: ValidationContext,
    answers: Mapping[str, Answer] | None = None,
) -> dict[str, Answer]:
    """Answers for the fields whose claim is given and valid, leaving answered fields alone."""
    known: dict[str, Answer] = dict(answers or {})
    filled: dict[str, Answer] = {}
    for item in form.fields():
        if item.prefill is None or item.prefill not in claims or item.id in known:
            continue
        try:
            value = normalise_answer(item, claims[item.prefill])
        except TypeError:
            continue  # a claim of the wrong kind is simply not used
        if value is None or validate_answer(form, item, value, known, context) is not None:
            continue
        known[item.id] = value
        filled[item.id] = value
    return filled
