"""Problems found in a form definition file, worded for the person who wrote it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class FormProblem:
    """One mistake in a form file: which file, which field (if any), and what is wrong."""

    source: str
    field_id: str | None
    message: str

    def __str__(self) -> str:
        if self.field_id is None:
            return f"{self.source}: {self.message}"
        return f"{self.source}: field '{self.field_id}': {self.message}"


class FormDefinitionError(ValueError):
    """A form file refused on load, carrying every problem found in it (not only the first)."""

    def __init__(self, problems: Iterable[FormProblem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a FormDefinitionError needs at least one problem")
        super().__init__("\n".join(str(problem) for problem in self.problems))
