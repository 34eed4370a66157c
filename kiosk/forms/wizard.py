"""One question per screen: which question, in what order, and whether to move on.

Pure logic for the wizard screens, with no Qt: the screen shows `current()`,
hands the typed or tapped answer to `set_answer`, and calls `next()` or
`back()` when a button is pressed. Relevance is worked out again from the
answers every time, so a question appears or disappears as soon as an
earlier answer changes. `position` is a field id (or `REVIEW`), which is
what a draft stores to resume later.

Consent fields are not asked one per screen: the applicant gives consent on
the review screen, after seeing every answer (`consents()`, `set_answer_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kiosk.forms.evaluation import FormState, evaluate_form, relevant_documents
from kiosk.forms.expression_values import Value
from kiosk.forms.model import Answer, Claim, Document, Field, FieldType, FormDefinition
from kiosk.forms.normalisation import normalise_answer
from kiosk.forms.prefill import prefill_answers
from kiosk.forms.validation import (
    Problem,
    ValidationContext,
    validate_answer,
    validate_with_state,
)

#: The position once every question has been answered: the review screen.
#: Field ids never start with '@', so this cannot clash with one.
REVIEW = "@review"


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
        if position is not None and position != REVIEW and not form.has_field(position):
            raise ValueError(f"form {form.key} has no field {position!r} to resume at")
        self._position = position

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
        """The current field id, or REVIEW: what to store to resume a draft."""
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
        """The question on screen, or None at review."""
        questions = self.questions()
        index = self._locate(questions)
        return questions[index] if index < len(questions) else None

    def index(self) -> int:
        """0-based place of the current question among `questions()`; `total()` at review."""
        return self._locate(self.questions())

    def total(self) -> int:
        """How many questions are asked with the current answers (for the progress bar)."""
        return len(self.questions())

    def answer(self, field_id: str) -> Answer | None:
        """The stored answer to a field, to show when its screen comes back."""
        return self._answers.get(field_id)

    def set_answer(self, value: object) -> Problem | None:
        """Answer the current question: normalised, checked, and stored only if valid.

        An empty answer (None, '', no choices, consent not given) clears the
        stored answer and returns None; whether one is required is decided
        by `next()`. Raises RuntimeError at review, where nothing is asked.
        """
        item = self.current()
        if item is None:
            raise RuntimeError("no question is asked at review; use go_to() first")
        return self._store(item, value)

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
            self._answers.pop(item.id, None)
            return None
        problem = validate_answer(self._form, item, normalised, self._answers, self._context)
        if problem is None:
            self._answers[item.id] = normalised
        return problem

    def next(self) -> Step:
        """Move past the current question if its answer is complete and valid."""
        state = self._state()
        questions = self._questions(state)
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

    def back(self) -> bool:
        """Go to the previous question (from review: the last one); False at the first."""
        questions = self.questions()
        index = self._locate(questions)
        if index == 0:
            return False
        self._position = questions[index - 1].id
        return True

    def go_to(self, position: str) -> None:
        """Jump to a question being asked (from the review screen), or to REVIEW.

        Raises ValueError for a field that is not asked with the current answers.
        """
        if position != REVIEW and position not in {item.id for item in self.questions()}:
            raise ValueError(f"field {position!r} is not asked with the current answers")
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
        return {
            item.id: self._answers[item.id]
            for item in self._relevant(self._state())
            if item.id in self._answers
        }

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
        self._answers.update(filled)
        return list(filled)

    def _state(self) -> FormState:
        return evaluate_form(self._form, self._answers, self._context.today)

    def _relevant(self, state: FormState) -> list[Field]:
        return [item for item in self._form.fields() if state.is_relevant(item.id)]

    def _questions(self, state: FormState) -> list[Field]:
        return [item for item in self._relevant(state) if item.type is not FieldType.CONSENT]

    def _locate(self, questions: list[Field]) -> int:
        """Index of the position among the questions asked.

        A position whose field is no longer asked moves on to the next field
        that is, so a changed answer never leaves the applicant nowhere.
        """
        if self._position is None:
            return 0
        if self._position == REVIEW:
            return len(questions)
        asked = [item.id for item in questions]
        if self._position in asked:
            return asked.index(self._position)
        order = [item.id for item in self._form.fields()]
        place = order.index(self._position)
        return next(
            (number for number, item in enumerate(questions) if order.index(item.id) > place),
            len(questions),
        )
