"""What a form definition is, once loaded and checked.

Everything is frozen: a definition is shared by every screen and every
draft that uses it, and a draft always finishes on the version it started
with, so nothing may change a definition after the loader built it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kiosk.forms.expressions import Expression
from kiosk.forms.text import LocalText, worded

#: A stored answer to one question: text, number, yes/no, or a list of choice values /
#: region codes.
ScalarAnswer = str | int | float | bool | tuple[str, ...]

#: The answers of one item of a repeating group (one household member), by field id.
ItemAnswers = dict[str, ScalarAnswer]

#: A stored answer: one question's, or a repeating group's items in the order given.
Answer = ScalarAnswer | tuple[ItemAnswers, ...]

#: A `note` field without its own `max` holds at most this many characters.
DEFAULT_NOTE_MAX = 500

#: An `address` field without `levels` asks province, county, township and village.
DEFAULT_ADDRESS_LEVELS = 4

#: A repeating group without its own `max` takes at most this many items.
DEFAULT_REPEAT_MAX = 20

#: No repeating group may take more items than this (`max` above it is refused):
#: every item is a screen to fill in, a row at review and a part of the synced answers.
MAX_REPEAT_ITEMS = 50

#: The highest form version anywhere: the loader, `forms check`, publishing and the API
#: all keep to it, so no version a kiosk cannot request is ever published.
MAX_FORM_VERSION = 1_000_000


class FieldType(StrEnum):
    """The kinds of question a form can ask (docs/forms.md, "Fields")."""

    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    YES_NO = "yes_no"
    PHONE = "phone"
    ID_NUMBER = "id_number"
    ADDRESS = "address"
    CONSENT = "consent"
    NOTE = "note"
    IMAGE = "image"
    """A photo of a document, taken by the kiosk camera; the answer is the photo's
    SHA-256 (hex), the photo itself travels as an attachment (docs/sync.md)."""
    REPEAT = "repeat"


class Claim(StrEnum):
    """Identity facts an ID scan provides, which can fill a field (`prefill`)."""

    NAME = "name"
    ID_NUMBER = "id_number"
    BIRTH_DATE = "birth_date"
    GENDER = "gender"
    PHONE = "phone"
    ADDRESS = "address"


@dataclass(frozen=True)
class Choice:
    """One option of a choice or multiple-choice question."""

    value: str
    label: LocalText
    label_simple: LocalText | None = None
    exclusive: bool = False
    """In a multiple choice, an option that rules out every other ("None of these")."""

    def label_in(self, language: str, simple: bool = False) -> str:
        """The option's label; its simpler wording when `simple` (elderly mode) and given."""
        return worded(self.label, self.label_simple, language, simple)


@dataclass(frozen=True)
class Field:
    """One question, asked on a screen of its own.

    `min` and `max` mean what the type gives them: a length for text and
    notes, a value for numbers, a date (`'YYYY-MM-DD'` or `'today'`) for
    dates, a number of choices for multiple choice. `label_simple` and
    `help_simple` are simpler wordings, in some or all of the form's
    languages, shown in elderly mode.
    """

    id: str
    type: FieldType
    label: LocalText
    help: LocalText | None = None
    label_simple: LocalText | None = None
    help_simple: LocalText | None = None
    required: bool | Expression = False
    relevant: Expression | None = None
    constraint: Expression | None = None
    constraint_message: LocalText | None = None
    min: int | float | str | None = None
    max: int | float | str | None = None
    pattern: str | None = None
    integer: bool = False
    unit: LocalText | None = None
    choices: tuple[Choice, ...] = ()
    levels: int = DEFAULT_ADDRESS_LEVELS
    prefill: Claim | None = None
    fields: tuple[Field, ...] = ()
    """A repeating group's questions, asked once per item (empty for other types)."""
    item_label: LocalText | None = None
    """A repeating group's name for one item ("Household member"), numbered on screen."""
    shared: str | None = None
    """What this answer means across services (``applicant.phone``): a field of another
    form with the same key takes the answer over when the person applies for both in
    one visit (docs/forms.md, "Shared answers")."""

    def label_in(self, language: str, simple: bool = False) -> str:
        """The question; its simpler wording when `simple` (elderly mode) and given."""
        return worded(self.label, self.label_simple, language, simple)

    @property
    def decides_eligibility(self) -> bool:
        """A yes/no question whose constraint reads nothing but its own answer
        (``. = false``): the answer it refuses means the person cannot apply, whatever
        else they answer. The kiosk then says so on a page of its own, with what to
        do next, rather than as an answer to correct."""
        return (
            self.type is FieldType.YES_NO
            and self.constraint is not None
            and not self.constraint.names()
        )

    def help_in(self, language: str, simple: bool = False) -> str:
        """The help text ("" when there is none); its simpler wording when `simple` and given."""
        if self.help is None:
            return ""
        return worded(self.help, self.help_simple, language, simple)

    @property
    def repeats(self) -> bool:
        """Whether this is a repeating group (its answer is a list of items)."""
        return self.type is FieldType.REPEAT

    def item_field(self, field_id: str) -> Field:
        """One of a repeating group's questions; KeyError when it has none of that id."""
        for item in self.fields:
            if item.id == field_id:
                return item
        raise KeyError(field_id)

    def item_label_in(self, language: str, number: int) -> str:
        """How item `number` (1-based) of a repeating group is named: "Household member 2"."""
        name = self.item_label.get(language) if self.item_label is not None else ""
        return f"{name} {number}".strip()

    def choice_values(self) -> tuple[str, ...]:
        """The values an answer may take, in the order they are offered."""
        return tuple(choice.value for choice in self.choices)

    def expressions(self) -> tuple[tuple[str, Expression], ...]:
        """(key, expression) for each condition of the field, for checks over the whole form."""
        found: list[tuple[str, Expression]] = []
        if isinstance(self.required, Expression):
            found.append(("required", self.required))
        if self.relevant is not None:
            found.append(("relevant", self.relevant))
        if self.constraint is not None:
            found.append(("constraint", self.constraint))
        return tuple(found)


