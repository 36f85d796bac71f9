"""Holding a figure of a draft in its own words to the claim it speaks of.

A claim's signature is what a draft must say of a figure for the figure to be about the
claim: its subject, a term of its metric, its qualifiers, its modality and its time. A
figure is held to a claim only when every part agrees with the figure's attachment
(``factcheck.lint.attachment``); anything less leaves it unchecked, with the reason.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from factcheck.factbase import FactBase
from factcheck.figures import Figure
from factcheck.hedges import HedgeWidths
from factcheck.lint.attachment import Attachment, is_year
from factcheck.lint.expected import Expected, Match
from factcheck.lint.qualifiers import ORDINAL_WORDS, numbered, qualifiers_agree, ways
from factcheck.lint.timing import in_time, misdated, moved, shown, within_stock
from factcheck.lint.words import DESCRIBING, GENERIC, phrase, stem
from factcheck.model import Modality
from factcheck.periods import Period
from factcheck.units import Measure, Unit

__all__ = ["Outcome", "Signatures"]

_FUTURE = {Modality.GOAL, Modality.PROJECTED}
#: Words before a term that make it where the figure is, not what it counts: "firms on
#: the list", "across the group".
_CONTAINING = frozenset((
    "on", "in", "at", "across", "from", "among", "into", "within", "throughout",
))  # fmt: skip
_TIMES = {None, Unit.YEAR, Unit.DATE}  # what a claim's time-valued figure is read in


@dataclass(frozen=True, slots=True)
class Signature:
    claim: str
    subject: str
    subject_name: str
    metric: str
    qualifiers: tuple[tuple[str, str, tuple[tuple[str, ...], ...]], ...]  # key, value, ways
    expected: Expected
    as_of: Period
    future: bool
    timeless: bool  # a year, a date, or one numbered event (batch 5): no time to agree on
    event: bool  # one numbered event (batch 5): its as_of is when it happened
    cumulative: bool
    distinctive: bool  # a value unlikely to recur by chance: 590, not 10,000
    #: Of a reference source (``reference: true``): data a checker holds articles to,
    #: not an article's own statement.
    reference: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """The claims a figure is held to, or why it is held to none."""

    matches: tuple[Match, ...]
    reason: str = ""


@dataclass(frozen=True, slots=True)
class _Context:
    """What is known of one figure while its candidates are tried."""

    figure: Figure
    attachment: Attachment
    occurrences: list[tuple[int, int, _Term]]
    numbers: set[int]
    candidates: list[Signature]
    strongly: set[str]  # metrics the phrase the figure counts names, as found


@dataclass(frozen=True, slots=True)
class _Term:
    written: str  # as the metric gives it
    words: tuple[str, ...]
    metrics: frozenset[str]
    generic: bool  # only generic words ("companies"): names no metric by itself


class Signatures:
    """Every claim's signature, by subject; and every metric's terms."""

    def __init__(self, factbase: FactBase, expected: dict[str, Expected]) -> None:
        self.by_subject: dict[str, list[Signature]] = defaultdict(list)
        terms: dict[tuple[str, ...], set[str]] = defaultdict(set)
        shown: dict[tuple[str, ...], str] = {}
        for mid, entry in factbase.metrics.items():
            for written in entry.record.terms:
                if words := tuple(stem(w) for w in phrase(written)):
                    terms[words].add(mid)
                    shown.setdefault(words, written)
        self._terms: dict[str, list[_Term]] = defaultdict(list)
        #: Metrics that count firms: one of their terms is a word for firms.
        self.firms = frozenset(
            m for words, metrics in terms.items() if any(w in GENERIC for w in words)
            for m in metrics
        )  # fmt: skip
        #: What a numbered thing may be called ("the fifth batch", "the fifth national
        #: list"): the keys of numbered qualifiers, and the one-word terms of the counts
        #: that have them, but words for firms.
        numbered_by = {
            (stem(key), entry.record.metric)
            for entry in factbase.claims.values()
            for key, value in entry.record.qualifiers.items()
            if isinstance(value, int)
        }
        self.keys = frozenset(key for key, _ in numbered_by)
        counts = {
            mid for mid, e in factbase.metrics.items()
            if e.record.measures in {Measure.COUNT, Measure.SHARE}
        }  # fmt: skip
        with_numbers = {metric for _, metric in numbered_by} & counts
        #: Counts of things other than firms (lists, loans, satellites).
        self.other_counts = frozenset(
            mid for mid, e in factbase.metrics.items()
            if e.record.measures is Measure.COUNT and mid not in self.firms
        )  # fmt: skip
        self.nouns = self.keys | {
            words[0] for words, metrics in terms.items()
            if metrics & with_numbers and len(words) == 1 and words[0] not in GENERIC
        }  # fmt: skip
        for words, metrics in sorted(terms.items(), key=lambda t: -len(t[0])):
            term = _Term(shown[words], words, frozenset(metrics), all(w in GENERIC for w in words))
            self._terms[words[0]].append(term)
        self._last_read: tuple[object, list[tuple[int, int, _Term]], set[int]] | None = None
        self.metric_of = {cid: e.record.metric for cid, e in factbase.claims.items()}
        self.as_of = {cid: e.record.as_of for cid, e in factbase.claims.items()}
        self.parents = {
            eid: e.record.parent for eid, e in factbase.entities.items() if e.record.parent
        }
        for cid, wanted in expected.items():
            signature = _signature(factbase, cid, wanted)
            if signature is not None:
                self.by_subject[signature.subject].append(signature)

    def match(self, figure: Figure, attachment: Attachment, widths: HedgeWidths) -> Outcome:
        subject = attachment.subject
        if subject is None:
            return Outcome((), "no subject named")
        if subject.entity is None:
            return Outcome((), f"subject not in the fact base: {subject.name}")
        outcome = self._hold(figure, attachment, widths, self.by_subject.get(subject.entity, []))
        # A date or a year in a sentence about a firm or a city may be the date of an
        # event of the country it is in ("… when the ministry announced its fourth batch").
        entity = (
            self.parents.get(subject.entity)
            if is_year(figure) or figure.unit is Unit.DATE
            else None
        )
        while not outcome.matches and entity is not None:
            wider = self._hold(figure, attachment, widths, self.by_subject.get(entity, []))
            if wider.matches:
                return wider
            entity = self.parents.get(entity)
        if not outcome.matches and not self.by_subject.get(subject.entity):
            return Outcome((), f"no claim in the fact base is about {subject.name}")
        return outcome

    def _hold(
        self,
        figure: Figure,
        attachment: Attachment,
        widths: HedgeWidths,
        candidates: list[Signature],
    ) -> Outcome:
        """The claims of ``candidates`` the figure is held to, or why none."""
        occurrences, numbers = self._read(attachment)
        failures: list[tuple[int, str]] = []  # (how far a candidate got, why it stopped)
        held: list[Match] = []
        bounded: list[Match] = []  # a cumulative count of another time: a bound only
        misplaced: list[Match] = []  # its own value, said of another year
        strongly: set[str] = set()  # metrics the phrase the figure counts names
        unplaced: set[str] = set()  # metrics it may count, at a time it cannot be placed in
        context = _Context(figure, attachment, occurrences, numbers, candidates, strongly)
        for signature in candidates:
            failure = self._gate(signature, context)
            if failure is not None:
                failures.append(failure)
                continue
            wanted, why = in_time(signature, attachment)
            if wanted is None and within_stock(signature, attachment) and not _lists(attachment):
                # It may be this total, of some month; unless the sentence counts
                # numbered lists ("five lists had named"), which a running total is not.
                unplaced.add(signature.metric)
            if wanted is None:
                exact = moved(figure, signature, attachment, widths)
                if exact is not None:
                    misplaced.append(exact)
                failures.append((4, why))
                continue
            fits = wanted.fits(figure, widths)
            if fits is None:
                failures.append((-1, f"its unit does not fit claim {signature.claim!r}"))
                continue
            how = _why(signature, attachment, occurrences, bound=wanted is not signature.expected)
            match = misdated(signature, attachment, how) if fits else None
            match = match or Match(signature.claim, "signature", wanted, fits, how)
            (held if wanted is signature.expected else bounded).append(match)
        return self._chosen(held, bounded, misplaced, strongly, failures, unplaced=unplaced)

    def _gate(self, signature: Signature, context: _Context) -> tuple[int, str] | None:
        """Why the figure is not about ``signature``'s claim, with how far it got (a
        later stage says more); None when subject, metric, qualifiers and modality
        agree. Time and value come after."""
        attachment = context.attachment
        is_time = is_year(context.figure) or context.figure.unit is Unit.DATE
        if is_time != (signature.expected.unit in _TIMES):
            # A count is never a claim's date, nor a date its count.
            return (
                (1, "a year or a date: the time of what the sentence says") if is_time else (-1, "")
            )
        stage, why = _metric_named(
            signature, attachment, context.occurrences, self.firms, self.other_counts,
            numbered=bool(context.numbers),
        )  # fmt: skip
        if why:
            return stage, why
        if stage:
            context.strongly.add(signature.metric)
        if attachment.partitive and signature.metric not in context.strongly:
            return 1, "a part of a group named before it"
        if attachment.difference:
            return 1, "a difference between two figures, not one of them"
        why = qualifiers_agree(
            signature, attachment, context.candidates, context.numbers, self.nouns
        )
        if why:
            return 2, why
        if attachment.future is not signature.future:
            said = "a goal or projection" if attachment.future else "a report"
            return 3, f"the figure is {said}; claim {signature.claim!r} is not"
        return None

    def _chosen(
        self,
        held: list[Match],
        bounded: list[Match],
        misplaced: list[Match],
        strongly: set[str],
        failures: list[tuple[int, str]],
        *,
        unplaced: set[str],
    ) -> Outcome:
        """What a figure is held to, of the claims that agree with it; or why none."""
        if held or bounded:
            # A claim of the figure's own time says more than a bound from another; a
            # figure of another time must keep every bound (each is a cumulative count).
            broken = [m for m in bounded if not m.fits]
            broken.sort(key=lambda m: self.as_of[m.claim].end, reverse=True)
            matches = held or broken[:1] or bounded
            metrics = {self.metric_of[m.claim] for m in matches} | unplaced
            if len(metrics) > 1 and not metrics & strongly and not any(m.fits for m in matches):
                shown = " or ".join(sorted(metrics))
                return Outcome((), f"it may count {shown}; its words do not say which")
            return Outcome(tuple(matches))
        if misplaced:
            return Outcome(tuple(misplaced[:1]))
        reasons = sorted((f for f in failures if f[1]), key=lambda f: -f[0])
        return Outcome((), reasons[0][1] if reasons else "no claim fits")

    def _read(self, attachment: Attachment) -> tuple[list[tuple[int, int, _Term]], set[int]]:
        """The metric terms and numbered things of a figure's scope; the figures of one
        clause share it, so the last one is kept."""
        key = (attachment.scope, attachment.alone)
        if self._last_read is None or self._last_read[0] != key:
            occurrences = self._occurrences(attachment.scope)
            numbers = numbered(attachment.scope, self.nouns, self.keys, attachment.alone)
            self._last_read = (key, occurrences, numbers)
        # The figure's own clause numbers it, if it says an ordinal at all, by the one
        # nearest it: "from 448 in the fourth batch to 658 in the fifth".
        at, scope = attachment.counted[0], attachment.scope
        ordinals = [  # "the fourth", "fifth batch"; not "ranks first"
            (abs(i - at), ORDINAL_WORDS[w])
            for i, w in enumerate(scope[attachment.clause_start :], attachment.clause_start)
            if w in ORDINAL_WORDS
            and (scope[i - 1 : i] == ("the",) or scope[i + 1 : i + 2] in {(n,) for n in self.nouns})
        ]
        if ordinals:
            return self._last_read[1], {min(ordinals)[1]}
        return self._last_read[1], self._last_read[2]

    def _occurrences(self, scope: tuple[str, ...]) -> list[tuple[int, int, _Term]]:
        """The metric terms in ``scope``, longest first, none overlapping."""
        found = []
        i = 0
        while i < len(scope):
            for term in self._terms.get(scope[i], ()):
                n = len(term.words)
                if scope[i : i + n] == term.words:
                    found.append((i, i + n, term))
                    i += n
                    break
            else:
                i += 1
        return found


def _signature(factbase: FactBase, cid: str, expected: Expected) -> Signature | None:
    claim = factbase.claims[cid].record
    entity = factbase.entities.get(claim.subject)
    metric = factbase.metrics.get(claim.metric)
    if entity is None or metric is None or not metric.record.terms:
        return None
    measures = metric.record.measures
    qualifiers = tuple(
        (key, str(value), ways(key, value)) for key, value in claim.qualifiers.items()
    )
    numbered = any(isinstance(v, int) for v in claim.qualifiers.values())
    source = factbase.sources.get(claim.source)
    reading = factbase.readings[cid].figure
    distinctive = not reading.is_range and _significant(reading.low.value) >= 2
    return Signature(
        cid, claim.subject, entity.record.name, claim.metric, qualifiers, expected,
        claim.as_of, claim.modality in _FUTURE,
        measures in {Measure.YEAR, Measure.DATE} or numbered,
        numbered and measures not in {Measure.YEAR, Measure.DATE}, metric.record.cumulative,
        distinctive, source is not None and source.record.reference,
    )  # fmt: skip


def _significant(value: Fraction) -> int:
    """Significant digits of a value: 3 for 163 billion, 2 for 590, 1 for 10,000."""
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    return len(decimal.normalize().as_tuple().digits)


def _metric_named(
    signature: Signature,
    attachment: Attachment,
    occurrences: list[tuple[int, int, _Term]],
    firms: frozenset[str],
    other_counts: frozenset[str],
    *,
    numbered: bool,
) -> tuple[int, str]:
    """Whether the draft names the claim's metric for this figure: (1, "") in the phrase
    the figure counts ("590 national little giants"), (0, "") elsewhere; else how far it
    got and why not. Elsewhere is: when that phrase says only
    "firms", in its clause, for a metric that counts firms; or, when the figure counts
    nothing ("…, ahead of Beijing with 1,210"), in its clause or one before it, where
    the term is not a place the figure is in ("firms on the list")."""
    if signature.expected.unit in _TIMES:  # a year or a date: when, not how many
        own = attachment.clause_start
        if any(a >= own and signature.metric in t.metrics for a, _, t in occurrences):
            return 0, ""
        return 0, f"nothing in its clause says what it is the date of for {signature.subject_name}"
    start, end = attachment.counted
    counted = [t for a, b, t in occurrences if a < end and b > start and not t.generic]
    if counted and not (numbered and _counts_firms(counted, signature.metric, firms)):
        # "four lists": a word for lists names the lists, not the firms on them, even
        # for a metric of firms that has it among its terms.
        if any(
            signature.metric in t.metrics
            and not (signature.metric in firms and t.metrics & other_counts)
            for t in counted
        ):
            return 1, ""
        return 0, f"it counts “{counted[0].written}”, not what claim {signature.claim!r} counts"
    words = attachment.counted_words
    if words and not all(w in GENERIC or w in DESCRIBING for w in words):
        return 0, f"it counts “{' '.join(words)}”, which the fact base has no claim about"
    if words and signature.metric not in firms:
        return -1, f"it counts firms; claim {signature.claim!r} does not"  # says little
    own = attachment.clause_start
    share = signature.expected.unit is Unit.PERCENT  # "18 percent of the firms on the list"
    named = [
        a for a, _, t in occurrences
        if signature.metric in t.metrics and not t.generic
        and (share or not _CONTAINING & set(attachment.scope[max(0, a - 2) : a]))
    ]  # fmt: skip
    # "…, with 323 firms": a short clause that names no one continues the one before.
    continues = (not words or not attachment.names_own) and attachment.short
    if any(a >= own for a in named) or (named and continues and not _names_any(occurrences, own)):
        return 0, ""
    return 0, f"nothing near it names what the fact base counts for {signature.subject_name}"


_HOW_MANY = frozenset(["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])


def _lists(attachment: Attachment) -> bool:
    """Whether the sentence counts lists: "five lists", "the first three batches"."""
    written = attachment.written
    return any(
        (w in _HOW_MANY or (w.isdigit() and int(w) < 100)) and nxt.startswith(("list", "batch"))
        for w, nxt in itertools.pairwise(written)
    )


def _counts_firms(counted: list[_Term], metric: str, firms: frozenset[str]) -> bool:
    """Whether ``counted`` and ``metric`` both count firms: in a numbered list, "3,671
    little giants" are the list's firms."""
    return metric in firms and all(t.metrics & firms for t in counted)


