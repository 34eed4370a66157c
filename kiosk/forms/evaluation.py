"""The answers of one application as conditions see them.

`evaluate_form` works out, for the current answers, which fields are
relevant and what every name (field or calculation) is worth. Validation,
the wizard and the "documents to bring" list all read this one state, so
they never disagree about what is asked.

A repeating group's items are worked out one by one: inside an item a
question's name means that item's answer; outside, it means the column of
every item's answer, which only the aggregate functions read.
"""

from __future__ import annotations

import datetime
from collections import ChainMap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from kiosk.forms.dependencies import evaluation_order, item_dependencies, value_dependencies
from kiosk.forms.expression_values import Column, Value, as_date, to_value
from kiosk.forms.expressions import Scope
from kiosk.forms.model import Calculation, Document, Field, FieldType, FormDefinition


@dataclass(frozen=True)
class ItemState:
    """One item of a repeating group: its stored answers, its questions' values and
    which of them are asked."""

    answers: Mapping[str, object]
    values: Mapping[str, Value]
    relevant_fields: frozenset[str]


@dataclass(frozen=True)
class FormState:
    """Relevance and values for one set of answers at one date."""

    values: Mapping[str, Value]
    relevant_fields: frozenset[str]
    today: datetime.date
    items: Mapping[str, tuple[ItemState, ...]] = field(default_factory=lambda: MappingProxyType({}))
    """Each relevant repeating group's items, by the group's id."""

    def for_item(self, group_id: str, index: int) -> FormState:
        """The state as one item's questions see it: their own answers by name, the
        rest of the form as it is. IndexError for an item the group does not have."""
        item = self.items[group_id][index]
        return FormState(
            ChainMap(dict(item.values), dict(self.values)), item.relevant_fields, self.today
        )

    def scope(self, self_value: object = None) -> Scope:
        """A scope for evaluating a condition; `self_value` is what `.` means."""
        return Scope(self.values, self.today, self_value)

    def is_relevant(self, field_id: str) -> bool:
        """Whether the field is asked with these answers."""
        return field_id in self.relevant_fields


def evaluate_form(
    form: FormDefinition, answers: Mapping[str, object], today: datetime.date
) -> FormState:
    """Relevance of every field and the value of every name, for these answers.

    Raises DependencyCycleError for a definition the loader would have refused.
    """
    plan = _plan_of(_TheForm(form))
    values: dict[str, Value] = {}
    relevant: set[str] = set()
    items: dict[str, tuple[ItemState, ...]] = {}
    for name in plan.order:
        if name in plan.calculations:
            values[name] = _calculated_value(plan.calculations[name], values, today)
        elif name in plan.item_orders:
            _group_values(
                form.field(name), plan.item_orders[name], answers, values, today, relevant, items
            )
        else:
            values[name] = _field_value(form.field(name), answers, values, today, relevant)
    return FormState(values, frozenset(relevant), today, MappingProxyType(items))


@dataclass(frozen=True)
class _Plan:
    """What evaluating a form takes that its answers do not change: worked out once per form
    (the kiosk evaluates the same form on every press of Next)."""

    calculations: Mapping[str, Calculation]
    order: tuple[str, ...]
    item_orders: Mapping[str, tuple[str, ...]]
    """For each repeating group, the order its questions are worked out in within an item."""


class _TheForm:
    """A form as a cache key by identity: a form's own hash walks its whole definition."""

    __slots__ = ("form",)

    def __init__(self, form: FormDefinition) -> None:
        self.form = form

    def __hash__(self) -> int:
        return id(self.form)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _TheForm) and other.form is self.form


@lru_cache(maxsize=64)
def _plan_of(key: _TheForm) -> _Plan:
    """The plan of a form; the cache holds the form, so its identity stays its own."""
    calculations = {item.id: item for item in key.form.calculations}
    return _Plan(
        calculations=calculations,
        order=evaluation_order(value_dependencies(key.form.fields(), calculations.values())),
        item_orders={
            group.id: evaluation_order(item_dependencies(group)) for group in key.form.repeats()
        },
    )


def _group_values(
    group: Field,
    order: tuple[str, ...],
    answers: Mapping[str, object],
    values: dict[str, Value],
    today: datetime.date,
    relevant: set[str],
    items: dict[str, tuple[ItemState, ...]],
) -> None:
    """Work out each item of a repeating group, and the group's columns for aggregates."""
    if group.relevant is not None and not group.relevant.holds(Scope(values, today)):
        values[group.id] = None
        values.update(dict.fromkeys((inner.id for inner in group.fields), None))
        return
    relevant.add(group.id)
    entered = stored_items(answers.get(group.id))
    values[group.id] = Column((True,) * len(entered))
    inner_fields = {inner.id: inner for inner in group.fields}
    states: list[ItemState] = []
    for entry in entered:
        own: dict[str, Value] = {}
        asked: set[str] = set()
        seen = ChainMap(own, values)
        for name in order:
            own[name] = _field_value(inner_fields[name], entry, seen, today, asked)
        states.append(ItemState(entry, MappingProxyType(own), frozenset(asked)))
    items[group.id] = tuple(states)
    for inner in group.fields:
        values[inner.id] = Column(tuple(state.values[inner.id] for state in states))


def stored_items(answer: object) -> Sequence[Mapping[str, object]]:
    """A repeating group's stored items; nothing for an answer that is not a list of items."""
    if not isinstance(answer, list | tuple):
        return ()
    return [entry for entry in answer if isinstance(entry, Mapping)]


def _field_value(
    item: Field,
    answers: Mapping[str, object],
    values: Mapping[str, Value],
    today: datetime.date,
    relevant: set[str],
) -> Value:
    if item.relevant is not None and not item.relevant.holds(Scope(values, today)):
        return None
    relevant.add(item.id)
    return answer_value(item, answers.get(item.id))


def _calculated_value(
    calculation: Calculation, values: Mapping[str, Value], today: datetime.date
) -> Value:
    return calculation.expression.evaluate(Scope(values, today))


def answer_value(item: Field, answer: object) -> Value:
    """A stored answer as a language value; a date field's answer becomes a date."""
    value = to_value(answer)
    if item.type is FieldType.DATE:
        return as_date(value)
    return value


def relevant_documents(form: FormDefinition, state: FormState) -> tuple[Document, ...]:
    """The documents to bring with these answers, in the order the form lists them."""
    scope = state.scope()
    return tuple(
        document
        for document in form.documents
        if document.relevant is None or document.relevant.holds(scope)
    )
