"""Reading one field of a form file, with the options its type allows."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from kiosk.forms.definition_reader import DefinitionReader, Location
from kiosk.forms.expression_values import as_date
from kiosk.forms.expressions import Expression
from kiosk.forms.idnumber import Gender
from kiosk.forms.model import (
    DEFAULT_ADDRESS_LEVELS,
    DEFAULT_REPEAT_MAX,
    MAX_REPEAT_ITEMS,
    Choice,
    Claim,
    Field,
    FieldType,
)
from kiosk.forms.patterns import PatternError, compile_pattern
from kiosk.forms.text import LocalText

_COMMON_KEYS = frozenset(
    {
        "id",
        "type",
        "label",
        "help",
        "label_simple",
        "help_simple",
        "required",
        "relevant",
        "constraint",
        "constraint_message",
        "prefill",
        "shared",
    }
)

_TYPE_KEYS: Mapping[FieldType, frozenset[str]] = MappingProxyType(
    {
        FieldType.TEXT: frozenset({"min", "max", "pattern"}),
        FieldType.NUMBER: frozenset({"min", "max", "integer", "unit"}),
        FieldType.DATE: frozenset({"min", "max"}),
        FieldType.CHOICE: frozenset({"choices"}),
        FieldType.MULTI_CHOICE: frozenset({"choices", "min", "max"}),
        FieldType.YES_NO: frozenset(),
        FieldType.PHONE: frozenset(),
        FieldType.ID_NUMBER: frozenset(),
        FieldType.ADDRESS: frozenset({"levels"}),
        FieldType.CONSENT: frozenset(),
        FieldType.NOTE: frozenset({"max"}),
        FieldType.IMAGE: frozenset(),
        FieldType.REPEAT: frozenset({"min", "max", "item_label", "fields"}),
    }
)

#: What a repeating group does not take from the common keys: whether it must be
#: filled is its `min`, and its items' questions carry their own rules.
_NOT_FOR_GROUPS = ("required", "constraint", "constraint_message", "prefill")

#: Types a repeating group's questions cannot have: groups do not nest, and consent is
#: given once for the whole application on the review screen.
_NOT_IN_GROUPS = frozenset({FieldType.REPEAT, FieldType.CONSENT, FieldType.IMAGE})
"""A document photo travels as an attachment of the application, named by a top-level answer."""
_ALL_TYPE_KEYS = frozenset().union(*_TYPE_KEYS.values())

#: Types whose answer never carries over to another application: consent is given to
#: one application, and a document photo is an attachment of the application it was taken for.
_NOT_SHARED = frozenset({FieldType.CONSENT, FieldType.IMAGE})

#: A shared key: lower-case words joined by dots (``applicant.phone``, ``member.income``).
SHARED_KEY = re.compile(r"[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*")
_MAX_SHARED_KEY = 64

#: The field type each identity claim can fill.
PREFILL_TYPES: Mapping[Claim, FieldType] = MappingProxyType(
    {
        Claim.NAME: FieldType.TEXT,
        Claim.ID_NUMBER: FieldType.ID_NUMBER,
        Claim.BIRTH_DATE: FieldType.DATE,
        Claim.GENDER: FieldType.CHOICE,
        Claim.PHONE: FieldType.PHONE,
        Claim.ADDRESS: FieldType.ADDRESS,
    }
)

_MAX_ADDRESS_LEVELS = 4


@dataclass(frozen=True)
class _Options:
    """The type-specific part of a field, as read from the file."""

    min: int | float | str | None = None
    max: int | float | str | None = None
    pattern: str | None = None
    integer: bool = False
    unit: LocalText | None = None
    choices: tuple[Choice, ...] = ()
    levels: int = DEFAULT_ADDRESS_LEVELS
    fields: tuple[Field, ...] = ()
    item_label: LocalText | None = None


def read_field(
    reader: DefinitionReader,
    data: Mapping[str, object],
    page_at: Location,
    position: int,
    group: str | None = None,
) -> Field | None:
    """The field described by `data`, or None after reporting what is wrong with it.

    `group` is the id of the repeating group the field is a question of, if any.
    """
    unnamed = Location(prefix=f"{page_at.prefix}field {position}: ")
    field_id = reader.identifier(data, "id", unnamed)
    at = Location(field_id=field_id) if field_id is not None else unnamed
    field_type = _field_type(reader, data, at)
    if field_type is None:
        return None
    if group is not None and field_type in _NOT_IN_GROUPS:
        reader.report(at, f"a {field_type} field cannot be a question of repeating group '{group}'")
        return None
    if field_type is FieldType.REPEAT:
        for key in _NOT_FOR_GROUPS:
            if key in data:
                reader.report(at, f"'{key}' does not apply to a repeat field (use 'min')")
    reader.check_keys(
        data,
        at,
        (_COMMON_KEYS - set(_NOT_FOR_GROUPS) if field_type is FieldType.REPEAT else _COMMON_KEYS)
        | _TYPE_KEYS[field_type],
        required=("type", "label"),
        other_kinds_keys=_ALL_TYPE_KEYS,
        kind=f"a {field_type} field",
    )
    problems_before = len(reader.problems)
    label = reader.optional_text(data, "label", at)
    help_text = reader.optional_text(data, "help", at)
    label_simple = reader.simpler_text(data, "label_simple", "label", at)
    help_simple = reader.simpler_text(data, "help_simple", "help", at)
    if field_type is FieldType.CONSENT and "label_simple" in data:
        reader.report(
            at, "a consent statement has no 'label_simple': it is what the person agrees to"
        )
    required = _required(reader, data, at)
    relevant = reader.expression(data, "relevant", at)
    constraint = reader.expression(data, "constraint", at, allow_self=True)
    constraint_message = reader.optional_text(data, "constraint_message", at)
    if "constraint_message" in data and "constraint" not in data:
        reader.report(at, "'constraint_message' is given without a 'constraint'")
    options = _TYPE_READERS[field_type](reader, data, at)
    prefill = _prefill(reader, data, at, field_type, options.choices)
    shared = _shared(reader, data, at, field_type)
    if field_id is None or label is None or len(reader.problems) > problems_before:
        return None
    return Field(
        id=field_id,
        type=field_type,
        label=label,
        help=help_text,
        label_simple=label_simple,
        help_simple=help_simple,
        required=required,
        relevant=relevant,
        constraint=constraint,
        constraint_message=constraint_message,
        min=options.min,
        max=options.max,
        pattern=options.pattern,
        integer=options.integer,
        unit=options.unit,
        choices=options.choices,
        levels=options.levels,
        prefill=prefill,
        fields=options.fields,
        item_label=options.item_label,
        shared=shared,
    )


def _field_type(
    reader: DefinitionReader, data: Mapping[str, object], at: Location
) -> FieldType | None:
    value = data.get("type")
    if value is None:
        reader.report(at, "'type' is missing")
        return None
    if isinstance(value, str) and value in set(FieldType):
        return FieldType(value)
    known = ", ".join(FieldType)
    reader.report(at, f"unknown type {value!r} (known types: {known})")
    return None


def _required(
    reader: DefinitionReader, data: Mapping[str, object], at: Location
) -> bool | Expression:
    value = data.get("required", False)
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return reader.expression(data, "required", at) or False
    reader.report(at, "'required' must be true, false or a condition")
    return False


def _prefill(
    reader: DefinitionReader,
    data: Mapping[str, object],
    at: Location,
    field_type: FieldType,
    choices: tuple[Choice, ...],
) -> Claim | None:
    value = data.get("prefill")
    if value is None:
        return None
    if not isinstance(value, str) or value not in set(Claim):
        known = ", ".join(Claim)
        reader.report(at, f"unknown prefill {value!r} (known claims: {known})")
        return None
    claim = Claim(value)
    wanted = PREFILL_TYPES[claim]
    if field_type is not wanted:
        reader.report(at, f"prefill '{claim}' needs a {wanted} field, not {field_type}")
        return None
    genders = {gender.value for gender in Gender}
    if claim is Claim.GENDER and not genders <= {choice.value for choice in choices}:
        reader.report(at, "prefill 'gender' needs choices with the values 'male' and 'female'")
        return None
    return claim


def _shared(
    reader: DefinitionReader, data: Mapping[str, object], at: Location, field_type: FieldType
) -> str | None:
    value = data.get("shared")
    if value is None:
        return None
    if field_type in _NOT_SHARED:
        reader.report(at, f"a {field_type} answer is never shared with another application")
        return None
    if (
        not isinstance(value, str)
        or len(value) > _MAX_SHARED_KEY
        or not SHARED_KEY.fullmatch(value)
    ):
        reader.report(
            at,
            f"'shared' must be lower-case words joined by dots, at most {_MAX_SHARED_KEY}"
            f" characters (applicant.phone), not {value!r}",
        )
        return None
    return value


def _text_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    shortest = reader.whole_number(data, "min", at)
    longest = reader.whole_number(data, "max", at, minimum=1)
    _check_order(reader, at, shortest, longest)
    pattern = data.get("pattern")
    if pattern is not None and not isinstance(pattern, str):
        reader.report(at, "'pattern' must be a string")
        pattern = None
    if isinstance(pattern, str):
        try:
            compile_pattern(pattern)
        except PatternError as error:
            reader.report(
                at, f"'pattern' is not a regular expression in RE2 syntax (docs/forms.md): {error}"
            )
    return _Options(min=shortest, max=longest, pattern=pattern)


def _note_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    return _Options(max=reader.whole_number(data, "max", at, minimum=1))


def _number_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    smallest = _number(reader, data, "min", at)
    largest = _number(reader, data, "max", at)
    _check_order(reader, at, smallest, largest)
    integer = data.get("integer", False)
    if not isinstance(integer, bool):
        reader.report(at, "'integer' must be true or false")
        integer = False
    return _Options(
        min=smallest, max=largest, integer=integer, unit=reader.optional_text(data, "unit", at)
    )


def _number(
    reader: DefinitionReader, data: Mapping[str, object], key: str, at: Location
) -> int | float | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        reader.report(at, f"'{key}' must be a number")
        return None
    return value


def _date_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    bounds: list[str | None] = []
    for key in ("min", "max"):
        value = data.get(key)
        if value is None or value == "today" or (isinstance(value, str) and as_date(value)):
            bounds.append(value if isinstance(value, str) else None)
        else:
            reader.report(at, f"'{key}' must be a date 'YYYY-MM-DD' or 'today' (got {value!r})")
            bounds.append(None)
    earliest, latest = bounds
    if earliest not in (None, "today") and latest not in (None, "today"):
        _check_order(reader, at, earliest, latest)
    return _Options(min=earliest, max=latest)


def _choice_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    return _Options(choices=_choices(reader, data, at))


def _multi_choice_options(
    reader: DefinitionReader, data: Mapping[str, object], at: Location
) -> _Options:
    choices = _choices(reader, data, at)
    fewest = reader.whole_number(data, "min", at)
    most = reader.whole_number(data, "max", at, minimum=1)
    _check_order(reader, at, fewest, most)
    if choices and fewest is not None and fewest > len(choices):
        reader.report(at, f"'min' ({fewest}) is more than the {len(choices)} choices offered")
    return _Options(choices=choices, min=fewest, max=most)


def _choices(
    reader: DefinitionReader, data: Mapping[str, object], at: Location
) -> tuple[Choice, ...]:
    entries = reader.object_list(data, "choices", at, required=True)
    choices: list[Choice] = []
    seen: set[str] = set()
    for position, entry in enumerate(entries, start=1):
        value = entry.get("value")
        choice_at = Location(at.field_id, f"{at.prefix}choice {position}: ")
        reader.check_keys(
            entry,
            choice_at,
            {"value", "label", "label_simple", "exclusive"},
            required=("value", "label"),
        )
        exclusive = entry.get("exclusive", False)
        if not isinstance(exclusive, bool):
            reader.report(choice_at, "'exclusive' must be true or false")
            continue
        if not isinstance(value, str) or not value.strip():
            reader.report(choice_at, "'value' must be a non-empty string")
            continue
        if value in seen:
            reader.report(at, f"choice value '{value}' appears twice")
            continue
        seen.add(value)
        label = reader.optional_text(entry, "label", choice_at)
        label_simple = reader.simpler_text(entry, "label_simple", "label", choice_at)
        if label is not None:
            choices.append(Choice(value, label, label_simple, exclusive))
    return tuple(choices)


def _address_options(
    reader: DefinitionReader, data: Mapping[str, object], at: Location
) -> _Options:
    levels = reader.whole_number(data, "levels", at, minimum=1, maximum=_MAX_ADDRESS_LEVELS)
    return _Options(levels=levels if levels is not None else DEFAULT_ADDRESS_LEVELS)


def _repeat_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    fewest = reader.whole_number(data, "min", at, maximum=MAX_REPEAT_ITEMS)
    most = reader.whole_number(data, "max", at, minimum=1, maximum=MAX_REPEAT_ITEMS)
    _check_order(reader, at, fewest, most)
    item_label = reader.text(data, "item_label", at)
    group = at.field_id or "?"
    inner_at = Location(at.field_id, f"{at.prefix}repeat '{group}': ")
    fields: list[Field] = []
    for position, entry in enumerate(reader.object_list(data, "fields", at, required=True), 1):
        inner = read_field(reader, entry, inner_at, position, group=group)
        if inner is not None:
            fields.append(inner)
    return _Options(
        min=fewest if fewest is not None else 0,
        max=most if most is not None else DEFAULT_REPEAT_MAX,
        fields=tuple(fields),
        item_label=item_label,
    )


def _no_options(reader: DefinitionReader, data: Mapping[str, object], at: Location) -> _Options:
    return _Options()


def _check_order(
    reader: DefinitionReader,
    at: Location,
    low: int | float | str | None,
    high: int | float | str | None,
) -> None:
    if low is None or high is None:
        return
    if (isinstance(low, str) and isinstance(high, str) and low > high) or (
        not isinstance(low, str) and not isinstance(high, str) and low > high
    ):
        reader.report(at, f"'min' ({low}) is greater than 'max' ({high})")


_TYPE_READERS: Mapping[
    FieldType, Callable[[DefinitionReader, Mapping[str, object], Location], _Options]
] = MappingProxyType(
    {
        FieldType.TEXT: _text_options,
        FieldType.NOTE: _note_options,
        FieldType.NUMBER: _number_options,
        FieldType.DATE: _date_options,
        FieldType.CHOICE: _choice_options,
        FieldType.MULTI_CHOICE: _multi_choice_options,
        FieldType.ADDRESS: _address_options,
        FieldType.YES_NO: _no_options,
        FieldType.PHONE: _no_options,
        FieldType.ID_NUMBER: _no_options,
        FieldType.CONSENT: _no_options,
        FieldType.IMAGE: _no_options,
        FieldType.REPEAT: _repeat_options,
    }
)
