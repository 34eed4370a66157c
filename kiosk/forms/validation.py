"""Whether an answer is acceptable, and if not, why.

A problem is a code with parameters, never a sentence: the screen turns the
code into words in the applicant's language (and reads them aloud). The
only text that comes from the form itself is a `constraint_message`. The
codes, and the parameters each carries, are exactly these:

=================  ========  ==============================================
code               params    meaning
=================  ========  ==============================================
required                     a required question has no answer
too_short          min       text shorter than `min` characters
too_long           max       text or note longer than `max` characters
pattern                      text not of the form the field asks for
not_a_number                 not a number
not_integer                  a whole number is asked for
too_small          min       number below `min`
too_large          max       number above `max`
bad_date                     not a real date written YYYY-MM-DD
date_too_early     min       date before `min` (YYYY-MM-DD)
date_too_late      max       date after `max` (YYYY-MM-DD)
unknown_choice               not one of the offered choices (or not yes/no)
too_few_choices    min       fewer than `min` choices made
too_many_choices   max       more than `max` choices made
bad_phone                    not a mainland mobile or a landline with area code
id_length                    ID number not 18 characters long
id_region                    ID number's region code (first 6) not valid
id_birth_date                ID number's birth date (7th-14th) not valid
id_checksum                  ID number's last character does not match
consent_required             a required consent is not given
bad_address                  not a complete address from the region list
constraint                   the form's own rule fails; see `message`
too_few_items      min       a repeating group has fewer than `min` items
too_many_items     max       a repeating group has more than `max` items
incomplete_item    item      item number `item` (1-based) of a repeating
                             group has a question with a problem
=================  ========  ==============================================
"""

from __future__ import annotations

import dataclasses
import datetime
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from kiosk.forms.evaluation import FormState, evaluate_form
from kiosk.forms.expression_values import as_date
from kiosk.forms.idnumber import check_id_number
from kiosk.forms.model import DEFAULT_NOTE_MAX, Field, FieldType, FormDefinition
from kiosk.forms.patterns import full_match
from kiosk.forms.regions import RegionTree
from kiosk.forms.text import LocalText

_MOBILE_OR_LANDLINE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class ProblemCode(StrEnum):
    """The codes of the table above; each is translated by the screen."""

    REQUIRED = "required"
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    PATTERN = "pattern"
    NOT_A_NUMBER = "not_a_number"
    NOT_INTEGER = "not_integer"
    TOO_SMALL = "too_small"
    TOO_LARGE = "too_large"
    BAD_DATE = "bad_date"
    DATE_TOO_EARLY = "date_too_early"
    DATE_TOO_LATE = "date_too_late"
    UNKNOWN_CHOICE = "unknown_choice"
    TOO_FEW_CHOICES = "too_few_choices"
    TOO_MANY_CHOICES = "too_many_choices"
    BAD_PHONE = "bad_phone"
    ID_LENGTH = "id_length"
    ID_REGION = "id_region"
    ID_BIRTH_DATE = "id_birth_date"
    ID_CHECKSUM = "id_checksum"
    CONSENT_REQUIRED = "consent_required"
    BAD_ADDRESS = "bad_address"
    CONSTRAINT = "constraint"
    TOO_FEW_ITEMS = "too_few_items"
    TOO_MANY_ITEMS = "too_many_items"
    INCOMPLETE_ITEM = "incomplete_item"


@dataclass(frozen=True)
class Problem:
    """Why an answer is not accepted: a code for the screen to translate, and its details."""

    code: ProblemCode
    params: dict[str, str | int | float] = dataclasses.field(default_factory=dict, hash=False)
    message: LocalText | None = None


@dataclass(frozen=True)
class ValidationContext:
    """What validation needs besides the form: the date, and the places addresses may name.

    Passed in rather than read from the clock or a file so that a check
    gives the same result in a test, at the kiosk and on the central platform.
    """

    today: datetime.date
    regions: RegionTree = dataclasses.field(default_factory=RegionTree)


