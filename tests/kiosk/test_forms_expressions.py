"""The condition language: parsing, evaluation, null semantics and refusals."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from kiosk.forms import ExpressionError, Scope, Value, parse_expression
from kiosk.forms.expression_syntax import FUNCTION_ARITY

TODAY = datetime.date(2024, 6, 15)


def evaluate(source: str, self_value: object = None, **values: object) -> Value:
    return parse_expression(source).evaluate(Scope(values, TODAY, self_value))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 + 2 * 3", Decimal(7)),
        ("(1 + 2) * 3", Decimal(9)),
        ("10 - 4 - 3", Decimal(3)),
        ("12 / 4 / 3", Decimal(1)),
        ("-2 * 3", Decimal(-6)),
        ("2 - -1", Decimal(3)),
        ("7 / 2", Decimal("3.5")),
        ("2.5 * 2", Decimal("5.0")),
    ],
)
def test_arithmetic_follows_the_usual_precedence(source: str, expected: Decimal) -> None:
    assert evaluate(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("true or false and false", True),  # and binds tighter than or
        ("(true or false) and false", False),
        ("not false and false", False),  # not binds tighter than and
        ("not 1 = 2", True),  # but looser than a comparison
        ("1 + 1 = 2", True),  # arithmetic before comparison
        ("1 < 2 and 2 < 3", True),
        ("not not true", True),
    ],
)
def test_logic_precedence(source: str, expected: bool) -> None:
    assert evaluate(source) is expected


def test_decimal_arithmetic_is_exact() -> None:
    assert evaluate("0.1 + 0.2 = 0.3") is True
    assert evaluate("income / size", income=1300.2, size=2) == Decimal("650.1")


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("status = 'married'", True),
        ("status != 'married'", False),
        ('status = "married"', True),
        ("size >= 3", True),
        ("size > 3", False),
        ("size <= 2", False),
        ("size != 2", True),
        ("name < 'b'", True),  # strings compare character by character
        ("born < '1960-01-01'", True),  # a date against a 'YYYY-MM-DD' string
        ("born < today()", True),
        ("disabled = true", True),
        ("disabled", True),
    ],
)
def test_comparisons(source: str, expected: bool) -> None:
    values = {
        "status": "married",
        "size": 3,
        "name": "anna",
        "born": datetime.date(1950, 3, 1),
        "disabled": True,
    }
    assert evaluate(source, **values) is expected


@pytest.mark.parametrize(
    "source",
    [
        "missing = 1",
        "missing != 1",
        "missing < 1",
        "missing = null",
        "null = null",
        "missing = missing",
        "missing",
        "missing and true",
    ],
)
def test_comparisons_and_conditions_over_null_do_not_hold(source: str) -> None:
    expression = parse_expression(source)
    assert expression.holds(Scope({}, TODAY)) is False


@pytest.mark.parametrize(
    "source",
    ["missing + 1", "missing * 0", "-missing", "age(missing)", "if(true, missing, 1)"],
)
def test_arithmetic_and_functions_over_null_give_null(source: str) -> None:
    assert evaluate(source) is None


def test_null_counts_as_false_under_not_and_or() -> None:
    assert evaluate("not missing") is True
    assert evaluate("not (missing = 1)") is True
    assert evaluate("missing or true") is True


def test_a_name_explicitly_null_is_the_same_as_an_absent_one() -> None:
    assert evaluate("x + 1", x=None) is None
    assert evaluate("x = 1", x=None) is False


def test_division_by_zero_gives_null() -> None:
    assert evaluate("1 / 0") is None
    assert evaluate("income / size", income=100, size=0) is None
    assert evaluate("coalesce(income / size, -1)", income=100, size=0) == Decimal(-1)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'a' + 1", None),
        ("true * 2", None),
        ("-'a'", None),
        ("'a' < 1", False),
        ("true = 1", False),
        ("true < false", False),
        ("'abc' = 'abc' and 1 = '1'", False),
    ],
)
def test_values_of_different_kinds_do_not_combine(source: str, expected: Value) -> None:
    assert evaluate(source) is expected


def test_only_true_makes_a_condition_hold() -> None:
    scope = Scope({"n": 5, "s": "yes"}, TODAY)
    for source in ["n", "s", "1", "'true'", "null"]:
        assert parse_expression(source).holds(scope) is False, source
    assert parse_expression("n = 5").holds(scope) is True


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        ("1964-06-15", 60),  # birthday today
        ("1964-06-16", 59),  # birthday tomorrow
        ("1964-06-14", 60),
        ("2024-06-15", 0),
    ],
)
def test_age_counts_whole_years_until_today(born: str, expected: int) -> None:
    assert evaluate("age(born)", born=born) == Decimal(expected)
    assert evaluate("age(born)", born=datetime.date.fromisoformat(born)) == Decimal(expected)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2023, 2, 28), 18),
        (datetime.date(2023, 3, 1), 19),
        (datetime.date(2024, 2, 29), 20),
    ],
)
def test_a_29_february_birthday_is_reached_on_1_march_in_other_years(
    today: datetime.date, expected: int
) -> None:
    scope = Scope({"born": "2004-02-29"}, today)
    assert parse_expression("age(born)").evaluate(scope) == Decimal(expected)


def test_age_of_something_that_is_not_a_date_is_null() -> None:
    assert evaluate("age('15 June 1964')") is None
    assert evaluate("age('1964-02-30')") is None
    assert evaluate("age(3)") is None


def test_today_is_the_day_given_in_the_scope() -> None:
    assert evaluate("today()") == TODAY
    other = Scope({}, datetime.date(2030, 1, 1))
    assert parse_expression("today()").evaluate(other) == datetime.date(2030, 1, 1)


def test_selected_and_count() -> None:
    values = {"benefits": ["pension", "farming"], "grade": "2"}
    assert evaluate("selected(benefits, 'pension')", **values) is True
    assert evaluate("selected(benefits, 'disability')", **values) is False
    assert evaluate("selected(grade, '2')", **values) is True
    assert evaluate("selected(missing, 'pension')", **values) is False
    assert evaluate("selected(benefits, 1)", **values) is False
    assert evaluate("count(benefits)", **values) == Decimal(2)
    assert evaluate("count(grade)", **values) == Decimal(1)
    assert evaluate("count(missing)", **values) == Decimal(0)


def test_if_and_coalesce() -> None:
    assert evaluate("if(n > 2, 'big', 'small')", n=3) == "big"
    assert evaluate("if(n > 2, 'big', 'small')", n=1) == "small"
    assert evaluate("if(missing, 'big', 'small')") == "small"
    assert evaluate("coalesce(a, b, 7)", b=4) == Decimal(4)
    assert evaluate("coalesce(a, b)") is None


def test_dot_is_the_value_being_checked() -> None:
    assert evaluate(". >= 16 and . <= 120", self_value=30) is True
    assert evaluate(". >= 16 and . <= 120", self_value=12) is False
    assert evaluate("age(.) >= 16", self_value="2010-01-01") is False


def test_every_known_function_can_be_evaluated() -> None:
    arguments = {"age": "'2000-01-01'", "selected": "x, 'a'", "if": "true, 1, 2"}
    for name, (fewest, _) in FUNCTION_ARITY.items():
        given = arguments.get(name, ", ".join(["1"] * fewest))
        parse_expression(f"{name}({given})").evaluate(Scope({}, TODAY))


def test_names_lists_every_referenced_field_but_not_dot() -> None:
    expression = parse_expression("a + b * coalesce(c, d) > age(.) and not selected(e, 'x')")
    assert expression.names() == frozenset({"a", "b", "c", "d", "e"})
    assert expression.uses_self() is True
    assert parse_expression("a = 1").uses_self() is False
    assert parse_expression("age(birth_date)").names() == frozenset({"birth_date"})


def test_the_source_is_kept() -> None:
    assert parse_expression("a  =  1").source == "a  =  1"
    assert parse_expression("a = 1") == parse_expression("a = 1")


@pytest.mark.parametrize(
    ("source", "reason", "position"),
    [
        ("__import__('os')", "unknown function '__import__'", 0),
        ("eval('1 + 1')", "unknown function 'eval'", 0),
        ("exec('x = 1')", "unknown function 'exec'", 0),
        ("open('/etc/passwd')", "unknown function 'open'", 0),
        ("os.system('ls')", "unexpected '.'", 2),
        ("a.__class__", "unexpected '.'", 1),
        ("lambda: 1", "unexpected character ':'", 6),
        ("[1, 2]", "unexpected character '['", 0),
        ("a; b", "unexpected character ';'", 1),
        ("a == 1", "'==' is not an operator, compare with '='", 2),
        ("a < b < c", "comparisons cannot be chained", 6),
        ("age()", "function 'age' takes 1 argument, not 0", 0),
        ("if(a, b)", "function 'if' takes 3 arguments, not 2", 0),
        ("coalesce(a)", "function 'coalesce' takes at least 2 arguments, not 1", 0),
        ("today(1)", "function 'today' takes 0 arguments, not 1", 0),
        ("(a = 1", "expected ')' but found the end", 6),
        ("a = 1)", "unexpected ')'", 5),
        ("1 +", "expected a value but found the end", 3),
        ("'unfinished", "string is not closed", 0),
        ("a # b", "unexpected character '#'", 2),
        ("", "expression is empty", 0),
        ("and", "expected a value but found 'and'", 0),
        ("a 1", "unexpected '1'", 2),
        ("婚姻 = 1", "unexpected character '婚'", 0),
    ],
)
def test_refusals_say_what_and_where(source: str, reason: str, position: int) -> None:
    with pytest.raises(ExpressionError) as raised:
        parse_expression(source)
    assert raised.value.reason.startswith(reason)
    assert raised.value.position == position
    assert str(raised.value).endswith(f"at character {position + 1}")


def test_deep_nesting_is_refused_instead_of_exhausting_the_stack() -> None:
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("(" * 500 + "1" + ")" * 500)
    with pytest.raises(ExpressionError, match="nested too deeply"):
        parse_expression("not " * 500 + "true")
    assert evaluate("(" * 20 + "1" + ")" * 20) == Decimal(1)


def test_names_are_only_looked_up_among_the_answers() -> None:
    # A dunder name is just an unanswered field: no attribute or builtin is ever reached.
    assert evaluate("__class__") is None
    assert evaluate("__builtins__ = null") is False
