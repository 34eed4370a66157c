"""Service form definitions: loading and checking them, and filling them in.

The form file format is specified in docs/forms.md. Everything here is
plain Python with no Qt, so that the kiosk screens, the command-line
`kiosk forms check` and the central platform share one implementation.

Importing the package is cheap: each name loads its own module when first
used (PEP 562), so a program that needs only the catalogue's titles does
not import the expression language, validation and the wizard.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.forms.definition_problems import FormDefinitionError, FormProblem
    from kiosk.forms.dependencies import DependencyCycleError
    from kiosk.forms.evaluation import FormState, evaluate_form, relevant_documents
    from kiosk.forms.expression_syntax import ExpressionError
    from kiosk.forms.expression_values import Value
    from kiosk.forms.expressions import Expression, Scope, parse_expression
    from kiosk.forms.idnumber import (
        Gender,
        IdNumberProblem,
        ResidentId,
        check_character,
        check_id_number,
        normalise_id_number,
        parse_id_number,
    )
    from kiosk.forms.loader import FormLoadResult, load_form, load_forms_dir, parse_form
    from kiosk.forms.model import (
        Answer,
        Calculation,
        Choice,
        Claim,
        Document,
        Field,
        FieldType,
        FormDefinition,
        Page,
    )
    from kiosk.forms.normalisation import normalise_answer
    from kiosk.forms.prefill import claims_from_id_number, prefill_answers
    from kiosk.forms.regions import Region, RegionDataError, RegionTree, load_regions, parse_regions
    from kiosk.forms.text import LocalText
    from kiosk.forms.validation import (
        Problem,
        ProblemCode,
        ValidationContext,
        validate_answer,
        validate_with_state,
    )
    from kiosk.forms.wizard import REVIEW, Step, StepOutcome, Wizard

_MODULE_OF = {
    "FormDefinitionError": "kiosk.forms.definition_problems",
    "FormProblem": "kiosk.forms.definition_problems",
    "DependencyCycleError": "kiosk.forms.dependencies",
    "FormState": "kiosk.forms.evaluation",
    "evaluate_form": "kiosk.forms.evaluation",
    "relevant_documents": "kiosk.forms.evaluation",
    "ExpressionError": "kiosk.forms.expression_syntax",
    "Value": "kiosk.forms.expression_values",
    "Expression": "kiosk.forms.expressions",
    "Scope": "kiosk.forms.expressions",
    "parse_expression": "kiosk.forms.expressions",
    "Gender": "kiosk.forms.idnumber",
    "IdNumberProblem": "kiosk.forms.idnumber",
    "ResidentId": "kiosk.forms.idnumber",
    "check_character": "kiosk.forms.idnumber",
    "check_id_number": "kiosk.forms.idnumber",
    "normalise_id_number": "kiosk.forms.idnumber",
    "parse_id_number": "kiosk.forms.idnumber",
    "FormLoadResult": "kiosk.forms.loader",
    "load_form": "kiosk.forms.loader",
    "load_forms_dir": "kiosk.forms.loader",
    "parse_form": "kiosk.forms.loader",
    "Answer": "kiosk.forms.model",
    "Calculation": "kiosk.forms.model",
    "Choice": "kiosk.forms.model",
    "Claim": "kiosk.forms.model",
    "Document": "kiosk.forms.model",
    "Field": "kiosk.forms.model",
    "FieldType": "kiosk.forms.model",
    "FormDefinition": "kiosk.forms.model",
    "Page": "kiosk.forms.model",
    "normalise_answer": "kiosk.forms.normalisation",
    "claims_from_id_number": "kiosk.forms.prefill",
    "prefill_answers": "kiosk.forms.prefill",
    "Region": "kiosk.forms.regions",
    "RegionDataError": "kiosk.forms.regions",
    "RegionTree": "kiosk.forms.regions",
    "load_regions": "kiosk.forms.regions",
    "parse_regions": "kiosk.forms.regions",
    "LocalText": "kiosk.forms.text",
    "Problem": "kiosk.forms.validation",
    "ProblemCode": "kiosk.forms.validation",
    "ValidationContext": "kiosk.forms.validation",
    "validate_answer": "kiosk.forms.validation",
    "validate_with_state": "kiosk.forms.validation",
    "REVIEW": "kiosk.forms.wizard",
    "Step": "kiosk.forms.wizard",
    "StepOutcome": "kiosk.forms.wizard",
    "Wizard": "kiosk.forms.wizard",
}
"""The module each public name lives in."""

__all__ = [
    "REVIEW",
    "Answer",
    "Calculation",
    "Choice",
    "Claim",
    "DependencyCycleError",
    "Document",
    "Expression",
    "ExpressionError",
    "Field",
    "FieldType",
    "FormDefinition",
    "FormDefinitionError",
    "FormLoadResult",
    "FormProblem",
    "FormState",
    "Gender",
    "IdNumberProblem",
    "LocalText",
    "Page",
    "Problem",
    "ProblemCode",
    "Region",
    "RegionDataError",
    "RegionTree",
    "ResidentId",
    "Scope",
    "Step",
    "StepOutcome",
    "ValidationContext",
    "Value",
    "Wizard",
    "check_character",
    "check_id_number",
    "claims_from_id_number",
    "evaluate_form",
    "load_form",
    "load_forms_dir",
    "load_regions",
    "normalise_answer",
    "normalise_id_number",
    "parse_expression",
    "parse_form",
    "parse_id_number",
    "parse_regions",
    "prefill_answers",
    "relevant_documents",
    "validate_answer",
    "validate_with_state",
]


def __getattr__(name: str) -> object:
    """Import the module of `name` on first use and keep the name here."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
