"""Every form version the kiosk knows, and which one a new application uses.

New applications use the newest version of a service; a draft always
finishes on the version it started with, so older versions stay available
for as long as a draft needs them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from pathlib import Path

from kiosk.forms import FormDefinition, FormProblem, load_forms_dir

log = logging.getLogger(__name__)


class FormCatalogue:
    """Form definitions by id and version."""

    def __init__(
        self, forms: Iterable[FormDefinition], problems: Sequence[FormProblem] = ()
    ) -> None:
        self._by_key = {form.key: form for form in forms}
        self._retired: set[tuple[str, int]] = set()
        self.problems = tuple(problems)

    @classmethod
    def load(cls, *directories: Path) -> FormCatalogue:
        """Load the form files of each directory; refused files are logged and kept."""
        forms: list[FormDefinition] = []
        problems: list[FormProblem] = []
        for directory in directories:
            if not directory.is_dir():
                continue
            result = load_forms_dir(directory)
            forms.extend(result.forms)
            problems.extend(result.problems)
        for problem in problems:
            log.error("form refused: %s", problem)
        return cls(forms, problems)

    def add(self, forms: Iterable[FormDefinition]) -> None:
        """Take in more versions (installed from signed bundles); a known key is kept as is."""
        for form in forms:
            self._by_key.setdefault(form.key, form)

    def retire(self, keys: Iterable[tuple[str, int]]) -> None:
        """Versions the administrator retired: no new application uses them (drafts still may)."""
        self._retired.update(keys)

    def services(self) -> list[FormDefinition]:
        """The newest offered version of each service, in a stable order (by id)."""
        newest: dict[str, FormDefinition] = {}
        for form in self._offered():
            if form.id not in newest or form.version > newest[form.id].version:
                newest[form.id] = form
        return [newest[form_id] for form_id in sorted(newest)]

    def newest(self, form_id: str) -> FormDefinition:
        """The version a new application of this service uses; KeyError when none is offered."""
        versions = [form for form in self._offered() if form.id == form_id]
        if not versions:
            raise KeyError(form_id)
        return max(versions, key=lambda form: form.version)

    def title(self, form_id: str, version: int, language: str) -> str:
        """A stored application's service name in `language`; its form id when the
        version is not on this kiosk (so a screen always has something to show)."""
        form = self._by_key.get((form_id, version))
        return form_id if form is None else form.title.get(language)

    def _offered(self) -> list[FormDefinition]:
        return [form for key, form in self._by_key.items() if key not in self._retired]

    def get(self, form_id: str, version: int) -> FormDefinition:
        """One exact version, as a draft refers to it; KeyError when unknown."""
        return self._by_key[(form_id, version)]
