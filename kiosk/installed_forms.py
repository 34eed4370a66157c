"""Form versions installed from signed bundles, read back as form definitions.

:mod:`sync.form_updates` writes the ``installed_forms`` table only after the
administrator's signature and the definition itself were checked, so reading
here parses without re-verifying. A row that no longer parses (a newer form
feature this program does not know) is skipped with a log line rather than
taking the other forms down with it.
"""

from __future__ import annotations

import logging

from sqlite_utils import Database

from kiosk.forms import FormDefinition, FormDefinitionError, parse_form
from kiosk.forms.loader import decode_form_json

log = logging.getLogger(__name__)


def installed_forms(db: Database, *, include_retired: bool = True) -> list[FormDefinition]:
    """Every installed form version, oldest first.

    Retired versions are included by default: a draft started on one must
    still finish on it. Pass ``include_retired=False`` for what new
    applications may start on.
    """
    condition = "" if include_retired else " WHERE retired_at IS NULL"
    rows = db.execute(
        f"SELECT form_id, version, definition FROM installed_forms{condition}"
        " ORDER BY form_id, version"
    ).fetchall()
    forms: list[FormDefinition] = []
    for form_id, version, definition in rows:
        source = f"installed {form_id} v{version}"
        try:
            forms.append(parse_form(decode_form_json(str(definition), source), source))
        except FormDefinitionError as error:
            log.error("installed form %s no longer loads: %s", source, error)
    return forms


def retired_keys(db: Database) -> set[tuple[str, int]]:
    """(form id, version) of installed versions the administrator retired."""
    rows = db.execute(
        "SELECT form_id, version FROM installed_forms WHERE retired_at IS NOT NULL"
    ).fetchall()
    return {(str(form_id), int(version)) for form_id, version in rows}
