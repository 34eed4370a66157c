"""Checks across a whole form: names, choice values and cycles in conditions.

These need every field and calculation read first, so they run after the
parts of the file are parsed. A condition naming a field that does not
exist would silently never hold, and a misspelt choice value silently never
match, so both are refused when the form is loaded.

A repeating group's questions have one value per item, so outside their own
item they can only be read through an aggregate (`sum(income)`,
`count(members)`); read bare, they would never compare or add up, and the
condition would silently never hold.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence, Set

from kiosk.forms.definition_reader import EXPRESSION_LABELS, DefinitionReader, Location
from kiosk.forms.dependencies import (
    DependencyCycleError,
    evaluation_order,
    item_dependencies,
    value_dependencies,
)
from kiosk.forms.expression_syntax import (
    AGGREGATE_FUNCTIONS,
    Binary,
    Call,
    Literal,
    Name,
    Node,
    SelfReference,
)
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
    groups = [item for item in fields if item.repeats]
    fields_by_id = {item.id: item for item in fields}
    fields_by_id.update({inner.id: inner for group in groups for inner in group.fields})
    group_of = {inner.id: group for group in groups for inner in group.fields}
    group_of.update({group.id: group for group in groups})
    known = set(declared)
    for at, label, expression, owner, inside in _all_expressions(fields, calculations, documents):
        for name in sorted(expression.names() - known):
            reader.report(at, f"{label} references unknown field '{name}'")
        for message in _choice_mistakes(expression, owner, fields_by_id):
            reader.report(at, f"{label}: {message}")
        for message in _across_item_mistakes(expression, inside, group_of):
            reader.report(at, f"{label}: {message}")
    _check_cycles(reader, fields, calculations, known)
    for group in groups:
        _check_item_cycles(reader, group)


def _all_expressions(
    fields: Sequence[Field],
    calculations: Sequence[Calculation],
    documents: Sequence[Document],
) -> Iterator[tuple[Location, str, Expression, Field | None, Field | None]]:
    """Every expression with where it is, the field it belongs to and the repeating group
    whose items it is evaluated in (None: evaluated once for the whole form)."""
    for item in fields:
        for key, expression in item.expressions():
            yield Location(field_id=item.id), EXPRESSION_LABELS[key], expression, item, None
        for inner in item.fields:
            for key, expression in inner.expressions():
                yield Location(field_id=inner.id), EXPRESSION_LABELS[key], expression, inner, item
    for calculation in calculations:
        at = Location(prefix=f"calculation '{calculation.id}': ")
        yield at, EXPRESSION_LABELS["expression"], calculation.expression, None, None
    for document in documents:
        if document.relevant is not None:
            at = Location(prefix=f"document '{document.id}': ")
            yield at, EXPRESSION_LABELS["relevant"], document.relevant, None, None


def _across_item_mistakes(
    expression: Expression, inside: Field | None, group_of: dict[str, Field]
) -> Iterator[str]:
    """Names of repeating groups' questions read where they have no single value, and
    aggregates given something other than a group's question."""
    aggregated: set[int] = set()
    for node in expression.nodes():
        if not (isinstance(node, Call) and node.function in AGGREGATE_FUNCTIONS):
            continue
        argument = node.arguments[0]
        if isinstance(argument, Name) and argument.name in group_of:
            aggregated.add(id(argument))
            group = group_of[argument.name]
            if group is inside and argument.name != group.id:
                yield (
                    f"{node.function}({argument.name}) reads every item of '{group.id}', "
                    "which one item's questions cannot depend on"
                )
        elif node.function != "count":
            yield f"{node.function}() needs a question of a repeating group, like sum(income)"
    for node in expression.nodes():
        if not isinstance(node, Name) or id(node) in aggregated or node.name not in group_of:
            continue
        group = group_of[node.name]
        if group is inside and node.name != group.id:
            continue  # the item's own answer
        yield (
            f"'{node.name}' has one value per item of repeating group '{group.id}': "
            f"read it with count(), sum(), min() or max()"
        )


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


def _check_item_cycles(reader: DefinitionReader, group: Field) -> None:
    try:
        evaluation_order(item_dependencies(group))
    except DependencyCycleError as cycle:
        reader.report(Location(field_id=cycle.cycle[0]), f"relevant condition {cycle}")
