"""Byte-level damage to a file: flipped bits, cut ends, inserted junk, or junk alone.

What a worn USB stick, an interrupted copy or a hostile file does to an
export, a receipt or a bundle file.
"""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def damaged(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` flipped, truncated, spliced with random bytes, or replaced by them."""
    kind = draw(st.sampled_from(["flip", "truncate", "insert", "replace", "random"]))
    if kind == "random":
        return draw(st.binary(max_size=400))
    position = draw(st.integers(0, max(len(original) - 1, 0)))
    if kind == "flip":
        bit = 1 << draw(st.integers(0, 7))
        return original[:position] + bytes([original[position] ^ bit]) + original[position + 1 :]
    if kind == "truncate":
        return original[:position]
    junk = draw(st.binary(min_size=1, max_size=16))
    if kind == "insert":
        return original[:position] + junk + original[position:]
    return original[:position] + junk + original[position + len(junk) :]
