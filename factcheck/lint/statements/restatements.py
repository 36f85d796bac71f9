"""Restatements: one figure given twice, once exactly and once with a hedge, which must
still be true of it.

- in one sentence: "1,512 firms, or more than 1,500"; "2,130, nearly 2,200";
- pointing back: "6,460 invention patents ... That is more than 6,400 invention
  patents"; "274 listed companies ... those nearly 280 companies"; "104 little giants
  ... With over 100 such firms"; "32.98 million yuan ... That is a little under 33
  million yuan per firm";
- pointing forward: "more than 1,200 valid patents ... Company filings put the count at
  1,221".

The figures must be of one kind and count the same thing (``Passage.noun``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.lint.statements.cues import same_kind
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement
from factcheck.units import Unit

__all__ = ["might_state", "read_restatements"]

_APPOSED = re.compile(
    r"(?:\s*[a-z\-]+){0,3}?\s*,\s*(?:still\s+|now\s+)?(?:or|that is|i\.e\.|or some|or about)?\s*"
)
#: A restatement in apposition ends its clause: "212 companies, or more than 200." (not
#: "27.3 billion kWh, or about 846 billion kWh for the month").
_ENDS = re.compile(r"(?:\s*[a-z\-]+){0,2}\s*(?:[.,;:)]|$)")
_BACK = re.compile(
    r"(?:^|\b)(?:that is|that's|this is|that means|that made|that makes|it is|"
    r"(?:that|this) puts the (?:figure|number|count|total|tally))\b|\b(?:those|these|such|the)\s+$"
)
_OPENS = re.compile(r"(?:those|these)\b")
#: "In round numbers, ...", "The ten-month total, just short of 180,000 units, ...".
_ROUNDED = re.compile(
    r"(?:in round (?:numbers|terms|figures)|roughly speaking|rounded|all told|"
    r"the (?:[\w-]+ )?(?:total|tally|figure|count),)"
)
#: "nearly 100 such firms", "more than 500 such firms": the same firms again.
_SUCH_AFTER = re.compile(r"\s+(?:such|of these|of those|of them)\b")
_FORWARD = re.compile(
    r"\b(?:put|puts|putting|gave|give|gives|set|sets|place|places|placed)\s+the\s+"
    r"(?:count|number|figure|total|tally)\s+at\s+$"
)


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a hedged figure, or "among the"."""
    return any(m.figure.hedge for m in passage.mentions) or "among the" in passage.lowered


def read_restatements(passage: Passage) -> Iterator[Statement]:
    for hedged in passage.mentions:
        if hedged.figure.hedge is None or hedged.is_year or hedged.figure.direction:
            continue
        exact = _restated(passage, hedged)
        if exact is not None:
            yield _statement(passage, hedged, exact)
        elif _ROUNDED.match(passage.opening(hedged.sentence)) and hedged.sentence > 0:
            # "In round numbers, the companies took in some 67 billion yuan": each hedged
            # figure restates one of the kind before it.
            earlier = [
                m for m in passage.earlier(hedged, 2)
                if m.sentence < hedged.sentence and _plain(m) and same_kind(m, hedged)
                and _per(passage, m) == _per(passage, hedged)
            ]  # fmt: skip
            if earlier and (hedged.is_money or passage.noun(hedged) is not None):
                h = passage.operand(hedged)
                readings = tuple(
                    Reading(
                        (e := passage.operand(m)).name,
                        "==",
                        h.name,
                        (e, h),
                        f"{h.label} restates {e.label}",
                    )
                    for m in earlier
                )
                yield Statement(Category.RESTATEMENT, hedged, readings)
    yield from _bare_the(passage)
    for hedged, exact in _forward(passage):
        yield _statement(passage, hedged, exact)


def _plain(m: Mention) -> bool:
    return m.figure.hedge is None and m.figure.direction is None and not m.figure.is_range


