"""Which claim a figure in a draft speaks about.

Two ways, tried in order:

1. **Anchors.** Every figure in a claim's quote is an anchor: the claim's value, or a year
   or date within the claim's ``as_of`` ("In 2017, the value … reached 163 billion
   yuan"), with the words on either side of it. A draft that reuses a source sentence
   puts its figure between the same words; the figure is held to the anchor's interval,
   unless its clause names a subject the quote does not.
2. **Signatures** (``factcheck.lint.signatures``). For a draft in its own words: the
   claims whose subject, metric, qualifiers, modality and time all agree with what the
   figure's own clause says of it (``factcheck.lint.attachment``).

An inverted index from words to anchors, and one from subjects to signatures, keeps this
to a few candidates per figure, whatever the size of the fact base.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from factcheck.factbase import FactBase
from factcheck.figures import Figure, scan
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.lint.attachment import Attachment, is_year, period_of
from factcheck.lint.expected import Expected, Match, figure_interval, range_ends
from factcheck.lint.mentions import Names
from factcheck.lint.signatures import Outcome, Signatures
from factcheck.lint.words import STOPWORDS, UNIT_WORDS, WORD, content, stem, stems, tokenize, words
from factcheck.model import Claim
from factcheck.periods import Period
from factcheck.units import Measure, Unit

__all__ = ["Anchor", "ClaimIndex", "Outcome", "SentenceWords", "words"]

_REPEATED = "held to it because the draft repeats the words around this figure in its quote"
CONTEXT = 4  # words on each side of a figure that identify it
# Scores rank candidates; they are heuristics, not verdicts, so plain floats serve.
MIN_CONTEXT = 0.5  # share of an anchor's context words the draft must repeat in place
MIN_SENTENCE = 0.4  # share of a quote's words the draft sentence must share


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
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(lowered)]

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
    def stems(self) -> tuple[str, ...]:
        return tuple(stem(w) for w in self.tokens)

    @cached_property
    def values(self) -> frozenset[tuple[object, ...]]:
        """The sentence's figures by value (``_value_key``)."""
        return frozenset(_value_key(f) for f in self.figures)

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
    subjects: frozenset[str]  # the claim's subject and whoever its quote names (``_key``)
    needs: tuple[tuple[str, ...], ...]  # the claim's metric terms its quote writes
    times: frozenset[Period]  # the years and dates its quote writes
    others: frozenset[tuple[object, ...]]  # the quote's other figures (not times), by value


def _value_key(figure: Figure) -> tuple[object, ...]:
    """A figure by what it says, not where: "13,000" in a quote and in a draft."""
    return (figure.low.value, figure.high.value, figure.unit)


