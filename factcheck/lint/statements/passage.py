"""A paragraph of a draft as the statement readers see it: its sentences, and every figure
in them as a ``Mention`` that knows its sentence, its words around and what it counts.

Relations in news prose reach across sentences ("Thirty firms made the list of 727. That
is 4.1 percent of it."), so readers work on the paragraph, not on one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from factcheck.engine.conversions import RateBook
from factcheck.expressions import Name
from factcheck.figures import Figure
from factcheck.hedges import HedgeWidths, interval_of
from factcheck.intervals import Interval
from factcheck.lint.attachment import is_year
from factcheck.units import Unit, currency_of

__all__ = ["Mention", "Operand", "Passage", "noun_key"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A figure of the passage: ``figure``'s offsets are the passage's."""

    figure: Figure
    sentence: int  # index of its sentence in the passage
    index: int  # its place among the passage's figures
    points: bool = False  # a difference of percentages: "2.3 percentage points"
    year: bool = False  # a calendar year as written: "2021", not "2,021"

    @property
    def start(self) -> int:
        return self.figure.start

    @property
    def end(self) -> int:
        return self.figure.end

    @property
    def unit(self) -> Unit | None:
        return self.figure.unit

    @property
    def is_year(self) -> bool:
        return self.year

    @property
    def is_count(self) -> bool:
        """A plain number that counts something ("727 firms", "Thirty"), not a year."""
        return (
            self.figure.unit in {None, Unit.COUNT}
            and self.figure.measure is None
            and not self.is_year
            and not self.figure.negative
        )

    @property
    def is_money(self) -> bool:
        return self.figure.unit is not None and currency_of(self.figure.unit) is not None


@dataclass(frozen=True, slots=True)
class Operand:
    """A figure of the draft as one side of a relation, in the unit the relation reads it
    in (a bare "31 million" read as euros after "in euros")."""

    mention: Mention
    unit: Unit
    label: str  # the figure as written, unique in its paragraph: "'727'"
    #: Whether its hedge counts: a conversion converts the written number, so "more
    #: than 6 billion yuan (about $870 million)" relates 6 billion to $870 million.
    hedged: bool = True

    @property
    def name(self) -> Name:
        return Name(self.label, self.mention.start, self.mention.end)


#: Words that end the phrase a figure counts ("727 little giants chosen this year").
_NOUN_STOP = re.compile(
    r"\b(?:in|on|at|for|from|with|by|to|that|which|who|and|or|of|is|are|was|were|had|"
    r"have|has|will|would|a|an|the|this|these|its|their|per|each|last|than|before|after|"
    r"since|until|as|when|while|but|so|into|across|over|under|between|among|during|"
    r"through|within|without|can|could|may|might|should|must|do|did|does|make|made|"
    r"makes|work|works|hold|holds|held|get|got|receive|received|chosen|named|selected|"
    r"based|located|listed|set|said)\b"
)
_WORD = re.compile(r"[a-z][a-z\-]*")
#: Words before what a figure counts that do not say what it is.
_DESCRIBING = frozenset((
    "more", "fewer", "other", "such", "new", "and", "or", "specialized", "specialised",
    "sophisticated", "national", "provincial", "municipal", "local", "key", "small",
    "medium", "sized", "private", "state", "innovative", "certified", "listed",
))  # fmt: skip
#: What the same kind of thing is called in news about firms: "companies", "firms".
_SYNONYMS = {
    "company": "firm", "enterprise": "firm", "business": "firm", "sme": "firm",
    "giant": "firm", "smes": "firm", "entity": "firm", "listing": "firm",
}  # fmt: skip


