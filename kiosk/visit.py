"""One visit, several services: what the person has already told the kiosk, which
other services to offer them, and which answers carry over into the next application.

Answers carry over by a declared meaning, never by a coincidence of ids: a field
with ``"shared": "applicant.phone"`` in one form and a field with the same key in
another mean the same thing (docs/forms.md, "Shared answers"). A repeating group
carries its items when both groups share a key, each item's answers by its
questions' keys.

A service is offered unless what is known already rules it out: a carried answer
whose field is certainly asked and whose constraint certainly refuses it, reading
nothing that is still unknown (a 17-year-old is not offered a service for adults
once their birth date is known). A condition that reads an answer not given yet
cannot be decided, and the service is offered: the form asks the rest.

Everything here lives in memory for the length of one visit and is dropped whole
when the kiosk resets; only each application's own draft is stored (sealed), with
the visit's random id, so that any receipt of the visit, reprints included, lists
its tracking numbers (:meth:`kiosk.applications.ApplicationStore.visit_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from uuid import uuid4

from kiosk.forms.evaluation import FormState, evaluate_form
from kiosk.forms.model import Answer, Field, FormDefinition, ItemAnswers, ScalarAnswer
from kiosk.forms.normalisation import normalise_answer
from kiosk.forms.text import LocalText
from kiosk.forms.validation import ProblemCode, ValidationContext, validate_with_state

#: What a shared key holds: one answer, or a shared group's items as
#: ``{member key: answer}`` mappings.
SharedValue = ScalarAnswer | tuple[Mapping[str, ScalarAnswer], ...]


def shared_answers(form: FormDefinition, answers: Mapping[str, object]) -> dict[str, SharedValue]:
    """The answers of `form` that have a shared key, by that key."""
    known: dict[str, SharedValue] = {}
    for item in form.shared_fields():
        value = answers.get(item.id)
        if value is None or item.shared is None:
            continue
        if item.repeats:
            known[item.shared] = _shared_items(item, value)
        else:
            known[item.shared] = value  # type: ignore[assignment]  # a stored scalar answer
    return known


def _shared_items(group: Field, value: object) -> tuple[Mapping[str, ScalarAnswer], ...]:
    entries = value if isinstance(value, list | tuple) else ()
    items: list[Mapping[str, ScalarAnswer]] = []
    for entry in entries:
        if not isinstance(entry, Mapping):
            continue
        items.append(
            {
                inner.shared: entry[inner.id]
                for inner in group.fields
                if inner.shared is not None and inner.id in entry
            }
        )
    return tuple(item for item in items if item)


@dataclass(frozen=True)
class CarriedAnswers:
    """What the known answers mean for one form."""

    answers: dict[str, Answer]
    """Answers of the form taken from what is known, each one the form accepts (or whose
    condition reads something still unknown): shown for confirmation, not asked again."""
    ruled_out_by: tuple[Field, ...]
    """Fields whose carried answer the form certainly refuses: the person cannot apply."""

    @property
    def eligible(self) -> bool:
        """False when what is known already rules the service out."""
        return not self.ruled_out_by


def carry_over(
    form: FormDefinition, known: Mapping[str, SharedValue], context: ValidationContext
) -> CarriedAnswers:
    """The answers `form` takes from `known`, and whether they already rule it out.

    An answer of the wrong kind for the field (a landline where only a mobile is
    taken, a bank the form does not list) is left out: the person is asked it.
    """
    typed = _typed_answers(form, known, context)
    state = evaluate_form(form, typed, context.today)
    decided = _Decided(form, typed, state)
    answers: dict[str, Answer] = {}
    ruled_out: list[Field] = []
    for field_id, value in typed.items():
        item = form.field(field_id)
        problem = None if item.repeats else validate_with_state(item, value, state, context)
        if problem is None or not decided.refusal(item):
            answers[field_id] = value
        else:
            ruled_out.append(item)
    return CarriedAnswers(answers, tuple(ruled_out))


def _typed_answers(
    form: FormDefinition, known: Mapping[str, SharedValue], context: ValidationContext
) -> dict[str, Answer]:
    """The known answers as the form's fields store them, each of a kind its field takes
    (checked alone: its conditions are weighed by the caller)."""
    typed: dict[str, Answer] = {}
    for item in form.shared_fields():
        if item.shared is None or item.shared not in known:
            continue
        raw = known[item.shared]
        try:
            value = _group_answer(item, raw) if item.repeats else normalise_answer(item, raw)
        except (TypeError, ValueError):
            continue  # an answer of another kind: asked again
        if value is None:
            continue
        alone = evaluate_form(form, {item.id: value}, context.today)
        problem = None if item.repeats else validate_with_state(item, value, alone, context)
        if problem is None or problem.code is ProblemCode.CONSTRAINT:
            typed[item.id] = value
    return typed


def _group_answer(group: Field, raw: object) -> Answer | None:
    """A shared group's items in this form's question ids, at most the group's `max`."""
    by_key = {inner.shared: inner for inner in group.fields if inner.shared is not None}
    items: list[ItemAnswers] = []
    for entry in raw if isinstance(raw, tuple | list) else ():
        if not isinstance(entry, Mapping):
            continue
        item: ItemAnswers = {}
        for key, value in entry.items():
            inner = by_key.get(key)
            if inner is None:
                continue
            normalised = normalise_answer(inner, value)
            if normalised is not None:
                item[inner.id] = normalised  # type: ignore[assignment]  # groups never nest
        if item:
            items.append(item)
    if isinstance(group.max, int):
        items = items[: group.max]
    return normalise_answer(group, tuple(items)) if items else None