def _contains(words_: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    n = len(phrase)
    return any(words_[i : i + n] == phrase for i in range(len(words_) - n + 1))


def _key(entity: str | None, name: str) -> str:
    """An entity's id; a name the fact base does not know, as written, lowered."""
    return entity if entity is not None else f"“{name.casefold()}”"


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
    500,68 were", 500 and 68 share their neighbours as a set, not in place. At least one
    word in place must say something: "billion yuan ($7.54 billion)" is any conversion,
    not the one a claim quotes."""
    positions = len(anchor.before) + len(anchor.after) + 1
    lefts = [a for a, b in zip(reversed(anchor.before), reversed(before), strict=False) if a == b]
    rights = [a for a, b in zip(anchor.after, after, strict=False) if a == b]
    if (anchor.before and not lefts) or (anchor.after and not rights):
        return 0.0  # between other words: "giants, 500 work" is not "giants between 2019"
    if all(w in STOPWORDS or w in UNIT_WORDS for w in (*lefts, *rights)):
        return 0.0
    said = {
        w for w in (*anchor.before, *anchor.after)
        if w not in STOPWORDS and w not in UNIT_WORDS and not w.isdigit()
    }  # fmt: skip
    if not said <= {*before, *after}:
        return 0.0  # "the 500 provincial-level healthcare little" without "healthcare"
    return (len(lefts) + len(rights) + same_hedge) / positions


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


class ClaimIndex:
    """Anchors and signatures of every claim, indexed by the words that find them."""

    def __init__(self, factbase: FactBase, widths: HedgeWidths) -> None:
        self.widths = widths
        self.anchors: list[Anchor] = []
        self.expected: dict[str, Expected] = {}
        self.names = Names(factbase)
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
        self.signatures = Signatures(factbase, self.expected)
        # What a sentence reusing a claim's quote must still say: a term of the claim's
        # metric ("healthcare industry"), and a time the claim holds for, if it says one.
        self._needs: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._held: dict[str, Period | None] = {}  # None: a value fixed once it happened
        for cid, entry in factbase.claims.items():
            metric = factbase.metrics.get(entry.record.metric)
            terms = metric.record.terms if metric is not None else ()
            self._needs[cid] = tuple(t for t in (stems(x) for x in terms) if t)
            timeless = metric is None or metric.record.measures in {Measure.YEAR, Measure.DATE}
            numbered = any(isinstance(v, int) for v in entry.record.qualifiers.values())
            self._held[cid] = None if timeless or numbered else entry.record.as_of
        by_source: dict[str, list[str]] = defaultdict(list)
        for cid in self.expected:
            by_source[factbase.claims[cid].record.source].append(cid)
        restated = {source: _Values(cids, self.expected) for source, cids in by_source.items()}
        for cid, expected in self.expected.items():
            claim = factbase.claims[cid].record
            self.anchors.extend(self._anchors(cid, claim, expected, restated[claim.source]))
        # Anchors are found through the rare words of their quotes, then kept if they
        # share a word in place beside the figure.
        # Anchors with the same words around them (a template repeated across a source)
        # are ranked once, as a group; their members in descending order, for ties.
        grouped: dict[tuple[object, ...], list[int]] = defaultdict(list)
        for i, a in enumerate(self.anchors):
            grouped[(a.before, a.after, a.quote, a.expected.hedge)].append(i)
        self._groups = [sorted(members, reverse=True) for members in grouped.values()]
        firsts = [self.anchors[members[0]] for members in self._groups]
        self._group_words = _postings([a.quote for a in firsts])
        self._group_keys = [frozenset(_positional_keys(a.before, a.after)) for a in firsts]

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
        named = (_key(m.entity, m.name) for m in self.names.find(tokenize(quote)))
        subjects = frozenset({claim.subject, *named})
        first, last = claim.as_of.days
        figures = list(scan(quote))
        times = frozenset(period_of(f) for f in figures if is_year(f) or f.unit is Unit.DATE)
        quote_stems = stems(quote)
        for figure in figures:
            before = tuple(words(quote[: figure.start]))[-CONTEXT:]
            after = tuple(words(quote[figure.end :]))[:CONTEXT]
            in_value = value_at != -1 and figure.start < value_end and value_at < figure.end
            target: tuple[str, str, Expected] | None = None
            # A figure inside the value that fits the claim is its value ("68" of "500,68").
            if in_value and expected.fits(figure, self.widths):
                target = (cid, "value", expected)
            elif (
                is_year(figure)
                and not figure.is_range
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
                needs = tuple(n for n in self._needs.get(claim_id, ()) if _contains(quote_stems, n))
                siblings = frozenset(
                    _value_key(f) for f in figures
                    if f is not figure and not (is_year(f) or f.unit is Unit.DATE)
                )  # fmt: skip
                yield Anchor(
                    claim_id, kind, wanted, before, after, quote_words, subjects, needs, times,
                    siblings,
                )  # fmt: skip

    # -- matching -------------------------------------------------------------------
    def match(self, figure: Figure, sentence: SentenceWords, attachment: Attachment) -> Outcome:
        """The claims ``figure`` (its span relative to the sentence) is held to: one
        anchor, or the claims whose signature its attachment agrees with; else none,
        and why."""
        before, after = sentence.around(figure.start, figure.end, CONTEXT)
        anchor = self._best_anchor(figure, before, after, sentence, attachment)
        if anchor is not None:
            return Outcome((anchor,))
        return self.signatures.match(figure, attachment, self.widths)

    def _says_the_same(
        self, anchor: Anchor, sentence: SentenceWords, attachment: Attachment, fits: bool
    ) -> bool:
        """Whether a sentence that repeats a quote's words speaks of the same thing: it
        names the claim's metric ("In 2020, the value of the city's financial sector…"
        does not); it keeps at least one of the quote's other figures (a sentence whose
        every figure differs is a newer report in the old words: "Since 2019, … six
        lists, … 14,600"); and a figure that does not fit is of no other time than the
        claim's ("By October 2022, … 588")."""
        if anchor.needs and not any(_contains(sentence.stems, need) for need in anchor.needs):
            return False
        if anchor.others and not anchor.others & sentence.values:
            return False
        held = self._held.get(anchor.claim)
        if fits or anchor.kind != "value" or held is None:
            return True
        # A time the sentence states that is not the quote's, nor within the claim's.
        return all(t in anchor.times or t.overlaps(held) for t in attachment.times)

    def _best_anchor(
        self,
        figure: Figure,
        before: tuple[str, ...],
        after: tuple[str, ...],
        sentence: SentenceWords,
        attachment: Attachment,
    ) -> Match | None:
        keys = set(_positional_keys(before, after))
        words_of = sentence.content
        candidates = {g for word in words_of for g in self._group_words.get(word, ())}
        ranked: dict[float, list[list[int]]] = defaultdict(list)
        for g in candidates:
            if not keys & self._group_keys[g]:
                continue
            members = self._groups[g]
            anchor = self.anchors[members[0]]
            context = _aligned(anchor, before, after, figure.hedge is anchor.expected.hedge)
            if context < MIN_CONTEXT:
                continue
            overlap = len(anchor.quote & words_of) / max(len(anchor.quote), 1)
            if overlap >= MIN_SENTENCE:
                ranked[context + overlap].append(members)
        # Best first, ties by the later anchor; the exact (and slower) unit and value
        # test only for the leaders.
        for score in sorted(ranked, reverse=True):
            for i in heapq.merge(*ranked[score], reverse=True):
                anchor = self.anchors[i]
                own = attachment.named
                if own is not None and _key(own.entity, own.name) not in anchor.subjects:
                    continue  # the draft's words, about another subject
                fits = anchor.expected.fits(figure, self.widths)
                if fits is None or not self._says_the_same(anchor, sentence, attachment, fits):
                    continue
                return Match(anchor.claim, anchor.kind, anchor.expected, fits, _REPEATED)
        return None
