"""Mutations of decoded JSON for the fuzz tests: what a careless edit or a bad disk does.

A mutation walks to a random place in a document and deletes, replaces or
retypes what it finds there, so most mutants are nearly right: they pass
the first checks and reach the deep ones, where crashes hide.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import strategies as st

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**20), 10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
"""Any JSON value (no NaN or Infinity, which JSON cannot hold)."""

TRICKY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "(",
        "[",
        "*",
        "a" * 500,
        "today",
        "1900-02-30",
        "age(",
        "$$",
        "x / 0",
        "1 / 0",
        "name and",
        "not not not",
        "if(,,)",
        "9" * 400,
        "\u202e",
        "ئۇيغۇرچە",
        "\x00",
    ]
)
"""Strings that have broken parsers before: empty, unbalanced, huge, special dates."""


@st.composite
def mutated(draw: st.DrawFn, document: Any, max_mutations: int = 3) -> Any:
    """A deep copy of `document` with one to `max_mutations` random edits."""
    result = copy.deepcopy(document)
    for _ in range(draw(st.integers(1, max_mutations))):
        result = _mutate_once(draw, result)
    return result


def _mutate_once(draw: st.DrawFn, document: Any) -> Any:
    path = _random_path(draw, document)
    replacement = draw(st.one_of(json_values, TRICKY_TEXT, st.just(_DELETE)))
    if not path:
        return document if replacement is _DELETE else replacement
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if replacement is _DELETE:
        del parent[last]
    else:
        parent[last] = replacement
    return document


def _random_path(draw: st.DrawFn, document: Any) -> list[Any]:
    """Steps from the root to a random node (possibly the root itself)."""
    path: list[Any] = []
    node = document
    while isinstance(node, dict | list) and node and draw(st.integers(0, 4)) > 0:
        step = draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        path.append(step)
        node = node[step]
    return path


_DELETE = object()