def validate_answer(
    form: FormDefinition,
    field: Field,
    value: object,
    answers: Mapping[str, object],
    context: ValidationContext,
) -> Problem | None:
    """The problem with `value` as the answer to `field`, given the other answers; None if fine.

    `value` should be normalised (see normalise_answer). Conditions in
    `required` and `constraint` are evaluated as if `value` were stored.
    """
    with_value = {name: answer for name, answer in answers.items() if name != field.id}
    if not _is_empty(field, value):
        with_value[field.id] = value
    state = evaluate_form(form, with_value, context.today)
    return validate_with_state(field, value, state, context)


def validate_with_state(
    field: Field, value: object, state: FormState, context: ValidationContext
) -> Problem | None:
    """Like validate_answer, for callers that already worked out the form's state.

    For a question of a repeating group, `state` is the item's (`FormState.for_item`).
    """
    if field.repeats:
        return _check_group(field, state, context)
    if _is_empty(field, value):
        if not is_required(field, state):
            return None
        if field.type is FieldType.CONSENT:
            return Problem(ProblemCode.CONSENT_REQUIRED)
        return Problem(ProblemCode.REQUIRED)
    problem = _CHECKS[field.type](field, value, context)
    if problem is not None:
        return problem
    if field.constraint is not None and not field.constraint.holds(state.scope(value)):
        return Problem(ProblemCode.CONSTRAINT, message=field.constraint_message)
    return None


def _check_group(group: Field, state: FormState, context: ValidationContext) -> Problem | None:
    """A repeating group's count within its bounds, and every item's questions answered."""
    items = state.items.get(group.id, ())
    if isinstance(group.min, int) and len(items) < group.min:
        return Problem(ProblemCode.TOO_FEW_ITEMS, {"min": group.min})
    if isinstance(group.max, int) and len(items) > group.max:
        return Problem(ProblemCode.TOO_MANY_ITEMS, {"max": group.max})
    for index in range(len(items)):
        if item_problems(group, index, state, context):
            return Problem(ProblemCode.INCOMPLETE_ITEM, {"item": index + 1})
    return None


def item_problems(
    group: Field, index: int, state: FormState, context: ValidationContext
) -> dict[str, Problem]:
    """The problem of each question asked in one item of a repeating group, by field id."""
    item_state = state.for_item(group.id, index)
    found: dict[str, Problem] = {}
    for inner in group.fields:
        if not item_state.is_relevant(inner.id):
            continue
        answer = state.items[group.id][index].answers.get(inner.id)
        problem = validate_with_state(inner, answer, item_state, context)
        if problem is not None:
            found[inner.id] = problem
    return found


def is_required(field: Field, state: FormState) -> bool:
    """Whether the field must be answered, its `required` condition evaluated if it has one."""
    if isinstance(field.required, bool):
        return field.required
    return field.required.holds(state.scope())


