"""``factcheck extract``: an article's checkable figures as proposed claims.

The article is read as ``lint`` reads a draft — the same sentences, the same figure
grammar, the same attachment of each figure to its subject, counted phrase, modality
and time (``factcheck.lint.attachment``) — and each figure that states a fact becomes a
claim: its clause as a verbatim quote, its value as written, its subject and metric
where the attachment names an entity and a metric of the fact base, its time from its
sentence or the article's date. What could not be filled stays out of the record and
the claim says so (``status: proposed``, FC111).

Not proposed: figures glued to letters ("ICP备13028878号-22"), long bare numbers
(postcodes, registration numbers), figures in contact lines, a dateline, and a plain
year that only dates the other figures of its sentence ("In 2022, 590 firms …").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from factcheck.factbase import FactBase
from factcheck.figures import Figure, scan
from factcheck.lint.attachment import Attachment, attach, is_year, period_of
from factcheck.lint.drafts import Draft
from factcheck.lint.mentions import Discourse, Names
from factcheck.lint.qualifiers import numbered
from factcheck.lint.words import phrase, stem, tokenize
from factcheck.periods import Period
from factcheck.units import Measure, Unit
from factcheck.values import UnreadableValueError, read_value

__all__ = ["Proposal", "propose_claims", "written_period"]

#: What a figure's unit says a metric must measure.
_MEASURES: dict[Unit | None, frozenset[Measure]] = {
    None: frozenset({Measure.COUNT}),
    Unit.COUNT: frozenset({Measure.COUNT}),
    Unit.PERCENT: frozenset({Measure.SHARE, Measure.RATE}),
    Unit.YEARS: frozenset({Measure.DURATION}),
    Unit.TIMES: frozenset({Measure.MULTIPLIER}),
    Unit.KM: frozenset({Measure.LENGTH}),
    Unit.DATE: frozenset({Measure.DATE}),
    Unit.RANK: frozenset({Measure.RANK}),
}
_CONTACT = re.compile(
    r"\b(?:copyright|all rights reserved|registration number|tel|fax|e-?mail|add|address"
    r"|icp|postcode|zip code|phone)\b\s*[:：©]?",
    re.IGNORECASE,
)
#: Ranks said in words: "ranking first", "ranked third nationwide", "has the most".
_RANKS = re.compile(
    r"\b(?:ranking|ranked|ranks|rank|placed|came)\s+(?:No\.\s?\d+|(?:the\s+)?"
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top"
    r"|\d+(?:st|nd|rd|th)))\b|\b(?:topped|tops|led)\s+the\s+(?:list|ranking|country|nation)\b"
    r"|\bthe\s+most(?=\s+(?:among|in|of)\b)"
    r"|\b(?:has|had|have|with|boasts?|boasted)\s+the\s+most\b",
    re.IGNORECASE,
)
#: A month without a year, as the time something happened: "in September", "last December".
_MONTH = re.compile(
    r"\b(?P<when>in|last)\s+(?P<month>January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b(?![\s,]*(?:of\s+)?\d)",
)
#: Characters that do not show: a figure beside one may be a number cut in two
#: ("1,\u200b200"), or shown in another order than it is read (FC110).
_HIDDEN = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_NUMBERED_PLACE = re.compile(r"\b(?:No|Room|page|p)\.?\s*$", re.IGNORECASE)
#: The most characters a quote keeps on either side of its figure: the clause, cut at
#: words (a sentence of a thousand figures would otherwise repeat itself in each).
_QUOTE_REACH = 200
_SERIES_NOUNS = frozenset({"batch", "list", "round", "group", "edition"})
_GOAL = frozenset({"goal", "goals", "aim", "aims", "target", "targets", "plan", "plans"})
_MIN_QUOTE_WORDS = 6


@dataclass(frozen=True)
class Proposal:
    """One figure of the article as a proposed claim, before it has an id."""

    start: int  # where the figure is in the article
    end: int
    record: dict[str, object]  # the claim's fields, in the order they are written


@dataclass(frozen=True)
class _Article:
    draft: Draft
    factbase: FactBase
    source: str
    published: Period
    metrics: _Metrics

    @cached_property
    def series_key(self) -> str:
        """The qualifier that numbers a series in this fact base ("batch"), if it has
        one only; else "batch"."""
        keys = {
            key for e in self.factbase.claims.values()
            for key, value in e.record.qualifiers.items() if isinstance(value, int)
        }  # fmt: skip
        return keys.pop() if len(keys) == 1 else "batch"

    def quoted(self, start: int, end: int) -> str:
        """Characters ``start:end`` of the article as written, whitespace as one space."""
        return " ".join(self.draft.text[start:end].split())


def propose_claims(
    draft: Draft, factbase: FactBase, source: str, published: Period
) -> Iterator[Proposal]:
    """The proposed claims of ``draft`` (an article of ``source``), in its order."""
    names = Names(factbase)
    discourse = Discourse(names)
    article = _Article(draft, factbase, source, published, _Metrics(factbase))
    for sentence in draft.sentences:
        text = draft.prose[sentence.start : sentence.end]
        figures = [f for f in scan(text) if f.compared]
        attached = attach(text, figures, names, discourse, published.start)
        if _CONTACT.search(text):
            continue  # attached all the same: the names it gives are "the city" later
        tokens = tokenize(text)
        words = _Words(
            [sentence.start + t.start for t in tokens], [sentence.start + t.end for t in tokens]
        )
        dated = {
            id(f) for f in figures if _calendar(f, text[f.start : f.end]) or f.unit is Unit.DATE
        }
        counts = len(figures) - len(dated)  # figures that are not times
        for figure, attachment in zip(figures, attached, strict=True):
            timed = id(figure) in dated
            if _not_a_claim(text, figure, timed=timed, counts=counts, words=len(tokens)) is None:
                yield _proposal(
                    article, sentence.start, words=words, figure=figure,
                    attachment=attachment,
                )  # fmt: skip
        yield from _words(article, sentence.start, text, figures, attached)


def _not_a_claim(text: str, figure: Figure, *, timed: bool, counts: int, words: int) -> str | None:
    """Why ``figure`` is not a claim, or None. ``timed``: it is a year or a date;
    ``counts``: how many figures of its sentence are neither; ``words``: how many words
    the sentence has."""
    written = text[figure.start : figure.end]
    before = text[figure.start - 1] if figure.start else " "
    after = text[figure.end] if figure.end < len(text) else " "
    if before.isalnum() or after.isalnum() or before in "#№":
        return "glued to letters: a code or a name"
    if _HIDDEN.search(text, max(0, figure.start - 2), figure.end + 2):
        return "an invisible character in or beside it: it may be part of another number"
    if re.fullmatch(r"\d{5,}", written):
        return "a long bare number: a postcode, a code"
    if _NUMBERED_PLACE.search(text[max(0, figure.start - 8) : figure.start]):
        return "a number of an address or a page"
    if timed and words - len(phrase(written)) < 3:
        return "a dateline"
    if _calendar(figure, written) and figure.hedge is None and not figure.is_range and counts:
        return "the time of the other figures of its sentence"
    return None


def _calendar(figure: Figure, written: str) -> bool:
    """A year as written: "2021", not "2,000" (a count of four digits)."""
    return is_year(figure) and not re.search(r"\d[,.\s]\d", written)


def _proposal(
    article: _Article,
    offset: int,
    *,
    words: _Words,
    figure: Figure,
    attachment: Attachment,
) -> Proposal:
    start, end = offset + figure.start, offset + figure.end
    subject = attachment.subject
    entity = subject.entity if subject is not None else None
    year = _calendar(figure, article.draft.prose[start:end])
    metric = article.metrics.choose(attachment, Unit.YEAR if year else figure.unit)
    record: dict[str, object] = {
        "status": "proposed",
        "source": article.source,
        "quote": _quote(article, words, attachment, start, end),
    }
    if entity is not None and entity in article.factbase.entities:
        record["subject"] = entity
    if metric is not None:
        record["metric"] = metric
    record["value"] = article.quoted(start, end)
    if (number := _numbered(attachment)) is not None:
        record["qualifiers"] = {article.series_key: number}
    if year:
        record["unit"] = "year"
    notes = []
    when = attachment.when
    published = article.published
    if (year or figure.unit is Unit.DATE) and figure.hedge is None:
        record["as_of"] = written_period(period_of(figure))
        notes.append("as of the time it states")
    elif when is not None and not when.from_draft:
        record["as_of"] = written_period(when.period)
        notes.append(f"as of {when.how}")
    else:
        record["as_of"] = written_period(published)
        notes.append("as of the article's date (its sentence gives no time)")
    if attachment.future:
        goal = bool(_GOAL & set(attachment.near))
        record["modality"] = "goal" if goal else "projected"
    if subject is not None and "subject" not in record:
        notes.append(f"“{subject.name}” is not an entity of the fact base")
    record["notes"] = "; ".join(notes)
    return Proposal(start, end, record)


def _numbered(attachment: Attachment) -> int | None:
    """The number of the one numbered list or batch the figure's clause names ("658 …
    in the fifth batch"), if it names one."""
    clause = attachment.scope[attachment.clause_start :]
    found = numbered(clause, _SERIES_NOUNS, _SERIES_NOUNS, frozenset())
    return found.pop() if len(found) == 1 else None


