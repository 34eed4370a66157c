"""One question per screen: which question, in what order, and whether to move on.

Pure logic for the wizard screens, with no Qt: the screen shows `current()`,
hands the typed or tapped answer to `set_answer`, and calls `next()` or
`back()` when a button is pressed. Relevance is worked out again from the
answers every time, so a question appears or disappears as soon as an
earlier answer changes. `position` is a field id (or `REVIEW`), which is
what a draft stores to resume later.

Consent fields are not asked one per screen: the applicant gives consent on
the review screen, after seeing every answer (`consents()`, `set_answer_of`).

A repeating group (household members) is one step in that order: its
summary, listing the items entered, from which the applicant adds, edits or
removes an item. An item's questions are asked one per screen too, at
positions `group/index/field` (index from 0), and lead back to the summary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from kiosk.forms.evaluation import FormState, evaluate_form, relevant_documents
from kiosk.forms.expression_values import Value
from kiosk.forms.model import (
    Answer,
    Claim,
    Document,
    Field,
    FieldType,
    FormDefinition,
    ItemAnswers,
    ScalarAnswer,
)
from kiosk.forms.normalisation import normalise_answer
from kiosk.forms.prefill import prefill_answers
from kiosk.forms.validation import (
    Problem,
    ValidationContext,
    item_problems,
    validate_answer,
    validate_with_state,
)

#: The position once every question has been answered: the review screen.
#: Field ids never start with '@', so this cannot clash with one.
REVIEW = "@review"

_ITEM_SEPARATOR = "/"


@dataclass(frozen=True)
class ItemPlace:
    """A question of one item of a repeating group: which group, which item, which question."""

    group: Field
    index: int
    field: Field

    @property
    def position(self) -> str:
        """How a draft stores this place: ``members/0/member_name``."""
        return _ITEM_SEPARATOR.join((self.group.id, str(self.index), self.field.id))


def item_position(group_id: str, index: int, field_id: str) -> str:
    """The position of a question of one item (what `go_to` and drafts take)."""
    return _ITEM_SEPARATOR.join((group_id, str(index), field_id))


class StepOutcome(StrEnum):
    """What pressing Next did."""

    MOVED = "moved"  # to the next question
    REVIEW = "review"  # past the last question: show the review screen
    BLOCKED = "blocked"  # stayed, because the current answer has a problem


@dataclass(frozen=True)
class Step:
    """The result of `Wizard.next()`: where it went, or the problem that kept it in place."""

    outcome: StepOutcome
    problem: Problem | None = None

    @property
    def moved(self) -> bool:
        """Whether there is a new question to show."""
        return self.outcome is StepOutcome.MOVED


class Wizard:
    """The state of one applicant going through one form."""

    def __init__(
        self,
        form: FormDefinition,
        context: ValidationContext,
        answers: Mapping[str, object] | None = None,
        position: str | None = None,
    ) -> None:
        """Start at the first question, or resume a draft's answers at its position.

        Draft answers are normalised but kept even if no longer valid (a
        date limit may have passed); `problems()` reports them. An answer
        to a field the form does not have, or a position that is neither a
        field id nor REVIEW, means the draft belongs to another form
        version, and raises ValueError; an answer of a type its field can
        never take raises TypeError.
        """
        self._form = form
        self._context = context
        self._answers: dict[str, Answer] = {}
        for field_id, raw in (answers or {}).items():
            if not form.has_field(field_id):
                raise ValueError(f"form {form.key} has no field {field_id!r}")
            value = normalise_answer(form.field(field_id), raw)
            if value is not None:
                self._answers[field_id] = value
        if position is not None and not self._known_position(position):
            raise ValueError(f"form {form.key} has no field {position!r} to resume at")
        self._position = position
        self._confirmed: set[str] = set()
        self._evaluated: FormState | None = None
        """The form evaluated with the stored answers, until one changes (:meth:`_put`)."""

    def _known_position(self, position: str) -> bool:
        if position == REVIEW or self._form.has_field(position):
            return True
        parts = position.split(_ITEM_SEPARATOR)
        if len(parts) != 3 or not parts[1].isdigit() or not self._form.has_field(parts[0]):
            return False
        group = self._form.field(parts[0])
        return any(inner.id == parts[2] for inner in group.fields)

    @property
    def form(self) -> FormDefinition:
        """The form being filled in."""
        return self._form

    @property
    def answers(self) -> dict[str, Answer]:
        """A copy of every stored answer, relevant or not (drafts keep them all)."""
        return dict(self._answers)

    @property
    def position(self) -> str:
        """The current field id, an item's question (`group/index/field`), or REVIEW:
        what to store to resume a draft."""
        place = self.current_item()
        if place is not None:
            return place.position
        current = self.current()
        return REVIEW if current is None else current.id

    @property
    def at_review(self) -> bool:
        """Whether every question has been passed and the review screen is due."""
        return self.current() is None

    def questions(self) -> list[Field]:
        """The fields asked one per screen with the current answers, in order (no consents)."""
        return self._questions(self._state())

    def consents(self) -> list[Field]:
        """The consent fields that apply with the current answers, given on the review screen."""
        return [item for item in self._relevant(self._state()) if item.type is FieldType.CONSENT]

    def current(self) -> Field | None:
        """The question on screen (a question of an item when in one, a repeating group
        for its summary), or None at review."""
        place = self.current_item()
        if place is not None:
            return place.field
        steps = self._steps(self._state())
        index = self._locate(steps)
        return steps[index] if index < len(steps) else None

    def current_item(self, state: FormState | None = None) -> ItemPlace | None:
        """The item question on screen; None when the screen is not an item's question.

        A question no longer asked in its item (an earlier answer changed) gives
        way to the item's next question asked, and the last to the group's summary.
        """
        parsed = self._parse_item(self._position)
        if parsed is None:
            return None
        group, index, field_id = parsed
        state = state or self._state()
        if index >= len(state.items.get(group.id, ())):
            return None
        asked = self._item_questions(group, index, state)
        order = [inner.id for inner in group.fields]
        place = order.index(field_id)
        following = [inner for inner in asked if order.index(inner.id) >= place]
        return ItemPlace(group, index, following[0]) if following else None

    def current_answer(self) -> Answer | None:
        """The stored answer to the question on screen, to show when its screen comes back."""
        place = self.current_item()
        if place is not None:
            return self.items(place.group.id)[place.index].get(place.field.id)
        current = self.current()
        return None if current is None else self._answers.get(current.id)

    def items(self, group_id: str) -> tuple[ItemAnswers, ...]:
        """The items of a repeating group as entered so far (each a copy)."""
        answer = self._answers.get(group_id)
        if not isinstance(answer, tuple):
            return ()
        return tuple(dict(entry) for entry in answer if isinstance(entry, dict))

    def item_problems(self, group_id: str) -> list[dict[str, Problem]]:
        """For each item of a repeating group, the problems of its questions (for the
        summary to mark an item not finished)."""
        state = self._state()
        group = self._form.field(group_id)
        count = len(state.items.get(group_id, ()))
        return [item_problems(group, index, state, self._context) for index in range(count)]

    def item_questions(self, group_id: str) -> list[list[Field]]:
        """For each item of a repeating group, the questions it asks (for the review)."""
        state = self._state()
        group = self._form.field(group_id)
        count = len(state.items.get(group_id, ()))
        return [self._item_questions(group, index, state) for index in range(count)]

    def add_item(self, group_id: str) -> bool:
        """Start a new item at the end of a repeating group and go to its first question;
        False (nothing changes) when the group already has its `max` items."""
        group = self._form.field(group_id)
        items = self.items(group_id)
        if isinstance(group.max, int) and len(items) >= group.max:
            return False
        self._put(group_id, (*items, {}))
        self.edit_item(group_id, len(items))
        return True

    def edit_item(self, group_id: str, index: int) -> None:
        """Go to the first question of an item (IndexError for an item there is not)."""
        group = self._form.field(group_id)
        state = self._state()
        if not 0 <= index < len(state.items.get(group_id, ())):
            raise IndexError(f"repeating group {group_id!r} has no item {index}")
        asked = self._item_questions(group, index, state)
        self._position = item_position(group_id, index, asked[0].id) if asked else group_id

    def remove_item(self, group_id: str, index: int) -> None:
        """Remove an item (the applicant confirmed it) and show the group's summary."""
        items = list(self.items(group_id))
        if not 0 <= index < len(items):
            raise IndexError(f"repeating group {group_id!r} has no item {index}")
        del items[index]
        self._set_items(group_id, items)
        self._position = group_id

    def _set_items(self, group_id: str, items: list[ItemAnswers]) -> None:
        self._put(group_id, tuple(items) if items else None)

    def index(self) -> int:
        """0-based place of the current question among those still to go through;
        `total()` at review."""
        return self._locate(self._steps(self._state()))

    def total(self) -> int:
        """How many questions are gone through with the current answers (for the progress
        bar): those asked, less the confirmed ones passed by."""
        return len(self._steps(self._state()))

    def confirm(self, field_ids: Iterable[str]) -> None:
        """The person confirmed these answers on one page (answers carried over from an
        earlier application of the same visit): Next and Back pass them by as long as they
        are still valid. Review lists them; changing one from there asks it again."""
        self._confirmed.update(field_id for field_id in field_ids if field_id in self._answers)

    @property
    def confirmed(self) -> frozenset[str]:
        """The fields passed by because their answers were confirmed together."""
        return frozenset(self._confirmed)

    def answer(self, field_id: str) -> Answer | None:
        """The stored answer to a field, to show when its screen comes back."""
        return self._answers.get(field_id)

    def set_answer(self, value: object) -> Problem | None:
        """Answer the current question: normalised, checked, and stored only if valid.

        An empty answer (None, '', no choices, consent not given) clears the
        stored answer and returns None; whether one is required is decided
        by `next()`. Raises RuntimeError at review, where nothing is asked.
        """
        place = self.current_item()
        if place is not None:
            return self._store_in_item(place, value)
        item = self.current()
        if item is None:
            raise RuntimeError("no question is asked at review; use go_to() first")
        if item.repeats:
            return None  # a summary asks nothing: items are added, edited and removed
        return self._store(item, value)

    def _store_in_item(self, place: ItemPlace, value: object) -> Problem | None:
        normalised = normalise_answer(place.field, value)
        items = list(self.items(place.group.id))
        item = items[place.index]
        if normalised is None:
            item.pop(place.field.id, None)
            self._set_items(place.group.id, items)
            return None
        item[place.field.id] = cast(ScalarAnswer, normalised)  # groups never nest
        trial = {**self._answers, place.group.id: tuple(items)}
        state = evaluate_form(self._form, trial, self._context.today)
        item_state = state.for_item(place.group.id, place.index)
        problem = validate_with_state(place.field, normalised, item_state, self._context)
        if problem is None:
            self._set_items(place.group.id, items)
        return problem

    def set_answer_of(self, field_id: str, value: object) -> Problem | None:
        """Answer a field other than the current one, such as a consent on the review screen.

        Works like `set_answer`. Raises ValueError for a field that does not
        apply with the current answers: the screen only offers those.
        """
        state = self._state()
        if not self._form.has_field(field_id) or not state.is_relevant(field_id):
            raise ValueError(f"field {field_id!r} is not asked with the current answers")
        return self._store(self._form.field(field_id), value)

    def _store(self, item: Field, value: object) -> Problem | None:
        normalised = normalise_answer(item, value)
        if normalised is None:
            self._put(item.id, None)
            return None
        problem = validate_answer(self._form, item, normalised, self._answers, self._context)
        if problem is None:
            self._put(item.id, normalised)
        return problem

    def next(self) -> Step:
        """Move past the current question if its answer is complete and valid.

        From an item's last question, the group's summary comes next.
        """
        state = self._state()
        place = self.current_item(state)
        if place is not None:
            return self._next_in_item(place, state)
        questions = self._steps(state)
        index = self._locate(questions)
        if index >= len(questions):
            return Step(StepOutcome.REVIEW)
        item = questions[index]
        problem = validate_with_state(item, self._answers.get(item.id), state, self._context)
        if problem is not None:
            self._position = item.id
            return Step(StepOutcome.BLOCKED, problem)
        if index + 1 == len(questions):
            self._position = REVIEW
            return Step(StepOutcome.REVIEW)
        self._position = questions[index + 1].id
        return Step(StepOutcome.MOVED)

    def _next_in_item(self, place: ItemPlace, state: FormState) -> Step:
        item_state = state.for_item(place.group.id, place.index)
        answer = self.items(place.group.id)[place.index].get(place.field.id)
        problem = validate_with_state(place.field, answer, item_state, self._context)
        if problem is not None:
            self._position = place.position
            return Step(StepOutcome.BLOCKED, problem)
        asked = self._item_questions(place.group, place.index, state)
        following = asked[asked.index(place.field) + 1 :]
        self._position = (
            item_position(place.group.id, place.index, following[0].id)
            if following
            else place.group.id
        )
        return Step(StepOutcome.MOVED)

    def back(self) -> bool:
        """Go to the previous question (from review: the last one); False at the first.

        From an item's first question: back to the group's summary, dropping the
        item if nothing was entered in it (Add pressed, then Back).
        """
        state = self._state()
        place = self.current_item(state)
        if place is not None:
            asked = self._item_questions(place.group, place.index, state)
            earlier = asked[: asked.index(place.field)]
            if earlier:
                self._position = item_position(place.group.id, place.index, earlier[-1].id)
                return True
            items = list(self.items(place.group.id))
            if not items[place.index]:
                del items[place.index]
                self._set_items(place.group.id, items)
            self._position = place.group.id
            return True
        questions = self._steps(state)
        index = self._locate(questions)
        if index == 0:
            return False
        self._position = questions[index - 1].id
        return True

    def go_to(self, position: str) -> None:
        """Jump to a question being asked (from the review screen), or to REVIEW.

        An item's question is given as `item_position(group, index, field)`.
        Raises ValueError for a field that is not asked with the current answers.
        """
        state = self._state()
        parsed = self._parse_item(position)
        if parsed is not None:
            group, index, field_id = parsed
            asked = (
                self._item_questions(group, index, state)
                if index < len(state.items.get(group.id, ()))
                else []
            )
            if field_id not in {inner.id for inner in asked}:
                raise ValueError(f"{position!r} is not asked with the current answers")
        elif position != REVIEW and position not in {item.id for item in self._questions(state)}:
            raise ValueError(f"field {position!r} is not asked with the current answers")
        self._confirmed.discard(position if parsed is None else parsed[0].id)
        self._position = position

    def problems(self) -> dict[str, Problem]:
        """The problem of every field that applies (consents too), by id: what stops submission."""
        state = self._state()
        found: dict[str, Problem] = {}
        for item in self._relevant(state):
            problem = validate_with_state(item, self._answers.get(item.id), state, self._context)
            if problem is not None:
                found[item.id] = problem
        return found

    def final_answers(self) -> dict[str, Answer]:
        """The answers to submit: those of fields still asked, in form order."""
        state = self._state()
        final: dict[str, Answer] = {}
        for item in self._relevant(state):
            if item.repeats and item.id in self._answers:
                final[item.id] = self._final_items(item, state)
            elif item.id in self._answers:
                final[item.id] = self._answers[item.id]
        return final

    def _final_items(self, group: Field, state: FormState) -> tuple[ItemAnswers, ...]:
        """Each item's answers to the questions it asks, in the group's question order."""
        final: list[ItemAnswers] = []
        for entry, item_state in zip(self.items(group.id), state.items[group.id], strict=True):
            final.append(
                {
                    inner.id: entry[inner.id]
                    for inner in group.fields
                    if inner.id in entry and item_state.relevant_fields >= {inner.id}
                }
            )
        return tuple(final)

    def calculated(self) -> dict[str, Value]:
        """The value of every calculation for the current answers (null when unknown)."""
        state = self._state()
        return {
            calculation.id: state.values[calculation.id] for calculation in self._form.calculations
        }

    def documents(self) -> list[Document]:
        """The documents to bring with the current answers."""
        return list(relevant_documents(self._form, self._state()))

    def prefill(self, claims: Mapping[Claim, object]) -> list[str]:
        """Fill unanswered fields from identity claims; the ids of the fields filled."""
        filled = prefill_answers(self._form, claims, self._context, self._answers)
        for field_id, answer in filled.items():
            self._put(field_id, answer)
        return list(filled)

    def _put(self, field_id: str, answer: Answer | None) -> None:
        """Store an answer (None: clear it): the one way answers change once started."""
        if answer is None:
            self._answers.pop(field_id, None)
        else:
            self._answers[field_id] = answer
        self._evaluated = None

    def _state(self) -> FormState:
        """The form evaluated with the stored answers, worked out again only after one
        changed: one press of Next asks for it several times (where it is, how many
        questions are left, which apply), and evaluating the whole form each time was
        half of what the press cost."""
        if self._evaluated is None:
            self._evaluated = evaluate_form(self._form, self._answers, self._context.today)
        return self._evaluated

    def _parse_item(self, position: str | None) -> tuple[Field, int, str] | None:
        """(group, index, question id) of an item position; None for any other position."""
        if position is None or position.count(_ITEM_SEPARATOR) != 2:
            return None
        group_id, index, field_id = position.split(_ITEM_SEPARATOR)
        if not index.isdigit() or not self._form.has_field(group_id):
            return None
        group = self._form.field(group_id)
        if not group.repeats or field_id not in {inner.id for inner in group.fields}:
            return None
        return group, int(index), field_id

    def _item_questions(self, group: Field, index: int, state: FormState) -> list[Field]:
        asked = state.items[group.id][index].relevant_fields
        return [inner for inner in group.fields if inner.id in asked]

    def _relevant(self, state: FormState) -> list[Field]:
        return [item for item in self._form.fields() if state.is_relevant(item.id)]

    def _questions(self, state: FormState) -> list[Field]:
        return [item for item in self._relevant(state) if item.type is not FieldType.CONSENT]

    def _steps(self, state: FormState) -> list[Field]:
        """The questions gone through one by one: a confirmed answer is passed by while
        it is still valid (an answer changed since may make it wrong: then it is asked)."""
        return [
            item
            for item in self._questions(state)
            if item.id not in self._confirmed
            or validate_with_state(item, self._answers.get(item.id), state, self._context)
            is not None
        ]

    def _locate(self, questions: list[Field]) -> int:
        """Index of the position among the questions asked.

        A position whose field is no longer asked moves on to the next field
        that is, so a changed answer never leaves the applicant nowhere.
        """
        if self._position is None:
            return 0
        if self._position == REVIEW:
            return len(questions)
        parsed = self._parse_item(self._position)
        position = parsed[0].id if parsed is not None else self._position
        asked = [item.id for item in questions]
        if position in asked:
            return asked.index(position)
        order = [item.id for item in self._form.fields()]
        place = order.index(position)
        return next(
            (number for number, item in enumerate(questions) if order.index(item.id) > place),
            len(questions),
        )
