"""Form patterns cannot freeze the kiosk (issue 13, finding 11: ReDoS).

With Python's backtracking ``re``, ``(a+)+$`` took seconds on 26 characters
and doubles with each one more: 40 characters would take hours. Patterns run
on RE2 now. The regression runs the real loader and validation in a child
process on 40 characters; a safety time-out only stops a child that hangs.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.forms import ProblemCode, load_form
from kiosk.forms.patterns import full_match
from tests.fuzz.profile import examples
from tests.kiosk.forms_fixtures import field_data, form_data
from tests.kiosk.test_forms_validation import check

PROJECT = Path(__file__).resolve().parents[2]
CATASTROPHIC = ["(a+)+$", "(a|a)*b", "(a|aa)+$", "([a-z]+)*[0-9]", "(.*a){20}"]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_pattern_checks_a_long_answer_at_once(tmp_path: Path, pattern: str) -> None:
    form = tmp_path / "form.json"
    form.write_text(json.dumps(form_data(field_data("q", "text", pattern=pattern))))
    child = textwrap.dedent(
        f"""
        from pathlib import Path
        from kiosk.forms import normalise_answer, validate_answer
        from kiosk.forms import load_form
        from tests.kiosk.forms_fixtures import context
        form = load_form(Path({str(form)!r}))
        item = form.field("q")
        answer = normalise_answer(item, "a" * 40 + "!")
        problem = validate_answer(form, item, answer, {{}}, context())
        print(problem.code if problem else "ok")
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", child],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=120,  # a hang, not a speed target: RE2 answers in microseconds
        check=True,
    )
    assert done.stdout.strip() == "pattern"
    assert load_form(form).field("q").pattern == pattern


def test_patterns_still_check_what_they_did() -> None:
    assert check("text", "A123456789", pattern="[A-Z][0-9]{9}") is None
    problem = check("text", "a123456789", pattern="[A-Z][0-9]{9}")
    assert problem is not None and problem.code == ProblemCode.PATTERN
    assert full_match("[0-9]{17}[0-9X]", "11010519491231002X")
    assert full_match(r"\p{Han}{2,4}", "张三丰") and not full_match(r"\p{Han}{2,4}", "Zhang")


@examples(150)
@given(pattern=st.from_regex(r"[ab()|+*?]{1,12}", fullmatch=True), size=st.integers(0, 64))
def test_any_pattern_that_loads_checks_in_linear_time(pattern: str, size: int) -> None:
    """Random patterns built of nested repetition: each either loads and agrees with
    Python's ``re`` on short answers, or is a named loader problem. Nothing backtracks."""
    import re

    from kiosk.forms.patterns import PatternError, compile_pattern

    try:
        compile_pattern(pattern)
    except PatternError:
        return
    answer = "a" * min(size, 12)
    try:
        expected = re.fullmatch(pattern, answer) is not None
    except re.error:
        return
    assert full_match(pattern, answer) == expected
    full_match(pattern, "a" * 5000 + "c")  # RE2: linear, whatever the nesting


REGEX_CALLS = {"compile", "match", "fullmatch", "search", "findall", "finditer", "sub", "split"}


def regex_on_data(path: Path) -> list[str]:
    """``re`` calls in ``path`` whose pattern is not a literal written in the code."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "re"
            and node.func.attr in REGEX_CALLS
            and node.args
            and not isinstance(node.args[0], ast.Constant)
        ):
            found.append(f"{path.relative_to(PROJECT)}:{node.lineno} re.{node.func.attr}")
    return found


def test_no_pattern_from_data_reaches_a_backtracking_engine() -> None:
    """Every ``re`` call in the product takes a pattern written in the code; patterns
    that arrive as data (forms, bundles, configuration) go through RE2."""
    calls = [
        call
        for package in ("kiosk", "sync", "central", "ui", "printing")
        for path in sorted((PROJECT / package).rglob("*.py"))
        for call in regex_on_data(path)
    ]
    assert calls == []
