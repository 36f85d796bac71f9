"""Relations a draft states between its own figures, read from its prose.

Each reader takes a paragraph (``Passage``) and yields ``Statement``s for one kind of
relation; ``judging`` hands them to the engine. Readers are listed in ``READERS``; a new
kind of relation is a new module and a line here, with its cases in
tests/cases/lint/statements.yaml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from factcheck.lint.statements.changes import read_changes
from factcheck.lint.statements.conversions import read_conversions
from factcheck.lint.statements.dates import read_dates
from factcheck.lint.statements.passage import Passage
from factcheck.lint.statements.points import read_points
from factcheck.lint.statements.ranks import read_ranks
from factcheck.lint.statements.rates import read_rates
from factcheck.lint.statements.ratios import read_ratios
from factcheck.lint.statements.restatements import read_restatements
from factcheck.lint.statements.shares import read_shares
from factcheck.lint.statements.sums import read_sums
from factcheck.lint.statements.statement import Statement

__all__ = ["READERS", "read_statements"]

Reader = Callable[[Passage], Iterator[Statement]]

READERS: tuple[Reader, ...] = (read_shares, read_changes, read_points, read_sums, read_restatements, read_rates, read_ratios, read_dates, read_ranks, read_conversions)


def read_statements(passage: Passage) -> list[Statement]:
    return [statement for read in READERS for statement in read(passage)]
