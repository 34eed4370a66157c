"""Every form version the kiosk knows, and which one a new application uses.

New applications use the newest version of a service; a draft always
finishes on the version it started with, so older versions stay available
for as long as a draft needs them.

The kiosk's start screen shows only the services' titles. A catalogue made
with `FormCatalogue.on_demand` reads those alone from the form files
(`service_titles`) and checks the forms in full when a form is first asked
for, so the first screen does not wait for the form checks.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol, TypeVar

from kiosk.forms.text import LocalText

if TYPE_CHECKING:
    from kiosk.forms import FormDefinition, FormProblem

log = logging.getLogger(__name__)


class ServiceTitle(NamedTuple):
    """What a service's tile shows: the service and its title in each language."""

    id: str
    title: LocalText


class FormCatalogue:
    """Form definitions by id and version."""

    def __init__(
        self, forms: Iterable[FormDefinition] = (), problems: Sequence[FormProblem] = ()
    ) -> None:
        self._by_key = {form.key: form for form in forms}
        self._retired: set[tuple[str, int]] = set()
        self._problems = tuple(problems)
        self._unread: tuple[Path, ...] = ()

    @classmethod
    def load(cls, *directories: Path) -> FormCatalogue:
        """Load the form files of each directory; refused files are logged and kept."""
        catalogue = cls.on_demand(*directories)
        catalogue._read()
        return catalogue

    @classmethod
    def on_demand(cls, *directories: Path) -> FormCatalogue:
        """A catalogue of the form files of each directory, read and checked when a
        form is first asked for (`service_titles` alone reads only the titles)."""
        catalogue = cls()
        catalogue._unread = directories
        return catalogue

    @property
    def problems(self) -> tuple[FormProblem, ...]:
        """Why form files were refused (each is also logged)."""
        self._read()
        return self._problems

    def add(self, forms: Iterable[FormDefinition]) -> None:
        """Take in more versions (installed from signed bundles); a known key is kept as is."""
        self._read()
        for form in forms:
            self._by_key.setdefault(form.key, form)

    def retire(self, keys: Iterable[tuple[str, int]]) -> None:
        """Versions the administrator retired: no new application uses them (drafts still may)."""
        self._retired.update(keys)

    def services(self) -> list[FormDefinition]:
        """The newest offered version of each service, in a stable order (by id)."""
        return _newest_of_each(self._offered())

    def service_titles(self) -> list[ServiceTitle]:
        """The titles of `services()`, for the start screen's tiles.

        Before the forms are read this takes the titles from the files
        without checking the forms; a file the full check refuses may show
        a tile until the forms are read (the kiosk then offers the checked
        services again).
        """
        if not self._unread:
            return [ServiceTitle(form.id, form.title) for form in self.services()]
        titles = [
            title
            for title in _titles_in(self._unread)
            if (title.id, title.version) not in self._retired
        ]
        return [ServiceTitle(title.id, title.title) for title in _newest_of_each(titles)]

    def newest(self, form_id: str) -> FormDefinition:
        """The version a new application of this service uses; KeyError when none is offered."""
        versions = [form for form in self._offered() if form.id == form_id]
        if not versions:
            raise KeyError(form_id)
        return max(versions, key=lambda form: form.version)

    def title(self, form_id: str, version: int, language: str) -> str:
        """A stored application's service name in `language`; its form id when the
        version is not on this kiosk (so a screen always has something to show)."""
        self._read()
        form = self._by_key.get((form_id, version))
        return form_id if form is None else form.title.get(language)

    def get(self, form_id: str, version: int) -> FormDefinition:
        """One exact version, as a draft refers to it; KeyError when unknown."""
        self._read()
        return self._by_key[(form_id, version)]

    def _offered(self) -> list[FormDefinition]:
        self._read()
        return [form for key, form in self._by_key.items() if key not in self._retired]

    def _read(self) -> None:
        """Read and check the form files, once (before anything is added to them)."""
        if not self._unread:
            return
        from kiosk.forms import load_forms_dir

        directories, self._unread = self._unread, ()
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
        self._by_key = {form.key: form for form in forms}
        self._problems = tuple(problems)


class _FileTitle(NamedTuple):
    """A form file's service, version and title, read without checking the form."""

    id: str
    version: int
    title: LocalText


class _Versioned(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def version(self) -> int: ...


Versioned = TypeVar("Versioned", bound=_Versioned)


def _titles_in(directories: Iterable[Path]) -> list[_FileTitle]:
    """The title of each form file, the first file of an id and version winning (as
    the full check keeps it); files that cannot be read as a form are left out."""
    titles: dict[tuple[str, int], _FileTitle] = {}
    for directory in directories:
        if not directory.is_dir():
            continue
        for path in sorted(directory.glob("*.json")):
            title = _title_of(path)
            if title is not None:
                titles.setdefault((title.id, title.version), title)
    return list(titles.values())


def _title_of(path: Path) -> _FileTitle | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        form_id, version, title = data["id"], data["version"], data["title"]
        if not (isinstance(form_id, str) and type(version) is int and _is_text(title)):
            return None
        return _FileTitle(form_id, version, LocalText(title))
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError):
        return None


def _newest_of_each(versions: Iterable[Versioned]) -> list[Versioned]:
    """The highest version of each service, in a stable order (by id)."""
    newest: dict[str, Versioned] = {}
    for each in versions:
        if each.id not in newest or each.version > newest[each.id].version:
            newest[each.id] = each
    return [newest[form_id] for form_id in sorted(newest)]


def _is_text(value: object) -> bool:
    """Whether `value` is a title as a form file writes it (language code to text)."""
    return (
        isinstance(value, dict)
        and bool(value)
        and all(isinstance(text, str) for text in value.values())
    )