def _quote(article: _Article, words: _Words, attachment: Attachment, start: int, end: int) -> str:
    """The figure's clause (at ``start:end`` in the article), from the start of its
    sentence when the clause is short or does not name its subject, to the clause's
    end, and no further than ``_QUOTE_REACH`` characters from the figure: verbatim."""
    last = len(attachment.scope) - 1
    first = attachment.clause_start
    if last - first + 1 < _MIN_QUOTE_WORDS or not attachment.names_own:
        first = 0
    starts = words.starts
    first = min(_token_at(starts, start), max(first, bisect_left(starts, start - _QUOTE_REACH)))
    last = max(_token_at(starts, end - 1), min(last, _token_at(starts, end + _QUOTE_REACH)))
    return article.quoted(starts[first], words.ends[last])


@dataclass(frozen=True)
class _Words:
    """Where a sentence's words start and end in the article."""

    starts: list[int]
    ends: list[int]


def _token_at(starts: list[int], at: int) -> int:
    """The token that holds offset ``at`` (the last that starts at or before it)."""
    return max(0, bisect_right(starts, at) - 1)


def _words(
    article: _Article,
    offset: int,
    text: str,
    figures: list[Figure],
    attached: list[Attachment],
) -> Iterator[Proposal]:
    """Figures the grammar leaves to claims' values: ranks in words ("ranking first")
    and months without a year ("in September"), whose year is the article's."""
    source, published = article.source, article.published
    sentence_quote = article.quoted(offset, offset + len(text))
    subject = next((a.subject for a in attached if a.subject and a.subject.entity), None)
    for m in _RANKS.finditer(text):
        try:
            read_value(m.group())
        except UnreadableValueError:
            continue
        record: dict[str, object] = {"status": "proposed", "source": source}
        record["quote"] = sentence_quote
        if subject is not None:
            record["subject"] = subject.entity
        record["value"] = m.group()
        record["as_of"] = written_period(published)
        record["notes"] = "a rank in words; as of the article's date"
        yield Proposal(offset + m.start(), offset + m.end(), record)
    if figures:
        return  # "By September, 590 firms …": the month dates the figures
    for m in _MONTH.finditer(text):
        year = published.start.year - (1 if m["when"] == "last" else 0)
        record = {"status": "proposed", "source": source, "quote": sentence_quote}
        record["value"] = m["month"] if m["when"] != "last" else f"last {m['month']}"
        record["reading"] = f"{m['month']} {year}"
        record["as_of"] = str(year)
        record["notes"] = "a month without a year: the year is the article's"
        yield Proposal(offset + m.start("month"), offset + m.end(), record)


