"""Every decompression site: one bounded helper, and that helper never lets damage through.

Properties over random data, limits and damage: the output is exactly the
original when it fits, otherwise the one named error; nothing else is ever
raised. A static check finds any new place that decompresses by itself.
"""

from __future__ import annotations

import ast
import gzip
import itertools
import zlib
from pathlib import Path

import brotli  # type: ignore[import-untyped]
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.decompression import (
    DecompressionError,
    ExpandsTooFar,
    StreamingDecompressor,
    gunzip,
    inflate,
    unbrotli,
)
from tests.fuzz.byte_mutations import damaged
from tests.fuzz.profile import examples

PROJECT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "sync", "central", "ui", "printing")
COMPRESS = {
    "gzip": (lambda data: gzip.compress(data, mtime=0), gunzip),
    "zlib": (zlib.compress, inflate),
    "brotli": (brotli.compress, unbrotli),
}


@examples(120)
@given(
    kind=st.sampled_from(sorted(COMPRESS)),
    data=st.binary(max_size=4096) | st.builds(bytes, st.integers(0, 200_000)),
    limit=st.integers(0, 250_000),
)
def test_output_is_the_original_or_the_stream_is_refused_for_size(
    kind: str, data: bytes, limit: int
) -> None:
    compress, expand = COMPRESS[kind]
    packed = compress(data)
    if len(data) <= limit:
        assert expand(packed, limit) == data
    else:
        with pytest.raises(ExpandsTooFar):
            expand(packed, limit)


@examples(200)
@given(kind=st.sampled_from(sorted(COMPRESS)), data=st.data())
def test_damaged_streams_raise_only_the_named_error(kind: str, data: st.DataObject) -> None:
    compress, expand = COMPRESS[kind]
    original = data.draw(st.binary(min_size=1, max_size=2048))
    packed = data.draw(damaged(compress(original)))
    try:
        result = expand(packed, 4096)
    except DecompressionError as error:
        assert str(error)
    else:
        assert len(result) <= 4096


@examples(80)
@given(data=st.binary(max_size=20_000), cuts=st.lists(st.integers(0, 30_000), max_size=8))
def test_streaming_in_any_pieces_gives_the_same_result(data: bytes, cuts: list[int]) -> None:
    packed = gzip.compress(data, mtime=0)
    points = sorted({0, *(cut % (len(packed) + 1) for cut in cuts), len(packed)})
    stream = StreamingDecompressor(len(data))
    output = b"".join(stream.feed(packed[a:b]) for a, b in itertools.pairwise(points))
    stream.finish()
    assert output == data


def test_trailing_data_and_truncation_are_refused() -> None:
    packed = gzip.compress(b"hello", mtime=0)
    for bad, said in ((packed + packed, "data follows"), (packed[:-3], "truncated")):
        with pytest.raises(DecompressionError, match=said):
            gunzip(bad, 100)


DECOMPRESSORS = {
    ("gzip", "decompress"),
    ("gzip", "open"),
    ("gzip", "GzipFile"),
    ("zlib", "decompress"),
    ("zlib", "decompressobj"),
    ("brotli", "decompress"),
    ("brotli", "Decompressor"),
}


def decompression_calls(path: Path) -> list[str]:
    """``module.function`` decompression calls in ``path`` (imports of them included)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in DECOMPRESSORS:
                found.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module in ("gzip", "zlib", "brotli"):
            found += [
                f"{path.name}:{node.lineno} from {node.module} import {alias.name}"
                for alias in node.names
                if (node.module, alias.name) in DECOMPRESSORS
            ]
    return found


def test_nothing_decompresses_except_through_the_bounded_helper() -> None:
    helper = PROJECT / "kiosk" / "decompression.py"
    assert decompression_calls(helper)  # the check sees what the helper does
    calls = [
        call
        for package in PACKAGES
        for path in sorted((PROJECT / package).rglob("*.py"))
        if path != helper
        for call in decompression_calls(path)
    ]
    assert calls == []
