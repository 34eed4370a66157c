"""Checks across a whole form: names, choice values and cycles in conditions.

These need every field and calculation read first, so they run after the
parts of the file are parsed. A condition naming a field that does not
exist would silently never hold, and a misspelt choice value silently never
match, so both are refused when the form is loaded.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set

from kiosk.forms.definition_reader import EXPRESSION_LABELS, DefinitionReader, Location
from kiosk.forms.dependencies import DependencyCycleError, evaluation_order, value_dependencies
from kiosk.forms.expression_syntax import Binary, Call, Literal, Name, Node, SelfReference
from kiosk.forms.expressions import Expression
from kiosk.forms.model import Calculation, Document, Field, FieldType

_CHOICE_TYPES = frozenset({FieldType.CHOICE, FieldType.MULTI_CHOICE})


def check_references(
    reader: DefinitionReader,
    fields: Sequence[Field],
    calculations: Sequence[Calculation],
    documents: Sequence[Document],
    declared: Set[str],
) -> None:
    """Report unknown names, impossible choice values and circular dependencies.

    `declared` holds every field and calculation id in the file, including
    those of entries refused for another reason, so that one broken field
    does not also make every condition naming it "unknown".
    """
    fields_by_id = {item.id: item for item in fields}
    known = set(declared)
    for at, label, expression, owner in _all_expressions(fields, calculations, documents):
        for name in sorted(expression.names() - known):
            reader.report(at, f"{label} references unknown field '{name}'")
        for message in _choice_mistakes(expression, owner, fields_by_id):
            reader.report(at, f"{label}: {message}")
    _check_cycles(reader, fields, calculations, known)


def _all_expressions(
    fields: Sequence[Field],
    calculations: Sequence[Calculation],
    documents: Sequence[Document],
) -> Iterator[tuple[Location, str, Expression, Field | None]]:
    for item in fields:
        for key, expression in item.expressions():
            yield Location(field_id=item.id), EXPRESSION_LABELS[key], expression, item
    for calculation in calculations:
        at = Location(prefix=f"calculation '{calculation.id}': ")
        yield at, EXPRESSION_LABELS["expression"], calculation.expression, None
    for document in documents:
        if document.relevant is not None:
            at = Location(prefix=f"document '{document.id}': ")
            yield at, EXPRESSION_LABELS["relevant"], document.relevant, None


def _choice_mistakes(
    expression: Expression, owner: Field | None, fields_by_id: dict[str, Field]
) -> Iterator[str]:
    """Choice values compared with, or looked for in, a choice field that does not offer them."""
    for node in expression.nodes():
        if isinstance(node, Call) and node.function == "selected":
            target = _referenced_field(node.arguments[0], owner, fields_by_id)
            if target is not None and target.type not in _CHOICE_TYPES:
                yield f"selected() needs a choice field, '{target.id}' is a {target.type} field"
            else:
                yield from _unknown_value(target, node.arguments[1])
        elif isinstance(node, Binary) and node.operator in ("=", "!="):
            yield from _unknown_value(_referenced_field(node.left, owner, fields_by_id), node.right)
            yield from _unknown_value(_referenced_field(node.right, owner, fields_by_id), node.left)


def _referenced_field(
    node: Node, owner: Field | None, fields_by_id: dict[str, Field]
) -> Field | None:
    if isinstance(node, Name):
        return fields_by_id.get(node.name)
    if isinstance(node, SelfReference):
        return owner
    return None


def _unknown_value(target: Field | None, node: Node) -> Iterator[str]:
    if target is None or target.type not in _CHOICE_TYPES:
        return
    if (
        isinstance(node, Literal)
        and isinstance(node.value, str)
        and node.value not in target.choice_values()
    ):
        yield f"'{node.value}' is not a choice of field '{target.id}'"


def _check_cycles(
    reader: DefinitionReader,
    fields: Sequence[Field],
    calculations: Sequence[Calculation],
    known: set[str],
) -> None:
    graph = {
        name: frozenset(depends_on & known)
        for name, depends_on in value_dependencies(fields, calculations).items()
    }
    try:
        evaluation_order(graph)
    except DependencyCycleError as cycle:
        first = cycle.cycle[0]
        if any(item.id == first for item in fields):
            reader.report(Location(field_id=first), f"relevant condition {cycle}")
        else:
            reader.report(Location(prefix=f"calculation '{first}': "), f"expression {cycle}")
