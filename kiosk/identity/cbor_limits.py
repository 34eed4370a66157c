"""Decoding CBOR from strangers without letting them exhaust the kiosk.

Sizes are capped before decoding (decompression) and the shape after it:
nesting depth, number of items, and no cycles (CBOR's shared references can
build a list that contains itself, which would send any walker round forever).
"""

from __future__ import annotations

from collections.abc import Mapping

import cbor2

MAX_DEPTH = 16
"""Claim 169 nests at most four levels (tag, COSE array, claims, photo map)."""
MAX_ITEMS = 20_000

#: What cbor2 raises for malformed input, or for tags whose content is wrong.
DECODE_ERRORS = (
    cbor2.CBORError,
    ValueError,
    TypeError,
    LookupError,
    OverflowError,
    ArithmeticError,
    RecursionError,
    MemoryError,
)


class UnsafeCbor(ValueError):
    """The CBOR decoded, but is deeper, larger or more tangled than allowed."""


def load_cbor(data: bytes) -> object:
    """Decode one CBOR item, refusing trailing bytes and unsafe shapes.

    Raises one of :data:`DECODE_ERRORS` (including :class:`UnsafeCbor`) for
    anything the caller must treat as damaged.
    """
    decoded = cbor2.loads(data, max_depth=MAX_DEPTH, allow_duplicate_keys=False)
    check_shape(decoded)
    return decoded


def check_shape(item: object) -> None:
    """Refuse cycles, deep nesting and too many items in a decoded value."""
    count = 0
    stack: list[tuple[object, int, frozenset[int]]] = [(item, 0, frozenset())]
    while stack:
        current, depth, ancestors = stack.pop()
        count += 1
        if count > MAX_ITEMS:
            raise UnsafeCbor(f"more than {MAX_ITEMS} items")
        if depth > MAX_DEPTH:
            raise UnsafeCbor(f"nested deeper than {MAX_DEPTH}")
        children: list[object]
        if isinstance(current, list | tuple):
            children = list(current)
        elif isinstance(current, Mapping):
            children = [*current.keys(), *current.values()]
        elif isinstance(current, cbor2.CBORTag):
            children = [current.value]
        else:
            continue
        if id(current) in ancestors:
            raise UnsafeCbor("a value contains itself")
        inner = ancestors | {id(current)}
        stack.extend((child, depth + 1, inner) for child in children)