@dataclass(frozen=True)
class Page:
    """A group of questions shown under one heading (one question per screen)."""

    id: str
    fields: tuple[Field, ...]
    title: LocalText | None = None


@dataclass(frozen=True)
class Calculation:
    """A value computed from answers, usable in conditions like a field."""

    id: str
    expression: Expression


@dataclass(frozen=True)
class Document:
    """An item of the "documents to bring" list, shown when its condition holds."""

    id: str
    text: LocalText
    relevant: Expression | None = None


SHOWN_ID_ENDS = 4
"""Characters of an ID number shown at each end where the rest is hidden."""


@dataclass(frozen=True)
class FormDefinition:
    """One version of one public-service form."""

    id: str
    version: int
    languages: tuple[str, ...]
    title: LocalText
    pages: tuple[Page, ...]
    summary: LocalText | None = None
    icon: str | None = None
    processing_days: int | None = None
    calculations: tuple[Calculation, ...] = ()
    documents: tuple[Document, ...] = ()
    _ordered_fields: tuple[Field, ...] = field(init=False, repr=False, compare=False)
    _fields_by_id: dict[str, Field] = field(init=False, repr=False, compare=False, hash=False)
    _groups_by_item_field: dict[str, Field] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        ordered = tuple(item for page in self.pages for item in page.fields)
        object.__setattr__(self, "_ordered_fields", ordered)
        object.__setattr__(self, "_fields_by_id", {item.id: item for item in ordered})
        object.__setattr__(
            self,
            "_groups_by_item_field",
            {inner.id: group for group in ordered for inner in group.fields},
        )

    @property
    def key(self) -> tuple[str, int]:
        """(id, version): what a stored application or draft refers to."""
        return (self.id, self.version)

    def fields(self) -> tuple[Field, ...]:
        """Every field of every page, in the order they are asked."""
        return self._ordered_fields

    def field(self, field_id: str) -> Field:
        """The field with this id; KeyError when the form has none."""
        return self._fields_by_id[field_id]

    def has_field(self, field_id: str) -> bool:
        """Whether the form has a field with this id (a repeating group's questions are
        not fields of the form: they are asked once per item)."""
        return field_id in self._fields_by_id

    def repeats(self) -> tuple[Field, ...]:
        """The repeating groups, in the order they are asked."""
        return tuple(item for item in self._ordered_fields if item.repeats)

    def group_of(self, field_id: str) -> Field | None:
        """The repeating group a question belongs to; None for a question of the form itself."""
        return self._groups_by_item_field.get(field_id)

    def whose(self, answers: Mapping[str, object]) -> str | None:
        """Who an unfinished application is for, as the clerk's list of drafts says it:
        the applicant's name, else their ID number with its middle hidden; None
        while neither has been given."""
        by_claim = {item.prefill: answers.get(item.id) for item in self._ordered_fields}
        name = by_claim.get(Claim.NAME)
        if isinstance(name, str) and name.strip():
            return name.strip()
        number = by_claim.get(Claim.ID_NUMBER)
        if isinstance(number, str) and len(number) > SHOWN_ID_ENDS * 2:
            hidden = "*" * (len(number) - SHOWN_ID_ENDS * 2)
            return f"{number[:SHOWN_ID_ENDS]}{hidden}{number[-SHOWN_ID_ENDS:]}"
        return None

    def shared_fields(self) -> tuple[Field, ...]:
        """The fields with a shared key, in the order they are asked."""
        return tuple(item for item in self._ordered_fields if item.shared is not None)

    def page_of(self, field_id: str) -> Page:
        """The page a field is on, for showing its heading; KeyError when unknown."""
        for page in self.pages:
            if any(item.id == field_id for item in page.fields):
                return page
        raise KeyError(field_id)
