"""Which claim a figure in a draft speaks about.

Two ways, tried in order:

1. **Anchors.** Every figure in a claim's quote is an anchor: the claim's value, or a year
   or date within the claim's ``as_of`` ("In 2017, the value … reached 163 billion
   yuan"), with the words on either side of it. A draft that reuses a source sentence
   puts its figure between the same words; the figure is held to the anchor's interval.
2. **Signatures.** For a draft in its own words: the claims whose subject is named in the
   sentence (name or alias), whose metric is named near the figure (the metric's
   ``terms``), whose qualifiers are all mentioned, whose unit fits and whose time fits
   any year the sentence states. The figure must fit one of the best such claims.

An inverted index from words to anchors and signatures keeps this to a few candidates
per figure, whatever the size of the fact base.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property

from factcheck.factbase import FactBase
from factcheck.figures import Figure, Hedge, scan
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.model import Claim
from factcheck.numwords import ORDINALS
from factcheck.periods import Period
from factcheck.units import Measure, Unit, convert, domain_of

__all__ = ["Anchor", "ClaimIndex", "Match", "figure_interval", "words"]

_WORD = re.compile(r"[a-z0-9]+")  # "Beijing's" is "beijing", "s"
# Words that identify nothing. A tuple, not "...".split(), so that ruff keeps it short.
STOPWORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and",
    "or", "as", "is", "was", "were", "are", "be", "been", "its", "it", "that", "this",
    "which", "their", "his", "her", "they", "them", "than", "more", "less", "over",
    "about", "nearly", "some", "up", "has", "had", "have", "will", "would", "could",
    "there", "these", "those", "into", "per", "s",
))  # fmt: skip
#: Unit and scale words say nothing of what a sentence is about ("163 billion yuan").
UNIT_WORDS = frozenset((
    "percent", "per", "cent", "thousand", "million", "billion", "trillion", "yuan", "rmb",
    "cny", "renminbi", "dollars", "usd", "times", "years", "year", "km",
))  # fmt: skip
CONTEXT = 4  # words on each side of a figure that identify it
# Scores rank candidates; they are heuristics, not verdicts, so plain floats serve.
MIN_CONTEXT = 0.5  # share of an anchor's context words the draft must repeat in place
MIN_SENTENCE = 0.4  # share of a quote's words the draft sentence must share


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content(tokens: Iterable[str]) -> set[str]:
    """The words that say what a sentence is about."""
    return {t for t in tokens if t not in STOPWORDS and t not in UNIT_WORDS and not t.isdigit()}


@dataclass(frozen=True, slots=True)
class Expected:
    """What a figure matched to a claim must fit: the claim's interval, and the figure
    as the claim writes it (its number rounded, without its hedge)."""

    interval: Interval
    written: Interval
    hedge: Hedge | None
    unit: Unit | None  # None: a calendar year (an as_of), compared as a number
    ends: tuple[Interval, Interval] | None = None  # a range's written ends

    def fits(self, figure: Figure, widths: HedgeWidths) -> bool | None:
        """Whether ``figure`` agrees; None when it cannot be in this unit at all.

        With the same hedge ("more than 300" against "more than 3,000") the written
        numbers must agree: the draft states a different figure. A range against a
        range: each end must agree ("between 2020 and 2022" is not "between 2019 and
        2022", though they overlap). Otherwise the draft's interval must meet the
        claim's ("nearly 13,000" against 12,950)."""
        interval = figure_interval(figure, self.unit, widths)
        if interval is None:
            return None
        if figure.is_range and self.ends is not None:
            low, high = range_ends(figure, self.unit, widths)
            return low.meets(self.ends[0]) and high.meets(self.ends[1])
        if figure.hedge is not None and figure.hedge is self.hedge:
            written = figure_interval(replace(figure, hedge=None), self.unit, widths)
            return written is not None and written.meets(self.written)
        return interval.meets(self.interval)


def range_ends(figure: Figure, unit: Unit | None, widths: HedgeWidths) -> tuple[Interval, Interval]:
    """The written ends of a range, each with its own rounding."""
    ends = []
    for amount in (figure.low, figure.high):
        end = replace(figure, low=amount, high=amount, hedge=None)
        ends.append(figure_interval(end, unit, widths) or Interval.everything())
    return ends[0], ends[1]


@dataclass(frozen=True)
class SentenceWords:
    """A sentence of a draft as matching reads it, worked out once for all its figures."""

    text: str
    figures: tuple[Figure, ...]
    preceding: str = ""  # the paragraph before this sentence, where a subject may be named

    @cached_property
    def tokens(self) -> list[str]:
        return [word for _, _, word in self._spans]

    @cached_property
    def _spans(self) -> list[tuple[int, int, str]]:
        """(start, end, word) of every word, at offsets into the lowered text: the text's
        own unless lowering changed its length (a dotted capital I; see ``_starts``)."""
        lowered = self.text.lower()
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(lowered)]

    @cached_property
    def _starts(self) -> list[int] | None:
        """Where each word starts, or None where those are not the text's offsets."""
        if len(self.text.lower()) != len(self.text):
            return None
        return [start for start, _, _ in self._spans]

    def _index(self, offset: int) -> int | None:
        """The index of the first word at or after ``offset``, found by bisection (a
        sentence may hold a thousand figures); None where offsets cannot say: lowering
        changed the text's length, or ``offset`` cuts a word."""
        if self._starts is None:
            return None
        index = bisect_left(self._starts, offset)
        return None if index and self._spans[index - 1][1] > offset else index

    def count_before(self, offset: int) -> int:
        """How many words ``text[:offset]`` holds."""
        index = self._index(offset)
        return len(words(self.text[:offset])) if index is None else index

    def around(self, start: int, end: int, n: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The ``n`` words before ``text[start:end]`` and the ``n`` after it."""
        first, last = self._index(start), self._index(end)
        before = self.tokens[max(0, first - n) : first] if first is not None else None
        after = self.tokens[last : last + n] if last is not None else None
        return (
            tuple(before if before is not None else words(self.text[:start])[-n:]),
            tuple(after if after is not None else words(self.text[end:])[:n]),
        )

    @cached_property
    def years(self) -> Counter[Fraction]:
        """The years the sentence states, by how many times each is written."""
        return Counter(f.low.value for f in self.figures if _is_year(f))

    @cached_property
    def context(self) -> list[str]:
        """The paragraph so far: "China names … The fifth list … held 3,671 firms"."""
        return [*words(self.preceding), *self.tokens]

    @cached_property
    def content(self) -> set[str]:
        return content(self.tokens)


@dataclass(frozen=True, slots=True)
class Anchor:
    claim: str
    kind: str  # "value" or "time"
    expected: Expected
    before: tuple[str, ...]
    after: tuple[str, ...]
    quote: frozenset[str]


@dataclass(frozen=True, slots=True)
class Signature:
    claim: str
    subject: tuple[tuple[str, ...], ...]  # names and aliases, as word sequences
    metric: tuple[tuple[str, ...], ...]
    qualifiers: tuple[tuple[tuple[str, ...], ...], ...]  # each: the ways to write it
    expected: Expected
    as_of: Period


@dataclass(frozen=True, slots=True)
class Match:
    """The claim a figure was held to, and whether it fits."""

    claim: str
    kind: str  # "value", "time" (an anchor) or "signature"
    expected: Expected
    fits: bool


def figure_interval(figure: Figure, unit: Unit | None, widths: HedgeWidths) -> Interval | None:
    """The figure's interval in ``unit``, or None when the figure cannot be in it."""
    written = figure.unit
    if unit is None or unit is Unit.YEAR:  # a calendar year: a bare number of four digits
        if written is not None or not all(
            a.step == 0 and a.value.denominator == 1 and 1000 <= a.value <= 2999
            for a in (figure.low, figure.high)
        ):
            return None
        return interval_of(figure, widths)
    if written is None:
        if unit in {Unit.COUNT, Unit.RANK, Unit.CNY_PER_USD}:
            return interval_of(figure, widths, unit).intersect(_domain(unit))
        return None
    if written is unit:
        return interval_of(figure, widths, unit).intersect(_domain(unit))
    factor = convert(Fraction(1), written, unit)
    if factor is None:
        return None
    base = interval_of(figure, widths, unit)
    lo = None if base.lo is None else base.lo * factor
    hi = None if base.hi is None else base.hi * factor
    return Interval(lo, hi, base.lo_closed, base.hi_closed)


def _domain(unit: Unit) -> Interval:
    measure = {Unit.PERCENT: Measure.SHARE, Unit.RANK: Measure.RANK}.get(unit, Measure.COUNT)
    return domain_of(measure)


def _positional_keys(
    before: tuple[str, ...], after: tuple[str, ...]
) -> Iterator[tuple[str, int, str]]:
    """The words beside a figure with their places: ("b", 1, w) is the word just before."""
    for distance, word in enumerate(reversed(before), 1):
        if word not in STOPWORDS:
            yield "b", distance, word
    for distance, word in enumerate(after, 1):
        if word not in STOPWORDS:
            yield "a", distance, word


def _aligned(
    anchor: Anchor, before: tuple[str, ...], after: tuple[str, ...], same_hedge: bool
) -> float:
    """Share of the anchor's context the figure has in the same places: the words before
    it read outwards from the figure, the words after it likewise, and its hedge (which
    sits between them: "by 2025" is not "in 2023"). Position matters: in "Among the
    500,68 were", 500 and 68 share their neighbours as a set, not in place."""
    positions = len(anchor.before) + len(anchor.after) + 1
    left = sum(a == b for a, b in zip(reversed(anchor.before), reversed(before), strict=False))
    right = sum(a == b for a, b in zip(anchor.after, after, strict=False))
    if (anchor.before and not left) or (anchor.after and not right):
        return 0.0  # between other words: "giants, 500 work" is not "giants between 2019"
    return (left + right + same_hedge) / positions


#: Words of at most this many quotes find their anchors; commoner words ("firms") would
#: bring every quote of a template. A quote without such words is found by its rarest.
#: The bundled fact base's commonest quote word ("little") is in 42.
RARE = 64


def _postings(word_sets: list[frozenset[str]]) -> dict[str, list[int]]:
    """word → the items (by position) found through it: each item's words that at most
    ``RARE`` items share, or its rarest word when it has none."""
    frequency = Counter(word for words_ in word_sets for word in words_)
    postings: dict[str, list[int]] = defaultdict(list)
    for i, words_ in enumerate(word_sets):
        rare = [w for w in words_ if frequency[w] <= RARE]
        if not rare and words_:
            rare = [min(words_, key=lambda w: (frequency[w], w))]
        for word in rare:
            postings[word].append(i)
    return postings


def _postings_by_phrase(
    phrase_sets: list[tuple[tuple[str, ...], ...]],
) -> dict[str, list[int]]:
    """word → the items found through it: each phrase of an item under its rarest word
    (a phrase is present only when all its words are, so that one word finds it)."""
    frequency = Counter(word for phrases in phrase_sets for p in phrases for word in set(p))
    postings: dict[str, set[int]] = defaultdict(set)
    for i, phrases in enumerate(phrase_sets):
        for phrase in phrases:
            postings[min(phrase, key=lambda w: (frequency[w], w))].add(i)
    return {word: sorted(items) for word, items in postings.items()}


class _Values:
    """The claims of one source by the interval their value is written as, to find a
    figure that writes another claim's value again."""

    def __init__(self, claims: list[str], expected: dict[str, Expected]) -> None:
        self.order = {cid: n for n, cid in enumerate(claims)}
        self.units = list(dict.fromkeys(expected[c].unit for c in claims))
        self.expected = expected
        self.by_value: dict[tuple[object, ...], list[str]] = defaultdict(list)
        for cid in claims:
            wanted = expected[cid]
            self.by_value[(wanted.unit, wanted.hedge, wanted.written)].append(cid)

    def restated(
        self, figure: Figure, cid: str, widths: HedgeWidths
    ) -> tuple[str, str, Expected] | None:
        """The first claim but ``cid`` whose value ``figure`` writes again."""
        unhedged = replace(figure, hedge=None)
        best: str | None = None
        for unit in self.units:
            own = figure_interval(unhedged, unit, widths)
            if own is None:
                continue
            for other in self.by_value.get((unit, figure.hedge, own), ()):
                if other != cid:
                    if best is None or self.order[other] < self.order[best]:
                        best = other
                    break
        return None if best is None else (best, "value", self.expected[best])


def _is_year(figure: Figure) -> bool:
    value = figure.low.value
    return (
        figure.unit is None and figure.low == figure.high and figure.low.step == 0
        and value.denominator == 1 and 1900 <= value <= 2100
    )  # fmt: skip


_ORDINAL_OF = {v: w for w, v in ORDINALS.items()}


def _qualifier_phrases(value: str | int) -> tuple[tuple[str, ...], ...]:
    """How a qualifier may be written: "medical-devices" as "medical devices"; batch 5 as
    "5" or "fifth"."""
    texts = [str(value).replace("-", " ")]
    if isinstance(value, int) and value in _ORDINAL_OF:
        texts.append(_ORDINAL_OF[value])
    return _phrases(texts)


def _phrases(texts: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(t for t in (tuple(words(x)) for x in texts) if t)


def _contains(tokens: list[str], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(tuple(tokens[i : i + n]) == phrase for i in range(len(tokens) - n + 1))


class ClaimIndex:
    """Anchors and signatures of every claim, indexed by the words that find them."""

    def __init__(self, factbase: FactBase, widths: HedgeWidths) -> None:
        self.widths = widths
        self.anchors: list[Anchor] = []
        self.signatures: list[Signature] = []
        self.expected: dict[str, Expected] = {}
        self._last_named: tuple[SentenceWords, list[int]] | None = None
        for cid, entry in factbase.claims.items():
            reading = factbase.readings.get(cid)
            if reading is None:
                continue
            claim = entry.record
            unhedged = replace(reading.figure, hedge=None)
            written = interval_of(unhedged, widths, reading.unit, claim.precision)
            ends = (
                range_ends(reading.figure, reading.unit, widths)
                if reading.figure.is_range
                else None
            )
            expected = Expected(reading.interval, written, reading.figure.hedge, reading.unit, ends)
            self.expected[cid] = expected
            signature = self._signature(factbase, cid, expected)
            if signature is not None:
                self.signatures.append(signature)
        by_source: dict[str, list[str]] = defaultdict(list)
        for cid in self.expected:
            by_source[factbase.claims[cid].record.source].append(cid)
        restated = {source: _Values(cids, self.expected) for source, cids in by_source.items()}
        for cid, expected in self.expected.items():
            claim = factbase.claims[cid].record
            self.anchors.extend(self._anchors(cid, claim, expected, restated[claim.source]))
        # Anchors are found through the rare words of their quotes, then kept if they
        # share a word in place beside the figure; signatures through the rarest word of
        # each name of their subject (a name counts only when all its words are there).
        # Anchors with the same words around them (a template repeated across a source)
        # are ranked once, as a group; their members in descending order, for ties.
        grouped: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, a in enumerate(self.anchors):
            grouped[(a.before, a.after, a.quote, a.expected.hedge)].append(i)
        self._groups = [sorted(members, reverse=True) for members in grouped.values()]
        firsts = [self.anchors[members[0]] for members in self._groups]
        self._group_words = _postings([a.quote for a in firsts])
        self._group_keys = [frozenset(_positional_keys(a.before, a.after)) for a in firsts]
        self._subject_words = _postings_by_phrase([s.subject for s in self.signatures])
        self._metric_words = [
            frozenset(w for phrase in s.metric for w in content(phrase)) for s in self.signatures
        ]

    def _anchors(
        self, cid: str, claim: Claim, expected: Expected, others: _Values
    ) -> Iterator[Anchor]:
        """The claim's figures in its quote: its value; a year or date within its
        ``as_of`` (the time it holds for); and another claim's value written again
        ("Among the 500,68": the 500 of bj-healthcare)."""
        quote = " ".join(claim.quote.split())
        written = " ".join(claim.value.split())
        value_at = quote.casefold().find(written.casefold())
        value_end = value_at + len(written)
        quote_words = frozenset(content(words(quote)))
        first, last = claim.as_of.days
        for figure in scan(quote):
            before = tuple(words(quote[: figure.start]))[-CONTEXT:]
            after = tuple(words(quote[figure.end :]))[:CONTEXT]
            in_value = value_at != -1 and figure.start < value_end and value_at < figure.end
            target: tuple[str, str, Expected] | None = None
            # A figure inside the value that fits the claim is its value ("68" of "500,68").
            if in_value and expected.fits(figure, self.widths):
                target = (cid, "value", expected)
            elif (
                _is_year(figure)
                and claim.as_of.start.year <= figure.low.value <= claim.as_of.end.year
            ):
                years = Interval.closed(claim.as_of.start.year, claim.as_of.end.year)
                own = Interval.point(figure.low.value)
                target = (cid, "time", Expected(years, own, figure.hedge, None))
            elif (
                figure.unit is Unit.DATE and first <= figure.low.value <= figure.high.value <= last
            ):
                days = Interval.closed(first, last)
                own = Interval.closed(figure.low.value, figure.high.value)
                target = (cid, "time", Expected(days, own, figure.hedge, Unit.DATE))
            else:
                target = others.restated(figure, cid, self.widths)
            if target is not None:
                claim_id, kind, wanted = target
                yield Anchor(claim_id, kind, wanted, before, after, quote_words)

    @staticmethod
    def _signature(factbase: FactBase, cid: str, expected: Expected) -> Signature | None:
        claim = factbase.claims[cid].record
        entity = factbase.entities.get(claim.subject)
        metric = factbase.metrics.get(claim.metric)
        if entity is None or metric is None or not metric.record.terms:
            return None
        names = _phrases([entity.record.name, *entity.record.aliases])
        qualifiers = tuple(_qualifier_phrases(v) for v in claim.qualifiers.values())
        return Signature(
            cid, names, _phrases(metric.record.terms), qualifiers, expected, claim.as_of
        )

    # -- matching -------------------------------------------------------------------
    def match(self, figure: Figure, sentence: SentenceWords) -> list[Match]:
        """The claims ``figure`` (its span relative to the sentence) is held to: one
        anchor, or the best signatures; empty when it speaks about nothing known."""
        before, after = sentence.around(figure.start, figure.end, CONTEXT)
        anchor = self._best_anchor(figure, before, after, sentence.content)
        if anchor is not None:
            return [anchor]
        return self._signatures(figure, sentence)

    def _best_anchor(
        self, figure: Figure, before: tuple[str, ...], after: tuple[str, ...], sentence: set[str]
    ) -> Match | None:
        keys = set(_positional_keys(before, after))
        candidates = {g for word in sentence for g in self._group_words.get(word, ())}
        ranked: dict[float, list[list[int]]] = defaultdict(list)
        for g in candidates:
            if not keys & self._group_keys[g]:
                continue
            members = self._groups[g]
            anchor = self.anchors[members[0]]
            context = _aligned(anchor, before, after, figure.hedge is anchor.expected.hedge)
            if context < MIN_CONTEXT:
                continue
            overlap = len(anchor.quote & sentence) / max(len(anchor.quote), 1)
            if overlap >= MIN_SENTENCE:
                ranked[context + overlap].append(members)
        # Best first, ties by the later anchor; the exact (and slower) unit and value
        # test only for the leaders.
        for score in sorted(ranked, reverse=True):
            for i in heapq.merge(*ranked[score], reverse=True):
                anchor = self.anchors[i]
                fits = anchor.expected.fits(figure, self.widths)
                if fits is not None:
                    return Match(anchor.claim, anchor.kind, anchor.expected, fits)
        return None

    def _signatures(self, figure: Figure, sentence: SentenceWords) -> list[Match]:
        tokens = sentence.tokens
        start = sentence.count_before(figure.start)
        window = tokens[max(0, start - 8) : start + 8]
        near = tokens[max(0, start - 5) : start + 5]  # qualifiers qualify what is near them
        named = self._named(sentence)
        nearby = content(window)
        own = figure.low.value if _is_year(figure) else None
        years = [y for y, n in sentence.years.items() if y != own or n > 1]  # but this one
        scored: list[tuple[int, Match]] = []
        elsewhen: list[Signature] = []  # right subject and metric, another year
        for i in named:
            if not nearby & self._metric_words[i]:
                continue
            signature = self.signatures[i]
            if _is_year(figure) and signature.expected.unit is not Unit.YEAR:
                continue  # "in 2021" beside a count is the count's year, not the count
            if not any(_contains(window, phrase) for phrase in signature.metric):
                continue
            if not any(_contains(sentence.context, phrase) for phrase in signature.subject):
                continue
            if not all(any(_contains(near, way) for way in ways) for ways in signature.qualifiers):
                continue
            if years and not any(
                signature.as_of.start.year <= y <= signature.as_of.end.year for y in years
            ):
                elsewhen.append(signature)
                continue
            fits = signature.expected.fits(figure, self.widths)
            if fits is None:
                continue
            match = Match(signature.claim, "signature", signature.expected, fits)
            scored.append((len(signature.qualifiers), match))
        if not scored:
            return self._moved_in_time(figure, elsewhen)
        most = max(q for q, _ in scored)
        return [m for q, m in scored if q == most]

    def _named(self, sentence: SentenceWords) -> list[int]:
        """The signatures whose subject has a word in the sentence's context, in order;
        the last sentence's are kept, since its figures are matched one after another."""
        if self._last_named is None or self._last_named[0] is not sentence:
            context = set(sentence.context)
            named = {i for word in context for i in self._subject_words.get(word, ())}
            self._last_named = (sentence, sorted(named))
        return self._last_named[1]

    def _moved_in_time(self, figure: Figure, elsewhen: list[Signature]) -> list[Match]:
        """A figure that is exactly another year's value of the same quantity ("In 2018 …
        163 billion yuan", the 2017 value): the draft has put it in the wrong year."""
        for signature in elsewhen:
            expected = signature.expected
            own = figure_interval(replace(figure, hedge=None), expected.unit, self.widths)
            if own is not None and own == expected.written and figure.hedge is expected.hedge:
                as_of = signature.as_of
                years = Interval.closed(as_of.start.year, as_of.end.year)
                when = Expected(years, years, None, None)
                return [Match(signature.claim, "time", when, fits=False)]
        return []
