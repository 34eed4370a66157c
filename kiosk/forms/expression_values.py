"""The values conditions work with, and how operators treat them.

Numbers are exact decimals, so that an income threshold such as 650.10 is
compared exactly and not through binary floating point. `None` is the
language's `null`: the value of a question not answered or not asked. An
operation that does not make sense for its operands (a number plus a
string, a division by zero) gives `null` rather than stopping the kiosk,
and a comparison that cannot be made is false.
"""

from __future__ import annotations

import datetime
import decimal
import math
import operator as operators
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Column:
    """One question's values across the items of a repeating group (every member's
    income), in item order; null where an item leaves it unanswered or unasked.

    Only the aggregate functions (`count`, `sum`, `min`, `max`) read a column:
    compared or added, it behaves like any value that makes no sense there.
    """

    values: tuple[Value, ...]


Value = bool | Decimal | str | datetime.date | tuple[str, ...] | Column | None

# An explicit context: arithmetic must not depend on process-wide decimal settings.
_ARITHMETIC = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_COMPARISONS: Mapping[str, Callable[[Any, Any], bool]] = MappingProxyType(
    {
        "=": operators.eq,
        "!=": operators.ne,
        "<": operators.lt,
        "<=": operators.le,
        ">": operators.gt,
        ">=": operators.ge,
    }
)
_EQUALITY = frozenset({"=", "!="})


def to_value(raw: object) -> Value:
    """Turn a stored answer (JSON-like Python value) into a language value.

    Integers and floats become decimals, lists of strings become tuples, a
    datetime becomes its date; anything the language has no notion of is null.
    """
    if raw is None or isinstance(raw, bool | str | Column):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw)) if math.isfinite(raw) else None
    if isinstance(raw, Decimal):
        return raw if raw.is_finite() else None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, list | tuple) and all(isinstance(item, str) for item in raw):
        return tuple(str(item) for item in raw)
    return None


def as_date(value: Value) -> datetime.date | None:
    """A date, or a 'YYYY-MM-DD' string read as one; otherwise None."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def holds(value: Value) -> bool:
    """Whether a value makes a condition hold: only `true` does."""
    return value is True


def compare(operator: str, left: Value, right: Value) -> bool:
    """Apply a comparison operator; false whenever either side is null or they do not compare.

    Numbers, strings and dates take every comparison (a 'YYYY-MM-DD' string
    compares with a date as that date); yes/no values and choice lists only
    `=` and `!=`. Values of different kinds are never equal or unequal.
    """
    if left is None or right is None:
        return False
    if isinstance(left, datetime.date) or isinstance(right, datetime.date):
        left_date, right_date = as_date(left), as_date(right)
        if left_date is None or right_date is None:
            return False
        return _COMPARISONS[operator](left_date, right_date)
    if (isinstance(left, bool) and isinstance(right, bool)) or (
        isinstance(left, tuple) and isinstance(right, tuple)
    ):
        return operator in _EQUALITY and _COMPARISONS[operator](left, right)
    if (isinstance(left, Decimal) and isinstance(right, Decimal)) or (
        isinstance(left, str) and isinstance(right, str)
    ):
        return _COMPARISONS[operator](left, right)
    return False


def arithmetic(operator: str, left: Value, right: Value) -> Value:
    """Apply + - * / to two numbers; null for anything else or a division by zero."""
    if not (isinstance(left, Decimal) and isinstance(right, Decimal)):
        return None
    try:
        if operator == "+":
            return _ARITHMETIC.add(left, right)
        if operator == "-":
            return _ARITHMETIC.subtract(left, right)
        if operator == "*":
            return _ARITHMETIC.multiply(left, right)
        if right == 0:
            return None
        return _ARITHMETIC.divide(left, right)
    except decimal.DecimalException:
        return None


def negate(value: Value) -> Value:
    """-x for a number, null otherwise."""
    if isinstance(value, Decimal):
        return _ARITHMETIC.minus(value)
    return None
