"""Relations a draft states between its own figures, read from its prose.

Each reader takes a paragraph (``Passage``) and yields ``Statement``s for one kind of
relation; ``judging`` hands them to the engine. Readers are listed in ``READERS``; a new
kind of relation is a new module and a line here, with its cases in
tests/cases/lint/statements.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from factcheck.lint.statements import (
    changes,
    conversions,
    dates,
    points,
    ranks,
    rates,
    ratios,
    restatements,
    series,
    shares,
    sums,
)
from factcheck.lint.statements.passage import Passage
from factcheck.lint.statements.statement import Statement

__all__ = ["READERS", "read_statements"]

Reader = Callable[[Passage], Iterator[Statement]]

#: Each reader with a cheap test of whether a paragraph may state its relation at all
#: (a word or a kind of figure it needs): most paragraphs state none.
READERS: tuple[tuple[Callable[[Passage], bool], Reader], ...] = (
    (shares.might_state, shares.read_shares),
    (changes.might_state, changes.read_changes),
    (points.might_state, points.read_points),
    (sums.might_state, sums.read_sums),
    (restatements.might_state, restatements.read_restatements),
    (rates.might_state, rates.read_rates),
    (ratios.might_state, ratios.read_ratios),
    (dates.might_state, dates.read_dates),
    (ranks.might_state, ranks.read_ranks),
    (conversions.might_state, conversions.read_conversions),
    (series.might_state, series.read_series),
)


def read_statements(passage: Passage) -> list[Statement]:
    return [s for might, read in READERS if might(passage) for s in read(passage)]