class _Decided:
    """Which names of a form have a value that answers still to come cannot change."""

    def __init__(
        self, form: FormDefinition, answers: Mapping[str, Answer], state: FormState
    ) -> None:
        self._form = form
        self._answers = answers
        self._state = state
        self._known: dict[str, bool] = {}

    def refusal(self, item: Field) -> bool:
        """Whether the field is certainly asked and its constraint certainly refuses the
        answer (every name it reads is decided, so no later answer can change that)."""
        if item.constraint is None or not self._state.is_relevant(item.id):
            return False
        return self._relevance_decided(item) and self._all(item.constraint.names() - {item.id})

    def _relevance_decided(self, item: Field) -> bool:
        return item.relevant is None or self._all(item.relevant.names())

    def _all(self, names: Iterable[str]) -> bool:
        return all(self._name(name) for name in names)

    def _name(self, name: str) -> bool:
        if name not in self._known:
            self._known[name] = False  # the loader refuses cycles; this only stops a loop
            self._known[name] = self._work_out(name)
        return self._known[name]

    def _work_out(self, name: str) -> bool:
        group = self._form.group_of(name)
        if group is not None:
            return self._name(group.id)
        for calculation in self._form.calculations:
            if calculation.id == name:
                return self._all(calculation.expression.names())
        if not self._form.has_field(name):
            return False
        item = self._form.field(name)
        if not self._relevance_decided(item):
            return False
        # Answered and asked, or certainly not asked (then its value is null for good).
        return item.id in self._answers or not self._state.is_relevant(item.id)


@dataclass(frozen=True)
class VisitApplication:
    """One application submitted during the visit, as the visit's receipt lists it."""

    form_id: str
    title: LocalText
    tracking_number: str


@dataclass
class Visit:
    """One person at the kiosk, from the ID read to the reset: kept in memory only, but
    for its random id, stored with each application of the visit."""

    id: str = field(default_factory=lambda: str(uuid4()))
    """Random, stored with each application of the visit; it says nothing of the person."""
    known: dict[str, SharedValue] = field(default_factory=dict)
    """Every shared answer given so far, the latest winning (a changed phone number)."""
    applications: list[VisitApplication] = field(default_factory=list)
    identity_check: dict[str, object] | None = None
    """How the ID was checked when it was read (each application of the visit keeps it)."""

    def learn(self, form: FormDefinition, answers: Mapping[str, object]) -> None:
        """Take in the shared answers of an application being filled in or submitted."""
        self.known.update(shared_answers(form, answers))

    def record_submitted(
        self, form: FormDefinition, answers: Mapping[str, object], tracking_number: str
    ) -> None:
        """An application of the visit was submitted: its answers become known and its
        tracking number joins the visit's."""
        self.learn(form, answers)
        self.applications.append(VisitApplication(form.id, form.title, tracking_number))

    def applied_for(self) -> frozenset[str]:
        """The services applied for in this visit (not offered again)."""
        return frozenset(application.form_id for application in self.applications)

    def offers(
        self,
        services: Iterable[FormDefinition],
        context: ValidationContext,
        current: str | None = None,
    ) -> list[FormDefinition]:
        """The services to offer next: not applied for in this visit, not `current`,
        and not ruled out by what is known."""
        skipped = self.applied_for() | ({current} if current is not None else set())
        return [
            form
            for form in services
            if form.id not in skipped and carry_over(form, self.known, context).eligible
        ]

    def tracking_numbers(self) -> tuple[str, ...]:
        """Every tracking number of the visit, in the order the applications were submitted."""
        return tuple(application.tracking_number for application in self.applications)
