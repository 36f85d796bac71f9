"""Fuzz tests of constraint expressions: the parser raises only its own
``ExpressionError`` on any text, and what it parses evaluates over any intervals
without raising (tests/test_fuzz.py has the loader, the check and the linter).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.engine.propagation import evaluate, propagate
from factcheck.engine.relations import Relation, RelationKind, Term, variables_in
from factcheck.expressions import (
    Binary,
    Call,
    Comparison,
    Constant,
    ExpressionError,
    Name,
    Negation,
    Number,
    parse_constraint,
)
from factcheck.findings import Location
from factcheck.intervals import Interval

from .fuzzing import expressions

# A failing example of thousands of characters is still worth seeing whole.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)


def parsed(text: str) -> Comparison | ExpressionError:
    """The tree of ``text``, or the error it is refused with; any other exception
    propagates (and fails the test)."""
    try:
        return parse_constraint(text)
    except ExpressionError as exc:
        return exc


@given(text=expressions)
def test_expression_parser_raises_only_expression_error(text: str) -> None:
    """Any text parses, or is refused with an ``ExpressionError`` that points inside
    the text (its offset is what FC210 turns into a column)."""
    result = parsed(text)
    if isinstance(result, ExpressionError):
        assert 0 <= result.start <= len(text), (result.start, len(text))
        assert result.start <= result.end, (result.start, result.end)


ends = st.one_of(
    st.none(),
    st.integers(-(10**6), 10**6),
    st.fractions(max_denominator=1_000),
    st.integers(1, 3_000).map(lambda n: Fraction(10**n)),
)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    """A non-empty interval: bounded or not, open or closed ends."""
    lo, hi = draw(ends), draw(ends)
    if lo is not None and hi is not None and hi < lo:
        lo, hi = hi, lo
    if lo is not None and lo == hi:
        return Interval(lo, hi)
    return Interval(lo, hi, draw(st.booleans()), draw(st.booleans()))


def _with_bounds(node: Term, domains: dict[str, Interval]) -> Term:
    """``node`` with ``lo(x)``/``hi(x)`` replaced by that end of x's interval, as the
    engine's compiler does (factcheck/engine/model.py ``_Compiler._bound``)."""
    if isinstance(node, Call) and node.function in {"lo", "hi"}:
        (arg,) = node.args
        assert isinstance(arg, Name)
        interval = domains[arg.id]
        end = interval.lo if node.function == "lo" else interval.hi
        if end is None:
            return Number(Fraction(0), node.start, node.end)
        return Constant(Interval.point(end), node.start, node.end)
    if isinstance(node, Negation):
        return Negation(_with_bounds(node.operand, domains), node.start, node.end)
    if isinstance(node, Binary):
        left, right = _with_bounds(node.left, domains), _with_bounds(node.right, domains)
        return Binary(node.op, left, right, node.start, node.end)
    if isinstance(node, Call):
        args = tuple(_with_bounds(arg, domains) for arg in node.args)
        return Call(node.function, args, node.start, node.end)
    return node


@settings(deadline=None)
@given(text=expressions, data=st.data())
def test_parsed_expressions_evaluate_over_any_intervals(text: str, data: st.DataObject) -> None:
    """What parses, the engine can evaluate and propagate over any intervals of its
    names (unbounded, open, huge), without raising."""
    tree = parsed(text)
    if isinstance(tree, ExpressionError):
        return
    names = list(dict.fromkeys([*variables_in(tree.left), *variables_in(tree.right)]))
    domains = {name: data.draw(intervals(), label=name) for name in names}
    left, right = _with_bounds(tree.left, domains), _with_bounds(tree.right, domains)
    relation = Relation(
        id="fuzz",
        kind=RelationKind.CONSTRAINT,
        left=left,
        op=tree.op,
        right=right,
        variables=tuple(names),
        location=Location("constraints/fuzz.yaml"),
        description="a fuzzed constraint",
    )
    evaluate(left, domains)
    evaluate(right, domains)
    propagate([relation], domains)
