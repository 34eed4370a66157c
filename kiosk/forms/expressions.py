"""Conditions and calculations: parsed once at load, evaluated on every answer.

`parse_expression` turns the text of a `relevant`, `required`, `constraint`,
document condition or `calculate` entry into an `Expression`. The loader
uses `names()` to refuse references to fields that do not exist; the wizard
calls `evaluate` / `holds` with a `Scope` holding the current answers.
Nothing here calls Python's eval: the syntax tree only has the node types of
`expression_syntax`, and calls go to the fixed table of functions below.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from kiosk.forms.expression_syntax import (
    COMPARISON_OPERATORS,
    Binary,
    Call,
    ExpressionError,
    Literal,
    Name,
    Node,
    SelfReference,
    Unary,
    parse,
)
from kiosk.forms.expression_values import (
    Column,
    Value,
    arithmetic,
    as_date,
    compare,
    holds,
    negate,
    to_value,
)

__all__ = ["Expression", "ExpressionError", "Scope", "Value", "parse_expression"]


@dataclass(frozen=True)
class Scope:
    """What an expression can see: answers and calculations by id, today, and `.`.

    `values` may hold stored answers as they are (ints, floats, lists,
    'YYYY-MM-DD' strings); they are read through `to_value`. A name missing
    from `values` is null, like an unanswered question.
    """

    values: Mapping[str, object]
    today: datetime.date
    self_value: object = field(default=None)

    def lookup(self, name: str) -> Value:
        """The value of a field or calculation, null when absent."""
        return to_value(self.values.get(name))


@dataclass(frozen=True)
class Expression:
    """A parsed condition or calculation, remembering the text it came from."""

    source: str
    root: Node = field(compare=False, repr=False)

    def names(self) -> frozenset[str]:
        """Every field or calculation id the expression reads (not `.`)."""
        return frozenset(node.name for node in self.nodes() if isinstance(node, Name))

    def uses_self(self) -> bool:
        """Whether the expression reads `.`, which only constraints may do."""
        return any(isinstance(node, SelfReference) for node in self.nodes())

    def nodes(self) -> Iterator[Node]:
        """Every node of the syntax tree, parents before children, for load-time checks."""
        pending: list[Node] = [self.root]
        while pending:
            node = pending.pop()
            yield node
            if isinstance(node, Unary):
                pending.append(node.operand)
            elif isinstance(node, Binary):
                pending.extend((node.right, node.left))
            elif isinstance(node, Call):
                pending.extend(reversed(node.arguments))

    def evaluate(self, scope: Scope) -> Value:
        """The value of the expression for these answers."""
        return _evaluate(self.root, scope)

    def holds(self, scope: Scope) -> bool:
        """Whether the expression, read as a condition, is true (null and non-booleans are not)."""
        return holds(self.evaluate(scope))


def parse_expression(source: str) -> Expression:
    """Parse expression text, raising ExpressionError with the position of the first mistake."""
    return Expression(source, parse(source))


def _evaluate(node: Node, scope: Scope) -> Value:
    if isinstance(node, Literal):
        return node.value
    if isinstance(node, Name):
        return scope.lookup(node.name)
    if isinstance(node, SelfReference):
        return to_value(scope.self_value)
    if isinstance(node, Unary):
        operand = _evaluate(node.operand, scope)
        return (not holds(operand)) if node.operator == "not" else negate(operand)
    if isinstance(node, Binary):
        return _evaluate_binary(node, scope)
    return _FUNCTIONS[node.function](
        [_evaluate(argument, scope) for argument in node.arguments], scope
    )


def _evaluate_binary(node: Binary, scope: Scope) -> Value:
    left = _evaluate(node.left, scope)
    if node.operator == "and":
        return holds(left) and holds(_evaluate(node.right, scope))
    if node.operator == "or":
        return holds(left) or holds(_evaluate(node.right, scope))
    right = _evaluate(node.right, scope)
    if node.operator in COMPARISON_OPERATORS:
        return compare(node.operator, left, right)
    return arithmetic(node.operator, left, right)


def _age(arguments: Sequence[Value], scope: Scope) -> Value:
    born = as_date(arguments[0])
    if born is None:
        return None
    today = scope.today
    had_birthday = (today.month, today.day) >= (born.month, born.day)
    return Decimal(today.year - born.year - (0 if had_birthday else 1))


def _today(arguments: Sequence[Value], scope: Scope) -> Value:
    return scope.today


def _selected(arguments: Sequence[Value], scope: Scope) -> Value:
    chosen, wanted = arguments
    if not isinstance(wanted, str):
        return False
    if isinstance(chosen, tuple):
        return wanted in chosen
    return chosen == wanted


def _count(arguments: Sequence[Value], scope: Scope) -> Value:
    chosen = arguments[0]
    if chosen is None:
        return Decimal(0)
    if isinstance(chosen, Column):
        return Decimal(sum(1 for value in chosen.values if value is not None))
    return Decimal(len(chosen) if isinstance(chosen, tuple) else 1)


def _numbers(column: Value) -> list[Decimal]:
    """The numbers of a column (unanswered items left out); nothing for any other value."""
    if not isinstance(column, Column):
        return []
    return [value for value in column.values if isinstance(value, Decimal)]


def _sum(arguments: Sequence[Value], scope: Scope) -> Value:
    total: Value = Decimal(0)
    for number in _numbers(arguments[0]):
        total = arithmetic("+", total, number)
    return total


def _min(arguments: Sequence[Value], scope: Scope) -> Value:
    return min(_numbers(arguments[0]), default=None)


def _max(arguments: Sequence[Value], scope: Scope) -> Value:
    return max(_numbers(arguments[0]), default=None)


def _if(arguments: Sequence[Value], scope: Scope) -> Value:
    condition, when_true, when_false = arguments
    return when_true if holds(condition) else when_false


def _coalesce(arguments: Sequence[Value], scope: Scope) -> Value:
    return next((argument for argument in arguments if argument is not None), None)


_FUNCTIONS: Mapping[str, Callable[[Sequence[Value], Scope], Value]] = MappingProxyType(
    {
        "age": _age,
        "today": _today,
        "selected": _selected,
        "count": _count,
        "if": _if,
        "coalesce": _coalesce,
        "sum": _sum,
        "min": _min,
        "max": _max,
    }
)
