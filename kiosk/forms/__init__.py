"""Service form definitions: loading and checking them, and filling them in.

The form file format is specified in docs/forms.md. Everything here is
plain Python with no Qt, so that the kiosk screens, the command-line
`kiosk forms check` and the central platform share one implementation.
"""

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