def _is_empty(item: Field, value: object) -> bool:
    if item.type is FieldType.CONSENT and value is False:
        return True
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def _check_text(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if not isinstance(value, str):
        return Problem(ProblemCode.PATTERN)
    if isinstance(item.min, int) and len(value) < item.min:
        return Problem(ProblemCode.TOO_SHORT, {"min": item.min})
    if isinstance(item.max, int) and len(value) > item.max:
        return Problem(ProblemCode.TOO_LONG, {"max": item.max})
    if item.pattern is not None and not full_match(item.pattern, value):
        return Problem(ProblemCode.PATTERN)
    return None


def _check_note(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if not isinstance(value, str):
        return Problem(ProblemCode.PATTERN)
    limit = item.max if isinstance(item.max, int) else DEFAULT_NOTE_MAX
    if len(value) > limit:
        return Problem(ProblemCode.TOO_LONG, {"max": limit})
    return None


def _check_number(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return Problem(ProblemCode.NOT_A_NUMBER)
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(ProblemCode.NOT_A_NUMBER)
    if item.integer and isinstance(value, float) and not value.is_integer():
        return Problem(ProblemCode.NOT_INTEGER)
    if isinstance(item.min, int | float) and value < item.min:
        return Problem(ProblemCode.TOO_SMALL, {"min": item.min})
    if isinstance(item.max, int | float) and value > item.max:
        return Problem(ProblemCode.TOO_LARGE, {"max": item.max})
    return None


def _check_date(item: Field, value: object, context: ValidationContext) -> Problem | None:
    answer = as_date(value) if isinstance(value, str) and _ISO_DATE.fullmatch(value) else None
    if answer is None:
        return Problem(ProblemCode.BAD_DATE)
    earliest = date_bound(item.min, context.today)
    if earliest is not None and answer < earliest:
        return Problem(ProblemCode.DATE_TOO_EARLY, {"min": earliest.isoformat()})
    latest = date_bound(item.max, context.today)
    if latest is not None and answer > latest:
        return Problem(ProblemCode.DATE_TOO_LATE, {"max": latest.isoformat()})
    return None


def date_bound(bound: object, today: datetime.date) -> datetime.date | None:
    """A date field's `min` or `max` as a date: 'today' is the given day."""
    if bound == "today":
        return today
    return as_date(bound) if isinstance(bound, str) else None


def _check_choice(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if not isinstance(value, str) or value not in item.choice_values():
        return Problem(ProblemCode.UNKNOWN_CHOICE)
    return None


def _check_choices(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if not isinstance(value, list | tuple):
        return Problem(ProblemCode.UNKNOWN_CHOICE)
    known = item.choice_values()
    if not all(isinstance(choice, str) and choice in known for choice in value):
        return Problem(ProblemCode.UNKNOWN_CHOICE)
    if len(set(value)) != len(value):
        return Problem(ProblemCode.UNKNOWN_CHOICE)
    if isinstance(item.min, int) and len(value) < item.min:
        return Problem(ProblemCode.TOO_FEW_CHOICES, {"min": item.min})
    if isinstance(item.max, int) and len(value) > item.max:
        return Problem(ProblemCode.TOO_MANY_CHOICES, {"max": item.max})
    return None


def _check_yes_no(item: Field, value: object, context: ValidationContext) -> Problem | None:
    return None if isinstance(value, bool) else Problem(ProblemCode.UNKNOWN_CHOICE)


def _check_phone(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if isinstance(value, str) and _MOBILE_OR_LANDLINE.fullmatch(value):
        return None
    return Problem(ProblemCode.BAD_PHONE)


def _check_id_number(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if not isinstance(value, str):
        return Problem(ProblemCode.ID_LENGTH)
    problem = check_id_number(value, context.today)
    return None if problem is None else Problem(ProblemCode(problem.value))


def _check_address(item: Field, value: object, context: ValidationContext) -> Problem | None:
    if (
        isinstance(value, list | tuple)
        and all(isinstance(code, str) for code in value)
        and context.regions.is_valid_path(value, item.levels)
    ):
        return None
    return Problem(ProblemCode.BAD_ADDRESS)


def _check_consent(item: Field, value: object, context: ValidationContext) -> Problem | None:
    return None if value is True else Problem(ProblemCode.CONSENT_REQUIRED)


_CHECKS: Mapping[FieldType, Callable[[Field, object, ValidationContext], Problem | None]] = (
    MappingProxyType(
        {
            FieldType.TEXT: _check_text,
            FieldType.NOTE: _check_note,
            FieldType.NUMBER: _check_number,
            FieldType.DATE: _check_date,
            FieldType.CHOICE: _check_choice,
            FieldType.MULTI_CHOICE: _check_choices,
            FieldType.YES_NO: _check_yes_no,
            FieldType.PHONE: _check_phone,
            FieldType.ID_NUMBER: _check_id_number,
            FieldType.ADDRESS: _check_address,
            FieldType.CONSENT: _check_consent,
        }
    )
)
