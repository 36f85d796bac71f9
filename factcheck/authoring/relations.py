"""The relations an article states between its own figures, as proposed constraints.

``lint`` reads what a draft says between its figures — shares, changes, sums, ratios,
rates (``factcheck.lint.statements``) — as relations in the engine's terms. ``extract``
asks the same readers about the article and writes each relation whose figures all
became proposed claims, as a proposed constraint over those claims, in the reading lint
holds it to (``judging.chosen_readings``: the first that may hold): "658 …, accounting
for 17.9 percent of all such enterprises" is not written (the whole is not in the
text), "5,261, among which 500 …, or 9.5 percent" is. Conversions (the engine relates
currencies itself) and dates are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date
from fractions import Fraction

from factcheck.engine.relations import Term
from factcheck.engine.reporting import render_term
from factcheck.expressions import (
    Binary,
    Call,
    Constant,
    ExpressionError,
    Name,
    Negation,
    Number,
    parse_constraint,
)
from factcheck.figures import Figure, scan
from factcheck.hedges import HedgeWidths
from factcheck.lint.drafts import Draft
from factcheck.lint.statements import read_statements
from factcheck.lint.statements.judging import chosen_readings
from factcheck.lint.statements.passage import Passage
from factcheck.lint.statements.statement import Category

__all__ = ["propose_constraints"]

#: Kinds of relation not proposed: the engine relates currencies itself, and a date's
#: relation is to the calendar.
_LEFT_OUT = frozenset({Category.CONVERSION, Category.DATE})


class _UnwritableError(ValueError):
    """A term that a constraint's expression cannot say (a band of values)."""


def propose_constraints(
    draft: Draft, spans: Sequence[tuple[int, int]], widths: HedgeWidths, when: date
) -> Iterator[dict[str, object]]:
    """Proposed constraints over the proposed claims whose figures are at ``spans``
    (offsets in ``draft.text``); ``{n}`` in an expression stands for the n-th claim."""
    claim_at = {span: n for n, span in enumerate(spans)}
    seen: set[str] = set()
    for start, end, sentences in _paragraphs(draft):
        passage = Passage.of(draft.prose[start:end], start, sentences, widths, when=when)
        statements = [s for s in read_statements(passage) if s.category not in _LEFT_OUT]
        if not statements:
            continue
        for statement, reading in chosen_readings(passage, statements, draft.location(start)):
            labels: dict[str, str] = {}
            for operand in reading.operands:
                mention = operand.mention
                n = claim_at.get((start + mention.start, start + mention.end))
                if n is None:
                    break  # a figure that is not a proposed claim: a range's end, a name
                labels[operand.label] = f"{{{n}}}"
            else:
                try:
                    left, right = _named(reading.left, labels), _named(reading.right, labels)
                except _UnwritableError:
                    continue
                expr = f"{render_term(left)} {reading.op} {render_term(right)}"
                if expr in seen or not _parses(expr):
                    continue
                seen.add(expr)
                yield {
                    "status": "proposed",
                    "description": f"the article states that {reading.says}",
                    "expr": expr,
                    "name": str(statement.category),
                }


def _paragraphs(draft: Draft) -> Iterator[tuple[int, int, list[tuple[int, int, Sequence[Figure]]]]]:
    """Each paragraph's span and its sentences, as ``Passage.of`` takes them."""
    by_paragraph: dict[int, list[tuple[int, int]]] = {}
    for sentence in draft.sentences:
        by_paragraph.setdefault(sentence.paragraph, []).append((sentence.start, sentence.end))
    for spans in by_paragraph.values():
        start, end = spans[0][0], spans[-1][1]
        sentences: list[tuple[int, int, Sequence[Figure]]] = [
            (s - start, e - start, tuple(scan(draft.prose[s:e]))) for s, e in spans
        ]
        yield start, end, sentences


def _named(term: Term, labels: dict[str, str]) -> Term:
    """``term`` with each figure's label replaced by its claim's placeholder."""
    if isinstance(term, Name):
        return replace(term, id=labels[term.id])
    if isinstance(term, Constant):
        interval = term.interval
        if interval.lo is None or interval.lo != interval.hi:
            raise _UnwritableError(term.label or "a band")
        return Number(Fraction(interval.lo), 0, 0)
    if isinstance(term, Negation):
        return replace(term, operand=_named(term.operand, labels))
    if isinstance(term, Binary):
        return replace(term, left=_named(term.left, labels), right=_named(term.right, labels))
    if isinstance(term, Call):
        return replace(term, args=tuple(_named(a, labels) for a in term.args))
    return term


def _parses(expr: str) -> bool:
    """Whether ``expr`` is a constraint once its placeholders are ids."""
    try:
        parse_constraint(expr.replace("{", "c").replace("}", ""))
    except ExpressionError:
        return False
    return True
