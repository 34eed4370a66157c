"""The answers of one application as conditions see them.

`evaluate_form` works out, for the current answers, which fields are
relevant and what every name (field or calculation) is worth. Validation,
the wizard and the "documents to bring" list all read this one state, so
they never disagree about what is asked.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.forms.dependencies import evaluation_order, value_dependencies
from kiosk.forms.expression_values import Value, as_date, to_value
from kiosk.forms.expressions import Scope
from kiosk.forms.model import Calculation, Document, Field, FieldType, FormDefinition


@dataclass(frozen=True)
class FormState:
    """Relevance and values for one set of answers at one date."""

    values: Mapping[str, Value]
    relevant_fields: frozenset[str]
    today: datetime.date

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
    fields = {item.id: item for item in form.fields()}
    calculations = {item.id: item for item in form.calculations}
    order = evaluation_order(value_dependencies(fields.values(), calculations.values()))
    values: dict[str, Value] = {}
    relevant: set[str] = set()
    for name in order:
        if name in fields:
            values[name] = _field_value(fields[name], answers, values, today, relevant)
        else:
            values[name] = _calculated_value(calculations[name], values, today)
    return FormState(values, frozenset(relevant), today)


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