def _restated(passage: Passage, hedged: Mention) -> Mention | None:
    """The exact figure ``hedged`` says again, if the words say it does."""
    previous = next((m for m in passage.earlier(hedged, 0) if m is not hedged), None)
    if (
        previous is not None and _plain(previous) and same_kind(previous, hedged)
        and _APPOSED.fullmatch(passage.between(previous, hedged))
        and _alike(passage, previous, hedged)
        and _per(passage, previous) == _per(passage, hedged)
        and _ENDS.match(passage.after(hedged, 40))
    ):  # fmt: skip
        return previous
    start = passage.sentences[hedged.sentence][0]
    before = passage.text[start : hedged.start].lower()
    if hedged.unit is Unit.PERCENT or _of(passage, hedged):
        return None  # a share or a rate is said of something else, not restated
    if hedged.sentence > 0 and (
        _BACK.search(before)
        or _BACK.search(passage.sentence_lowered(hedged.sentence))
        or _OPENS.match(passage.opening(hedged.sentence))
        or _SUCH_AFTER.match(passage.after(hedged, 12))
    ):
        earlier = [
            m for m in passage.earlier(hedged, 2)
            if m.sentence < hedged.sentence and _plain(m) and same_kind(m, hedged)
            and _per(passage, m) == _per(passage, hedged)
        ]  # fmt: skip
        return next((m for m in earlier if _alike(passage, m, hedged, strict=True)), None)
    return None


_PER = re.compile(
    r"\s*(?:[a-z\-]+\s+){0,3}?(?:per|each|a head|apiece|for each|on average|a day|a week|"
    r"a month|a year|an hour|a minute|daily|monthly|annually)\b"
)
_AVERAGE = re.compile(r"\baverage|\beach\b|\bper\b")


def _per(passage: Passage, m: Mention) -> bool:
    """Whether a figure is a rate or an average: "35 million yuan per firm"."""
    start = passage.sentences[m.sentence][0]
    return bool(
        _PER.match(passage.after(m, 40)) or _AVERAGE.search(passage.text[start : m.start].lower())
    )


def _of(passage: Passage, m: Mention) -> bool:
    return bool(re.match(r"\s*of\b", passage.after(m, 6)))


#: "Among the 500, 68 were national": "the 500" with no noun names a group said before
#: ("Of the 30," too often names one of an earlier paragraph).
_AMONG_THE = re.compile(r"\bamong\s+the\s+$")
_NO_NOUN = re.compile(r"\s*(?:,|were\b|are\b|was\b|is\b|had\b|have\b)")


def _bare_the(passage: Passage) -> Iterator[Statement]:
    """ "... 500 are healthcare companies. Among the 500, 68 were ...": a bare "the N"
    is one of the figures of its kind before it in the paragraph."""
    for m in passage.mentions:
        if not (m.is_count and _plain(m)) or not _AMONG_THE.search(passage.before(m, 12)):
            continue
        if not _NO_NOUN.match(passage.after(m, 8)):
            continue
        earlier = [
            o for o in passage.earlier(m, len(passage.sentences)) if o.is_count and _plain(o)
        ]
        if not earlier:
            continue
        the = passage.operand(m)
        readings = tuple(
            Reading(
                the.name,
                "==",
                (e := passage.operand(o)).name,
                (the, e),
                f"{the.label} restates {e.label}",
            )
            for o in earlier
        )
        yield Statement(Category.RESTATEMENT, m, readings)


def _forward(passage: Passage) -> Iterator[tuple[Mention, Mention]]:
    """ "more than 1,200 patents ... filings put the count at 1,221": (hedged, exact)."""
    for exact in passage.mentions:
        if exact.sentence == 0 or not _plain(exact):
            continue
        if not _FORWARD.search(passage.before(exact, 40)):
            continue
        for m in passage.earlier(exact, 1):
            if (
                m.sentence < exact.sentence and m.figure.hedge and same_kind(m, exact)
                and _alike(passage, m, exact, strict=True)
            ):  # fmt: skip
                yield m, exact
                break


def _alike(passage: Passage, a: Mention, b: Mention, *, strict: bool = False) -> bool:
    if a.is_money or a.unit is not None:
        return True
    x, y = passage.noun(a), passage.noun(b)
    if x is None or y is None:
        return not strict or x == y
    return x == y


def _statement(passage: Passage, hedged: Mention, exact: Mention) -> Statement:
    h, e = passage.operand(hedged), passage.operand(exact)
    says = f"{h.label} restates {e.label}"
    return Statement(Category.RESTATEMENT, hedged, (Reading(e.name, "==", h.name, (e, h), says),))
