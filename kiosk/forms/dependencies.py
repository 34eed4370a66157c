"""Which values depend on which, and the order to work them out in.

A field's value is null while the field is not relevant, so it depends on
the names in its `relevant` condition; a calculation depends on the names
in its expression. Working the values out in dependency order lets a
condition name any field or calculation, wherever it is declared, and a
cycle (a field relevant only when it is itself answered) is refused at load.

A repeating group is one value here: its items are worked out together, so
a name of one of its questions (read across items by `sum(income)`) stands
for the group, and the group depends on what its questions' conditions read
outside the item.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from kiosk.forms.model import Calculation, Field


class DependencyCycleError(ValueError):
    """Values that depend on each other in a circle, so none can be worked out first."""

    def __init__(self, cycle: tuple[str, ...]) -> None:
        super().__init__("depends on itself: " + " → ".join(cycle))
        self.cycle = cycle


def value_dependencies(
    fields: Iterable[Field], calculations: Iterable[Calculation]
) -> dict[str, frozenset[str]]:
    """For every field and calculation id, the ids its value depends on, in declaration order."""
    fields = list(fields)
    group_of = {inner.id: item.id for item in fields for inner in item.fields}

    def read(names: frozenset[str]) -> frozenset[str]:
        return frozenset(group_of.get(name, name) for name in names)

    graph: dict[str, frozenset[str]] = {}
    for item in fields:
        names = item.relevant.names() if item.relevant is not None else frozenset()
        for inner in item.fields:
            if inner.relevant is not None:
                names |= inner.relevant.names()
        graph[item.id] = read(names) - {item.id}
    for calculation in calculations:
        graph[calculation.id] = read(calculation.expression.names())
    return graph


def item_dependencies(group: Field) -> dict[str, frozenset[str]]:
    """Within one item of a repeating group: the questions each question's relevance
    reads, so that a question may depend on an earlier (or later) answer of the item."""
    own = {inner.id for inner in group.fields}
    return {
        inner.id: (inner.relevant.names() & own if inner.relevant is not None else frozenset())
        for inner in group.fields
    }


def evaluation_order(dependencies: Mapping[str, frozenset[str]]) -> tuple[str, ...]:
    """Every id after the ids it depends on, otherwise in the given order.

    Names that are not keys of `dependencies` are ignored (the loader
    reports them separately). Raises DependencyCycleError naming the cycle.
    """
    order: list[str] = []
    finished: set[str] = set()
    for start in dependencies:
        if start not in finished:
            _visit(start, dependencies, order, finished)
    return tuple(order)


def _visit(
    start: str,
    dependencies: Mapping[str, frozenset[str]],
    order: list[str],
    finished: set[str],
) -> None:
    # Iterative depth-first search: a long chain of conditions must not hit the recursion limit.
    path: list[str] = [start]
    pending: list[list[str]] = [_known_sorted(dependencies[start], dependencies)]
    while path:
        if not pending[-1]:
            done = path.pop()
            pending.pop()
            finished.add(done)
            order.append(done)
            continue
        name = pending[-1].pop(0)
        if name in finished:
            continue
        if name in path:
            raise DependencyCycleError((*path[path.index(name) :], name))
        path.append(name)
        pending.append(_known_sorted(dependencies[name], dependencies))


def _known_sorted(names: frozenset[str], dependencies: Mapping[str, frozenset[str]]) -> list[str]:
    # Declaration order keeps the result, and any reported cycle, the same on every run.
    return [name for name in dependencies if name in names]