def noun_key(word: str) -> str:
    """A word reduced to what it names: plural off, firm-like words as "firm"."""
    w = word.lower()
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("ches", "shes", "sses", "xes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        w = w[:-1]
    return _SYNONYMS.get(w, w)


@dataclass(frozen=True)
class Passage:
    """One paragraph: its text, sentence spans and figures, and what the draft says of
    its date. ``offset`` is where the paragraph starts in the draft."""

    text: str
    offset: int
    sentences: tuple[tuple[int, int], ...]
    mentions: tuple[Mention, ...]
    widths: HedgeWidths
    when: date | None = None  # the draft's date, when it has one
    rates: RateBook | None = None  # reference exchange rates, for conversions
    #: The fact base's numbered series of counts: ``batch: 5`` → (claim id, its value).
    series: Mapping[int, tuple[str, Figure]] = field(default_factory=dict)

    @cached_property
    def lowered(self) -> str:
        """The text in lower case, character for character (offsets stay the text's:
        "İ" lowers to two characters, so such a one is kept as it is)."""
        lowered = self.text.lower()
        if len(lowered) == len(self.text):
            return lowered
        return "".join(c.lower() if len(c.lower()) == 1 else c for c in self.text)

    @property
    def year(self) -> int | None:
        return self.when.year if self.when else None

    @classmethod
    def of(
        cls,
        text: str,
        offset: int,
        sentences: Sequence[tuple[int, int, Sequence[Figure]]],
        widths: HedgeWidths,
        *,
        when: date | None = None,
        rates: RateBook | None = None,
        series: Mapping[int, tuple[str, Figure]] | None = None,
    ) -> Passage:
        """``sentences``: spans relative to ``text``, each with its figures relative to
        the sentence."""
        mentions: list[Mention] = []
        spans: list[tuple[int, int]] = []
        for number, (start, end, figures) in enumerate(sentences):
            spans.append((start, end))
            for figure in figures:
                for part in _changes_apart(text, _moved(figure, start)):
                    written = text[part.start : part.end].lower()
                    points = part.measure == "points" or (
                        part.unit is Unit.PERCENT and "point" in written
                    )
                    calendar = is_year(part) and not re.search(r"\d[,\s]\d", written)
                    mentions.append(Mention(part, number, len(mentions), points, calendar))
        return cls(text, offset, tuple(spans), tuple(mentions), widths, when, rates, series or {})

    # -- the words ------------------------------------------------------------------

    def written(self, mention: Mention) -> str:
        return " ".join(self.text[mention.start : mention.end].split())

    def sentence_text(self, number: int) -> str:
        start, end = self.sentences[number]
        return self.text[start:end]

    def sentence_lowered(self, number: int) -> str:
        start, end = self.sentences[number]
        return self.lowered[start:end]

    def before(self, mention: Mention, reach: int = 60) -> str:
        """The lowered words of its sentence before ``mention`` (at most ``reach``)."""
        start = max(self.sentences[mention.sentence][0], mention.start - reach)
        return self.lowered[start : mention.start]

    def after(self, mention: Mention, reach: int = 60) -> str:
        end = min(self.sentences[mention.sentence][1], mention.end + reach)
        return self.lowered[mention.end : end]

    def between(self, a: Mention, b: Mention) -> str:
        return self.lowered[a.end : b.start]

    def opening(self, number: int, reach: int = 40) -> str:
        """The lowered start of sentence ``number``."""
        start, end = self.sentences[number]
        return self.lowered[start : min(end, start + reach)].lstrip()

    def noun(self, mention: Mention) -> str | None:
        """What the figure counts (``_noun``), read once per figure: readers ask often."""
        if mention.index < 0:
            return self._noun(mention)
        known = self._nouns
        if mention.index not in known:
            known[mention.index] = self._noun(mention)
        return known[mention.index]

    @cached_property
    def _nouns(self) -> dict[int, str | None]:
        return {}

    def _noun(self, mention: Mention) -> str | None:
        """What the figure counts, as ``noun_key`` reduces it: "727 little giants" →
        "firm", "98,000 specialized and sophisticated SMEs" → "firm", "50 peelers" →
        "peeler"; None when no word follows."""
        after = re.sub('["“”‘’]', "", self.after(mention, 60))
        head = re.split(r"[,.;:()]", after)[0]
        words: list[str] = []
        for word in _WORD.findall(head):
            if word in _DESCRIBING or ("-" in word and not words):
                continue
            if _NOUN_STOP.fullmatch(word):
                break
            words.append(word)
        # "28 machines running", "3,600 firms newly certified": the plural is the noun.
        plural = [w for w in words if w.endswith("s") and not w.endswith("ss")]
        return noun_key(plural[0] if plural else words[-1]) if words else None

    # -- the figures ----------------------------------------------------------------

    def in_sentence(self, number: int) -> list[Mention]:
        return [m for m in self.mentions if m.sentence == number]

    def earlier(self, mention: Mention, sentences: int = 1) -> Iterator[Mention]:
        """Figures before ``mention``, nearest first: in its sentence, then in up to
        ``sentences`` sentences before it."""
        for m in reversed(self.mentions[: mention.index]):
            if m.sentence < mention.sentence - sentences:
                return
            yield m

    def later(self, mention: Mention, sentences: int = 0) -> Iterator[Mention]:
        for m in self.mentions[mention.index + 1 :]:
            if m.sentence > mention.sentence + sentences:
                return
            yield m

    def is_points(self, mention: Mention) -> bool:
        return mention.points

    def operand(
        self, mention: Mention, unit: Unit | None = None, *, hedged: bool = True
    ) -> Operand:
        """``mention`` as a relation's operand, read in ``unit`` (by default its own, a
        count when it has none, a percentage for points), with or without its hedge."""
        if unit is None:
            unit = mention.unit or (Unit.PERCENT if self.is_points(mention) else Unit.COUNT)
        return Operand(mention, unit, self._labels[mention.index], hedged)

    @cached_property
    def _labels(self) -> list[str]:
        """Each figure as written, quoted; a figure written twice gets its place."""
        written = [self.written(m) for m in self.mentions]
        seen: dict[str, int] = {}
        labels = []
        for text in written:
            seen[text] = seen.get(text, 0) + 1
            labels.append(f"'{text}'" if seen[text] == 1 else f"'{text}' ({seen[text]})")
        return labels

    def interval(self, mention: Mention, *, hedged: bool = True) -> Interval:
        """What the figure allows, as a magnitude: "fell 17.5 percent" is 17.5, the
        relation reading it says which way (a fall, "slower", "below")."""
        figure = mention.figure
        if figure.negative or (figure.hedge is not None and not hedged):
            figure = replace(figure, negative=False, hedge=figure.hedge if hedged else None)
        return interval_of(figure, self.widths)

    def starts_sentence(self, mention: Mention, words: int = 3) -> bool:
        """Whether ``mention`` is among the first ``words`` words of its sentence."""
        start = self.sentences[mention.sentence][0]
        return len(self.text[start : mention.start].split()) < words


def _moved(f: Figure, by: int) -> Figure:
    return Figure(
        f.start + by, f.end + by, f.low, f.high, f.unit, f.hedge, f.negative, f.direction,
        f.measure,
    )  # fmt: skip


_FROM_TO = re.compile(r"from\s+(?P<low>.+?)\s+to\s+(?P<high>.+)", re.IGNORECASE | re.DOTALL)


def _changes_apart(text: str, figure: Figure) -> tuple[Figure, ...]:
    """A range written "from 15 to 39" is a change, not a range: its two ends."""
    if not figure.is_range:
        return (figure,)
    m = _FROM_TO.fullmatch(text, figure.start, figure.end)
    if m is None:
        return (figure,)
    low = replace(figure, start=m.start("low"), end=m.end("low"), high=figure.low)
    high = replace(figure, start=m.start("high"), end=m.end("high"), low=figure.high)
    return low, high
