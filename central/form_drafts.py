"""Form definitions on their way to kiosks: uploaded, checked, compared, published in stages.

An administrator uploads a definition; it is checked by the kiosk's own loader
(so the problems are named exactly as ``kiosk forms check`` names them) and
kept as a draft. A draft that loads can be compared with the version in use
and published, to everyone or first to chosen townships or kiosks (a staged
rollout). A kiosk outside a version's rollout is not offered it: it keeps the
version before until the rollout is widened. A rollout can be widened to
everyone or withdrawn (the version is retired; drafts already begun on it
still finish, as for any retired version).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from central.database import Connection
from central.errors import invalid, not_found
from kiosk.clock import format_timestamp
from kiosk.forms import Field, FormDefinition, FormDefinitionError, FormProblem, parse_form
from kiosk.forms.loader import decode_form_json
from kiosk.forms.xlsform import xlsform_to_definition

MAX_DEFINITION_BYTES = 1024 * 1024
"""A form is a few tens of kilobytes; a megabyte is refused before it is parsed."""


@dataclass(frozen=True)
class FormCheck:
    """A definition as the kiosk's loader sees it: the form, or every problem in it."""

    form: FormDefinition | None
    data: object
    problems: tuple[FormProblem, ...]


def check_definition(text: str, source: str) -> FormCheck:
    """Load ``text`` with the kiosk's loader; never raises for a bad definition."""
    if len(text.encode("utf-8")) > MAX_DEFINITION_BYTES:
        return FormCheck(None, None, (FormProblem(source, None, "the file is larger than 1 MiB"),))
    try:
        data = decode_form_json(text, source)
        return FormCheck(parse_form(data, source), data, ())
    except FormDefinitionError as error:
        return FormCheck(None, None, error.problems)


def check_xlsform(workbook: bytes, source: str) -> tuple[FormCheck, str]:
    """An XLSForm workbook converted (:mod:`kiosk.forms.xlsform`) and checked; the
    definition's JSON text is what is kept and signed."""
    try:
        data = xlsform_to_definition(workbook, source)
    except FormDefinitionError as error:
        return FormCheck(None, None, error.problems), ""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return check_definition(text, source), text


@dataclass(frozen=True)
class Draft:
    """An uploaded definition, with who uploaded it and when."""

    id: int
    form_id: str
    version: int
    text: str
    uploaded_by: str
    uploaded_at: str


def save_draft(
    connection: Connection, form: FormDefinition, text: str, username: str, now: datetime
) -> int:
    """Keep a definition that loads; returns its draft number."""
    rows = connection.query(
        "INSERT INTO form_drafts (form_id, version, definition, uploaded_by, uploaded_at)"
        " VALUES (?, ?, ?, ?, ?) RETURNING id",
        [form.id, form.version, text, username, format_timestamp(now)],
    )
    return int(rows[0][0])


def find_draft(connection: Connection, draft_id: int) -> Draft:
    """One uploaded draft."""
    rows = connection.query(
        "SELECT id, form_id, version, definition, uploaded_by, uploaded_at FROM form_drafts"
        " WHERE id = ?",
        [draft_id],
    )
    if not rows:
        raise not_found(f"form draft {draft_id}")
    row = rows[0]
    return Draft(int(row[0]), str(row[1]), int(row[2]), str(row[3]), str(row[4]), str(row[5]))


def in_use(connection: Connection, form_id: str) -> FormDefinition | None:
    """The newest published, unretired version offered to everyone, if any."""
    rows = connection.query(
        "SELECT definition FROM forms WHERE form_id = ? AND retired_at IS NULL"
        " AND rollout IS NULL ORDER BY version DESC LIMIT 1",
        [form_id],
    )
    return None if not rows else parse_form(json.loads(str(rows[0][0])), "published form")


@dataclass(frozen=True)
class FieldChange:
    """A question present in both versions whose wording or rules changed."""

    field_id: str
    aspects: tuple[str, ...]
    """Which of: label, help, type, required, relevant, constraint, choices, pattern, bounds."""


@dataclass(frozen=True)
class FormDiff:
    """What a new version changes for the applicant."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[FieldChange, ...]
    documents_changed: bool
    title_changed: bool


def _aspects(old: Field, new: Field) -> tuple[str, ...]:
    def source(value: object) -> object:
        return getattr(value, "source", value)

    pairs = {
        "label": (old.label, new.label),
        "help": (old.help, new.help),
        "type": (old.type, new.type),
        "required": (source(old.required), source(new.required)),
        "relevant": (source(old.relevant), source(new.relevant)),
        "constraint": (source(old.constraint), source(new.constraint)),
        "choices": (old.choices, new.choices),
        "pattern": (old.pattern, new.pattern),
        "bounds": ((old.min, old.max), (new.min, new.max)),
    }
    return tuple(name for name, (before, after) in pairs.items() if before != after)


def compare(old: FormDefinition | None, new: FormDefinition) -> FormDiff:
    """Questions added, removed and changed from ``old`` (None: everything is new)."""
    before = {field.id: field for field in old.fields()} if old is not None else {}
    after = {field.id: field for field in new.fields()}
    changed = tuple(
        FieldChange(field_id, aspects)
        for field_id in after
        if field_id in before and (aspects := _aspects(before[field_id], after[field_id]))
    )
    return FormDiff(
        added=tuple(field_id for field_id in after if field_id not in before),
        removed=tuple(field_id for field_id in before if field_id not in after),
        changed=changed,
        documents_changed=old is None or old.documents != new.documents,
        title_changed=old is None or old.title != new.title,
    )


@dataclass(frozen=True)
class Rollout:
    """Who is offered a version: everyone (both empty), or chosen townships and kiosks."""

    townships: tuple[str, ...] = ()
    kiosks: tuple[str, ...] = ()

    @property
    def everyone(self) -> bool:
        """Offered to every kiosk."""
        return not self.townships and not self.kiosks

    def stored(self) -> str | None:
        """The column value: NULL for everyone."""
        if self.everyone:
            return None
        return json.dumps({"townships": sorted(self.townships), "kiosks": sorted(self.kiosks)})


def set_rollout(connection: Connection, form_id: str, version: int, rollout: Rollout) -> None:
    """Widen (or narrow) who is offered a published version."""
    changed = connection.execute(
        "UPDATE forms SET rollout = ? WHERE form_id = ? AND version = ? AND retired_at IS NULL",
        [rollout.stored(), form_id, version],
    )
    if changed != 1:
        raise invalid("not_published", f"{form_id} version {version} is not published and in use")


def offered_to(stored_rollout: object, kiosk_code: str, township: str | None) -> bool:
    """Whether a version with this stored rollout is offered to a kiosk."""
    if stored_rollout is None:
        return True
    scope = json.loads(str(stored_rollout))
    return kiosk_code in scope.get("kiosks", []) or (
        township is not None and township in scope.get("townships", [])
    )


def stored_rollout(stored: object) -> Rollout:
    """The rollout a ``forms.rollout`` column holds."""
    if stored is None:
        return Rollout()
    scope = json.loads(str(stored))
    return Rollout(tuple(scope.get("townships", ())), tuple(scope.get("kiosks", ())))