def _names_any(occurrences: list[tuple[int, int, _Term]], start: int) -> bool:
    """Whether a metric term (not "firms") is written from ``start`` on."""
    return any(a >= start and not t.generic for a, _, t in occurrences)


def _why(
    signature: Signature,
    attachment: Attachment,
    occurrences: list[tuple[int, int, _Term]],
    *,
    bound: bool,
) -> str:
    subject = attachment.subject
    assert subject is not None
    named = next(
        (
            " ".join(t.words)
            for _, _, t in occurrences
            if signature.metric in t.metrics and not t.generic
        ),
        signature.metric,
    )
    parts = [f"subject {subject.name} ({subject.how})", f"metric term “{named}”"]
    if signature.qualifiers:
        parts.append(", ".join(f"{key} {value}" for key, value, _ in signature.qualifiers))
    when = attachment.when
    if signature.timeless:
        parts.append("a value fixed once it happened")
    elif when is not None:
        parts.append(f"time {shown(when.period)} ({when.how})")
        if bound:
            grows = (
                "can only have grown since"
                if when.period.start > signature.as_of.end
                else ("could only grow until")
            )
            parts.append(f"a cumulative count, which {grows} {signature.as_of}")
    parts.append("a goal or projection" if signature.future else "reported")
    return "held to it by " + "; ".join(parts)
