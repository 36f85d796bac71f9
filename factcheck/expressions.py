"""The constraint expression language: parsed into a tree, never evaluated by Python.

    bj-healthcare / bj-provincial-total == bj-healthcare-share
    gd-fifth-batch == cn-fifth-batch * gd-fifth-batch-share
    cn-listed-2023 == sum(ref-cn-batch-1, ref-cn-batch-2, ref-cn-batch-3)

Names are claim or unknown ids, and ids contain hyphens, so subtraction needs spaces:
``a-b`` is one name, ``a - b`` a difference. Grammar (docs/constraints.md)::

    constraint := sum COMPARISON sum          COMPARISON: == <= < >= >
    sum        := product (("+" | "-") product)*
    product    := unary (("*" | "/") unary)*
    unary      := "-" unary | atom
    atom       := NUMBER ["%"] | NAME | NAME "(" sum ("," sum)* ")" | "(" sum ")"

``×``, ``÷``, ``−`` and ``≤``, ``≥`` are accepted for ``*``, ``/``, ``-``, ``<=``, ``>=``.
Functions: ``min``, ``max``, ``sum`` of any number of arguments; ``lo(claim)`` and
``hi(claim)``, the ends of a claim's stated interval ("spanning 2018-20").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from factcheck.intervals import Interval

__all__ = [
    "COMPARISONS",
    "FUNCTIONS",
    "Binary",
    "Call",
    "Comparison",
    "Constant",
    "ExpressionError",
    "Name",
    "Negation",
    "Node",
    "Number",
    "parse_constraint",
]

COMPARISONS = ("==", "<=", "<", ">=", ">")
FUNCTIONS = {"min": (1, None), "max": (1, None), "sum": (1, None), "lo": (1, 1), "hi": (1, 1)}
MAX_LENGTH = 10_000  # characters; a longer expression is refused, not parsed
MAX_DEPTH = 100  # nesting of parentheses, calls and unary minus
MAX_OPERATORS = 300  # operators and arguments: every tree walk stays far from recursion limits


class ExpressionError(ValueError):
    """A malformed expression; ``start``/``end`` are character offsets into it."""

    def __init__(self, message: str, start: int, end: int | None = None) -> None:
        super().__init__(message)
        self.start = start
        self.end = start + 1 if end is None else end


@dataclass(frozen=True, slots=True)
class Number:
    value: Fraction
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Name:
    id: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Negation:
    operand: Node
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Binary:
    op: str  # + - * /
    left: Node
    right: Node
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Call:
    function: str
    args: tuple[Node, ...]
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Constant:
    """An interval known in advance. The parser never makes one; the engine does (a
    conversion's plausible band, ``lo(claim)``)."""

    interval: Interval
    start: int = 0
    end: int = 0
    label: str | None = None  # how it was written ("hi(plan-years)"), for messages


Node = Number | Name | Negation | Binary | Call | Constant


@dataclass(frozen=True, slots=True)
class Comparison:
    op: str
    left: Node
    right: Node


_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<name>[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*)
  | (?P<op>==|<=|>=|≤|≥|[<>+\-−*/×÷(),%])
    """,
    re.VERBOSE,
)
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
MAX_DIGITS = 30  # in a number; a longer one is refused (Python would not even convert it)
_CANONICAL = {"−": "-", "×": "*", "÷": "/", "≤": "<=", "≥": ">="}


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # name, number, op, end
    text: str
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while position < len(text):
        m = _TOKEN.match(text, position)
        if m is None:
            raise ExpressionError(f"unexpected character {text[position]!r}", position)
        kind = m.lastgroup or ""
        word = m.group()
        if kind == "name" and not re.search(r"[A-Za-z]", word):
            # Digits only: a number. Take just the number, so "2025-2" is 2025 - 2.
            number = _NUMBER.match(text, position)
            assert number is not None
            if sum(c.isdigit() for c in number.group()) > MAX_DIGITS:
                raise ExpressionError(
                    f"a number of more than {MAX_DIGITS} digits", position, number.end()
                )
            tokens.append(_Token("number", number.group(), position, number.end()))
            position = number.end()
            continue
        if kind != "space":
            tokens.append(_Token(kind, _CANONICAL.get(word, word), m.start(), m.end()))
        position = m.end()
    tokens.append(_Token("end", "", len(text), len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.index = 0
        self.depth = 0
        operators = sum(t.text in {"+", "-", "*", "/", ","} for t in self.tokens)
        if operators > MAX_OPERATORS:
            raise ExpressionError(
                f"more than {MAX_OPERATORS} operators; split it into several constraints", 0
            )

    @property
    def token(self) -> _Token:
        return self.tokens[self.index]

    def advance(self) -> _Token:
        token = self.token
        self.index += 1
        return token

    def expect(self, text: str) -> _Token:
        if self.token.text != text:
            found = self.token.text or "the end"
            raise ExpressionError(f"expected {text!r}, found {found!r}", self.token.start)
        return self.advance()

    def constraint(self) -> Comparison:
        left = self.sum()
        if self.token.text not in COMPARISONS:
            found = f"found {self.token.text!r}" if self.token.text else "it ends"
            raise ExpressionError(
                f"a constraint compares two sides with ==, <=, <, >= or >; {found}",
                self.token.start,
            )
        op = self.advance().text
        right = self.sum()
        if self.token.kind != "end":
            raise ExpressionError(f"unexpected {self.token.text!r}", self.token.start)
        return Comparison(op, left, right)

    def sum(self) -> Node:
        node = self.product()
        while self.token.text in {"+", "-"}:
            op = self.advance().text
            right = self.product()
            node = Binary(op, node, right, node.start, right.end)
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.token.text in {"*", "/"}:
            op = self.advance().text
            right = self.unary()
            node = Binary(op, node, right, node.start, right.end)
        return node

    def unary(self) -> Node:
        if self.token.text == "-":
            start = self.advance().start
            with self._nested(start):
                operand = self.unary()
            return Negation(operand, start, operand.end)
        return self.atom()

    def atom(self) -> Node:
        token = self.token
        if token.kind == "number":
            self.advance()
            value = Fraction(token.text)
            if self.token.text == "%":
                return Number(value / 100, token.start, self.advance().end)
            return Number(value, token.start, token.end)
        if token.kind == "name":
            self.advance()
            if self.token.text == "(":
                return self.call(token)
            return Name(token.text, token.start, token.end)
        if token.text == "(":
            self.advance()
            with self._nested(token.start):
                inner = self.sum()
            self.expect(")")
            return inner
        found = repr(token.text) if token.text else "the end"
        raise ExpressionError(f"expected a number, a name or '(', found {found}", token.start)

    def call(self, name: _Token) -> Call:
        if name.text not in FUNCTIONS:
            known = ", ".join(FUNCTIONS)
            raise ExpressionError(
                f"unknown function {name.text!r}; functions are {known}", name.start, name.end
            )
        self.expect("(")
        with self._nested(name.start):
            args = [self.sum()]
            while self.token.text == ",":
                self.advance()
                args.append(self.sum())
        end = self.expect(")").end
        low, high = FUNCTIONS[name.text]
        if len(args) < low or (high is not None and len(args) > high):
            raise ExpressionError(
                f"{name.text}() takes {'one argument' if high == 1 else 'arguments'}",
                name.start,
                end,
            )
        if name.text in {"lo", "hi"} and not isinstance(args[0], Name):
            raise ExpressionError(f"{name.text}() takes a claim id", args[0].start, args[0].end)
        return Call(name.text, tuple(args), name.start, end)

    def _nested(self, start: int) -> _Depth:
        return _Depth(self, start)


class _Depth:
    def __init__(self, parser: _Parser, start: int) -> None:
        self.parser, self.start = parser, start

    def __enter__(self) -> None:
        self.parser.depth += 1
        if self.parser.depth > MAX_DEPTH:
            raise ExpressionError(f"nested more than {MAX_DEPTH} deep", self.start)

    def __exit__(self, *exc: object) -> None:
        self.parser.depth -= 1


def parse_constraint(text: str) -> Comparison:
    """Parse ``text`` as a constraint; raises ``ExpressionError`` with its offset."""
    if len(text) > MAX_LENGTH:
        raise ExpressionError(f"longer than {MAX_LENGTH:,} characters", 0)
    return _Parser(text).constraint()


def names(node: Node | Comparison) -> list[Name]:
    """Every name in a tree, left to right (function names excluded)."""
    if isinstance(node, Comparison):
        return names(node.left) + names(node.right)
    if isinstance(node, Name):
        return [node]
    if isinstance(node, Negation):
        return names(node.operand)
    if isinstance(node, Binary):
        return names(node.left) + names(node.right)
    if isinstance(node, Call):
        return [n for arg in node.args for n in names(arg)]
    return []
