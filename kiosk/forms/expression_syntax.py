"""Reading condition and calculation text into a syntax tree.

The language is the small one described in docs/forms.md. It is parsed by
hand (a tokenizer and a precedence-climbing parser) so that nothing a form
file contains can ever reach Python's own evaluator: only the node types
below exist, and the only callable things are the functions in
`FUNCTION_ARITY`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from types import MappingProxyType

#: Functions the language knows, with their (fewest, most) arguments; None = no limit.
FUNCTION_ARITY: MappingProxyType[str, tuple[int, int | None]] = MappingProxyType(
    {
        "age": (1, 1),
        "today": (0, 0),
        "selected": (2, 2),
        "count": (1, 1),
        "if": (3, 3),
        "coalesce": (2, None),
        "sum": (1, 1),
        "min": (1, 1),
        "max": (1, 1),
    }
)

#: Functions that read a repeating group's column (or, for `count`, a choice list too).
AGGREGATE_FUNCTIONS = frozenset({"count", "sum", "min", "max"})

#: Words with a meaning of their own, which therefore cannot name a field.
KEYWORDS = frozenset({"and", "or", "not", "true", "false", "null"})

COMPARISON_OPERATORS = frozenset({"=", "!=", "<", "<=", ">", ">="})
ARITHMETIC_OPERATORS = frozenset({"+", "-", "*", "/"})

# Deeper nesting than this is no real condition; refusing it keeps a hostile
# file from exhausting the interpreter's stack.
_MAX_DEPTH = 64

_BINDING_POWER = {
    "or": 1,
    "and": 2,
    **dict.fromkeys(COMPARISON_OPERATORS, 4),
    "+": 5,
    "-": 5,
    "*": 6,
    "/": 6,
}
_NOT_OPERAND_POWER = 3
_NEGATION_OPERAND_POWER = 7


class ExpressionError(ValueError):
    """A condition or calculation that cannot be read, and where it goes wrong."""

    def __init__(self, reason: str, source: str, position: int) -> None:
        super().__init__(f"{reason} at character {position + 1}")
        self.reason = reason
        self.source = source
        self.position = position


class TokenKind(Enum):
    """The kinds of word the tokenizer produces."""

    NUMBER = "number"
    STRING = "string"
    NAME = "name"
    KEYWORD = "keyword"
    OPERATOR = "operator"
    OPEN = "("
    CLOSE = ")"
    COMMA = ","
    DOT = "."
    END = "end"


@dataclass(frozen=True)
class Token:
    """One word of an expression, with its offset for error messages."""

    kind: TokenKind
    text: str
    position: int


@dataclass(frozen=True)
class Literal:
    """A number, string, true, false or null written in the expression."""

    value: Decimal | str | bool | None


@dataclass(frozen=True)
class Name:
    """A reference to a field or calculation by its id."""

    name: str
    position: int


@dataclass(frozen=True)
class SelfReference:
    """`.`: the answer of the field a constraint belongs to."""

    position: int


@dataclass(frozen=True)
class Unary:
    """`not x` or `-x`."""

    operator: str
    operand: Node


@dataclass(frozen=True)
class Binary:
    """A comparison, logical or arithmetic operation on two operands."""

    operator: str
    left: Node
    right: Node


@dataclass(frozen=True)
class Call:
    """A call of one of the known functions."""

    function: str
    arguments: tuple[Node, ...]
    position: int


Node = Literal | Name | SelfReference | Unary | Binary | Call

_TOKEN_PATTERN = re.compile(
    r"""
    (?P<space>\s+)
    | (?P<number>[0-9]+(?:\.[0-9]+)?)
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<string>'[^']*'|"[^"]*")
    | (?P<operator><=|>=|!=|==|=|<|>|\+|-|\*|/)
    | (?P<punctuation>[(),.])
    """,
    re.VERBOSE,
)
_PUNCTUATION = {"(": TokenKind.OPEN, ")": TokenKind.CLOSE, ",": TokenKind.COMMA, ".": TokenKind.DOT}


def tokenize(source: str) -> list[Token]:
    """Split an expression into tokens, ending with an END token."""
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN_PATTERN.match(source, position)
        if match is None:
            if source[position] in "'\"":
                raise ExpressionError("string is not closed", source, position)
            raise ExpressionError(f"unexpected character {source[position]!r}", source, position)
        kind_name = match.lastgroup
        text = match.group()
        if kind_name == "number":
            tokens.append(Token(TokenKind.NUMBER, text, position))
        elif kind_name == "name":
            kind = TokenKind.KEYWORD if text in KEYWORDS else TokenKind.NAME
            tokens.append(Token(kind, text, position))
        elif kind_name == "string":
            tokens.append(Token(TokenKind.STRING, text[1:-1], position))
        elif kind_name == "operator":
            if text == "==":
                raise ExpressionError("'==' is not an operator, compare with '='", source, position)
            tokens.append(Token(TokenKind.OPERATOR, text, position))
        elif kind_name == "punctuation":
            tokens.append(Token(_PUNCTUATION[text], text, position))
        position = match.end()
    tokens.append(Token(TokenKind.END, "", len(source)))
    return tokens


def parse(source: str) -> Node:
    """Parse a whole expression into its syntax tree, or raise ExpressionError."""
    if not source.strip():
        raise ExpressionError("expression is empty", source, 0)
    return _Parser(source, tokenize(source)).parse_all()


class _Parser:
    """Precedence climbing over the token list; one instance per expression."""

    def __init__(self, source: str, tokens: list[Token]) -> None:
        self._source = source
        self._tokens = tokens
        self._index = 0
        self._depth = 0

    def parse_all(self) -> Node:
        """The tree of the whole expression; anything left over is a mistake."""
        node = self._operation(0)
        token = self._peek()
        if token.kind is not TokenKind.END:
            raise self._error(f"unexpected {_describe(token)}", token)
        return node

    def _peek(self) -> Token:
        return self._tokens[self._index]

    def _advance(self) -> Token:
        token = self._tokens[self._index]
        self._index += 1
        return token

    def _error(self, reason: str, token: Token) -> ExpressionError:
        return ExpressionError(reason, self._source, token.position)

    def _operation(self, minimum_power: int) -> Node:
        self._depth += 1
        if self._depth > _MAX_DEPTH:
            raise self._error("expression is nested too deeply", self._peek())
        left = self._operand()
        compared = False
        while True:
            token = self._peek()
            power = _infix_power(token)
            if power is None or power < minimum_power:
                break
            if token.text in COMPARISON_OPERATORS:
                if compared:
                    raise self._error("comparisons cannot be chained, join them with 'and'", token)
                compared = True
            self._advance()
            right = self._operation(power + 1)
            left = Binary(token.text, left, right)
        self._depth -= 1
        return left

    def _operand(self) -> Node:
        token = self._advance()
        if token.kind is TokenKind.NUMBER:
            return Literal(Decimal(token.text))
        if token.kind is TokenKind.STRING:
            return Literal(token.text)
        if token.kind is TokenKind.DOT:
            return SelfReference(token.position)
        if token.kind is TokenKind.KEYWORD:
            return self._keyword(token)
        if token.kind is TokenKind.OPERATOR and token.text == "-":
            return Unary("-", self._operation(_NEGATION_OPERAND_POWER))
        if token.kind is TokenKind.NAME:
            if self._peek().kind is TokenKind.OPEN:
                return self._call(token)
            return Name(token.text, token.position)
        if token.kind is TokenKind.OPEN:
            inner = self._operation(0)
            self._expect(TokenKind.CLOSE, "')'")
            return inner
        raise self._error(f"expected a value but found {_describe(token)}", token)

    def _keyword(self, token: Token) -> Node:
        if token.text == "not":
            return Unary("not", self._operation(_NOT_OPERAND_POWER))
        if token.text in ("true", "false"):
            return Literal(token.text == "true")
        if token.text == "null":
            return Literal(None)
        raise self._error(f"expected a value but found {_describe(token)}", token)

    def _call(self, name: Token) -> Node:
        arity = FUNCTION_ARITY.get(name.text)
        if arity is None:
            raise self._error(f"unknown function '{name.text}'", name)
        self._advance()  # the opening parenthesis
        arguments: list[Node] = []
        if self._peek().kind is not TokenKind.CLOSE:
            arguments.append(self._operation(0))
            while self._peek().kind is TokenKind.COMMA:
                self._advance()
                arguments.append(self._operation(0))
        self._expect(TokenKind.CLOSE, "')' or ','")
        fewest, most = arity
        if len(arguments) < fewest or (most is not None and len(arguments) > most):
            raise self._error(
                f"function '{name.text}' takes {_count_words(fewest, most)}, not {len(arguments)}",
                name,
            )
        return Call(name.text, tuple(arguments), name.position)

    def _expect(self, kind: TokenKind, wanted: str) -> None:
        token = self._advance()
        if token.kind is not kind:
            raise self._error(f"expected {wanted} but found {_describe(token)}", token)


def _infix_power(token: Token) -> int | None:
    if token.kind in (TokenKind.OPERATOR, TokenKind.KEYWORD):
        return _BINDING_POWER.get(token.text)
    return None


def _describe(token: Token) -> str:
    if token.kind is TokenKind.END:
        return "the end"
    if token.kind is TokenKind.STRING:
        return f"string '{token.text}'"
    return f"'{token.text}'"


def _count_words(fewest: int, most: int | None) -> str:
    def arguments(count: int) -> str:
        """'1 argument', '2 arguments'."""
        return f"{count} argument" + ("" if count == 1 else "s")

    if most is None:
        return f"at least {arguments(fewest)}"
    if fewest == most:
        return arguments(fewest)
    return f"{fewest} to {arguments(most)}"
