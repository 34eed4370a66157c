"""Typed input made into the answer that is stored.

Applicants type on on-screen keyboards and Chinese input methods: numbers
may arrive as full-width digits, phone and ID numbers in groups with spaces,
the ID check character as a lower-case `x`. Normalising first means the
validators and the stored application see one spelling of each answer.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import cast

from kiosk.forms.idnumber import normalise_id_number
from kiosk.forms.model import Answer, Field, FieldType, ItemAnswers, ScalarAnswer

_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
_PHONE_SEPARATORS = re.compile(r"[\s-]+")


def normalise_answer(field: Field, raw: object) -> Answer | None:
    """The stored form of an input for this field; None when nothing was given.

    An input of the right Python type that is still not a valid answer (a
    number field given "abc") is returned as it is, so that validation can
    say what is wrong with it. An input of a type the field can never take
    (a list for a date) is a programming mistake and raises TypeError.
    """
    if raw is None:
        return None
    return _NORMALISERS[field.type](field, raw)


def _wrong_type(field: Field, raw: object) -> TypeError:
    return TypeError(f"field {field.id!r} ({field.type}) cannot take {type(raw).__name__}")


def _text(field: Field, raw: object) -> Answer | None:
    if not isinstance(raw, str):
        raise _wrong_type(field, raw)
    return unicodedata.normalize("NFC", raw).strip() or None


def _number(field: Field, raw: object) -> Answer | None:
    if isinstance(raw, bool):
        raise _wrong_type(field, raw)
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text:
            return None
        if not _NUMBER.fullmatch(text):
            return text
        raw = Decimal(text)
    if isinstance(raw, Decimal):
        return int(raw) if raw == raw.to_integral_value() else float(raw)
    if isinstance(raw, float):
        return int(raw) if math.isfinite(raw) and raw.is_integer() else raw
    if isinstance(raw, int):
        return raw
    raise _wrong_type(field, raw)


def _date(field: Field, raw: object) -> Answer | None:
    if isinstance(raw, datetime.datetime):
        return raw.date().isoformat()
    if isinstance(raw, datetime.date):
        return raw.isoformat()
    if isinstance(raw, str):
        return unicodedata.normalize("NFKC", raw).strip() or None
    raise _wrong_type(field, raw)


def _choice_list(field: Field, raw: object) -> Answer | None:
    values = _strings(field, raw)
    known = field.choice_values()
    # Offered order, then anything unknown (which validation will refuse), without repeats.
    ordered = [value for value in known if value in values]
    ordered += [value for value in dict.fromkeys(values) if value not in known]
    return tuple(ordered) or None


def _codes(field: Field, raw: object) -> Answer | None:
    return _strings(field, raw) or None


def _strings(field: Field, raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list | tuple) or not all(isinstance(item, str) for item in raw):
        raise _wrong_type(field, raw)
    return tuple(str(item) for item in raw)


def _yes_no(field: Field, raw: object) -> Answer | None:
    if not isinstance(raw, bool):
        raise _wrong_type(field, raw)
    return raw


def _consent(field: Field, raw: object) -> Answer | None:
    if not isinstance(raw, bool):
        raise _wrong_type(field, raw)
    return True if raw else None


def _phone(field: Field, raw: object) -> Answer | None:
    if not isinstance(raw, str):
        raise _wrong_type(field, raw)
    return _PHONE_SEPARATORS.sub("", unicodedata.normalize("NFKC", raw)) or None


def _id_number(field: Field, raw: object) -> Answer | None:
    if not isinstance(raw, str):
        raise _wrong_type(field, raw)
    return normalise_id_number(raw) or None


def _items(field: Field, raw: object) -> Answer | None:
    """A repeating group's items, each answer normalised as its question's; an item
    keeps what was entered so far, so a half-entered member survives a draft."""
    if not isinstance(raw, list | tuple) or not all(isinstance(entry, Mapping) for entry in raw):
        raise _wrong_type(field, raw)
    questions = {inner.id: inner for inner in field.fields}
    items: list[ItemAnswers] = []
    for entry in raw:
        item: ItemAnswers = {}
        for field_id, answer in entry.items():
            if field_id not in questions:
                raise ValueError(f"repeating group {field.id!r} has no question {field_id!r}")
            value = normalise_answer(questions[field_id], answer)
            if value is not None:
                item[field_id] = cast(ScalarAnswer, value)  # groups never nest (see loader)
        items.append(item)
    return tuple(items) or None


_NORMALISERS: Mapping[FieldType, Callable[[Field, object], Answer | None]] = MappingProxyType(
    {
        FieldType.TEXT: _text,
        FieldType.NOTE: _text,
        FieldType.CHOICE: _text,
        FieldType.NUMBER: _number,
        FieldType.DATE: _date,
        FieldType.MULTI_CHOICE: _choice_list,
        FieldType.ADDRESS: _codes,
        FieldType.YES_NO: _yes_no,
        FieldType.CONSENT: _consent,
        FieldType.PHONE: _phone,
        FieldType.ID_NUMBER: _id_number,
        FieldType.REPEAT: _items,
    }
)