class _Metrics:
    """Which metric of the fact base a figure's clause names: the one whose term stands
    in the phrase the figure counts, else in its clause, of a measure its unit fits."""

    def __init__(self, factbase: FactBase) -> None:
        self.terms: dict[str, list[tuple[tuple[str, ...], str, Measure]]] = {}
        for mid, entry in factbase.metrics.items():
            for term in entry.record.terms:
                words = tuple(stem(w) for w in phrase(term))
                if words:
                    item = (words, mid, entry.record.measures)
                    self.terms.setdefault(words[0], []).append(item)

    def choose(self, attachment: Attachment, unit: Unit | None) -> str | None:
        fits = _fits(unit)
        scope, (counted_start, counted_end) = attachment.scope, attachment.counted
        best: dict[str, tuple[int, int]] = {}
        for i in range(attachment.clause_start, len(scope)):
            for words, mid, measure in self.terms.get(scope[i], ()):
                if measure not in fits or scope[i : i + len(words)] != words:
                    continue
                inside = counted_start <= i < max(counted_end, counted_start + 1)
                score = (1 if inside else 0, len(words))
                best[mid] = max(best.get(mid, score), score)
        if not best:
            return None
        top = max(best.values())
        chosen = [mid for mid, score in best.items() if score == top]
        return chosen[0] if len(chosen) == 1 else None


def _fits(unit: Unit | None) -> frozenset[Measure]:
    if unit is Unit.YEAR:
        return frozenset({Measure.YEAR})
    if unit in _MEASURES:
        return _MEASURES[unit]
    return frozenset({Measure.MONEY})  # a currency


def written_period(period: Period) -> str:
    """A period as a person writes it in ``as_of``: 2023, 2023-09, 2023-09-19, or a span."""
    start, end = period.start, period.end
    if start == end:
        return start.isoformat()
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}/{end.year}"
    whole_month = start.day == 1 and (end + timedelta(days=1)).day == 1
    if whole_month and (start.year, start.month) == (end.year, end.month):
        return f"{start.year}-{start.month:02d}"
    return f"{start.isoformat()}/{end.isoformat()}"
