"""Figures in text: "nearly 13,000", "5 billion yuan", "$684.4 million", "one-eighth".

A figure is what was written, kept apart from what it means: its number(s) with the
rounding unit of the last written digit, its unit, and its hedge. ``factcheck.hedges``
turns a figure into an interval; the rules are tabled in docs/semantics.md.

Scanning works in two steps. A regular expression finds quantities (a number in digits
or words, with an optional currency, scale word and unit); then each quantity looks
at the words just before it for a hedge ("more than") and at the words just after it
for the other end of a range ("three to five years", "between 2019 and 2022").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import accumulate

from factcheck.hedge_words import (
    CJK_HEDGES_AFTER,
    CJK_HEDGES_BEFORE,
    HEDGE_WORDS,
    HEDGES_AFTER,
    Hedge,
    direction_before,
)
from factcheck.numwords import (
    CARDINALS,
    DENOMINATORS,
    ORDINALS,
    SCALES,
    fraction_in_words,
    words_to_number,
)
from factcheck.periods import PROSE_DATE, period_of_match
from factcheck.units import CURRENCIES, Unit

__all__ = ["Amount", "Figure", "Hedge", "scan"]


@dataclass(frozen=True, slots=True)
class Amount:
    """A written number and the rounding unit of its last written digit.

    ``step`` is 0 for an exact figure (a count in digits, a number in words), the
    place of the last digit for a rounded one ("9.5 percent": 0.1; "5 billion": 1e9).
    """

    value: Fraction
    step: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure found in text, with its span (``text[start:end]``)."""

    start: int
    end: int
    low: Amount
    high: Amount  # the same as ``low`` unless the figure is a range
    unit: Unit | None = None
    hedge: Hedge | None = None
    negative: bool = False  # "down 2.5 percent": the amounts are magnitudes
    direction: str | None = None  # "up" or "down", from the word before the figure

    @property
    def is_range(self) -> bool:
        return self.low != self.high


# -- phase 1: quantities -------------------------------------------------------------

_DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_CARD = "|".join(sorted(CARDINALS, key=len, reverse=True))
_SCALE_WORDS = "|".join(SCALES)
_WORDS = (  # "thirteen thousand", "twenty-five", "a hundred and five"
    rf"(?:{_CARD}|an?(?=[\s-]+(?:{_SCALE_WORDS})))"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:{_CARD}|{_SCALE_WORDS}))*"
)
_DENOMS = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
_PLURAL_DENOMS = "|".join(
    sorted((d for d in DENOMINATORS if d.endswith("s")), key=len, reverse=True)
)
# "one-eighth" and "two thirds" are fractions; "a third" only when a fraction *of*
# something follows, since "a third party" and "one fifth batch" are ordinals.
_FRACTION = (
    rf"(?:{_CARD}|an?)-(?:{_DENOMS})"
    rf"|(?:{_CARD})\s+(?:{_PLURAL_DENOMS})"
    rf"|(?:{_CARD}|an?)\s+(?:{_DENOMS})(?=\s+of\b|\s*[.,;:)]|\s*$)"
)
#: How far from its value a fraction in words reaches, as a share of it: "one-fifth" is
#: 18 to 22 percent, "a third" 30 to 36.7 percent (docs/semantics.md).
FRACTION_TOLERANCE = Fraction(1, 10)
_MULTIPLE_WORDS = {"double": 2, "doubled": 2, "doubling": 2, "twofold": 2, "triple": 3,
                   "tripled": 3, "tripling": 3, "threefold": 3, "quadruple": 4,
                   "quadrupled": 4, "quadrupling": 4, "fourfold": 4}  # fmt: skip
_MULTIPLE = "|".join(_MULTIPLE_WORDS)

_UNIT_PATTERNS: tuple[tuple[Unit, str], ...] = (
    (Unit.PERCENT, r"\s*(?:%|percent\b|per\s+cent\b|percentage\s+points?\b)"),
    *((c.unit, rf"\s*(?:{c.words})\b") for c in CURRENCIES),
    (Unit.CNY, r"元"),
    (Unit.TIMES, r"(?:\s*times\b|-?fold\b)"),
    (Unit.YEARS, r"(?:\s*|-)(?:years?|months?)\b"),
    (Unit.KM, r"\s*(?:km|kilomet(?:re|er)s?)\b"),
)
_CURRENCY_PREFIX = {prefix: c.unit for c in CURRENCIES for prefix in c.prefixes}
#: Before a figure: symbols ("HK$", "€") touch it, codes ("RMB", "KSh") are words.
_PREFIXES = "|".join(
    re.escape(p) if not p.isalpha() else rf"{p}(?=\s)"
    for p in sorted(_CURRENCY_PREFIX, key=len, reverse=True)
)
_SYMBOLS = "".join(sorted({p[-1] for p in _CURRENCY_PREFIX if not p.isalpha()}))

#: Chinese characters, which touch figures without a space ("有1.2万家"): they do not
#: make a figure part of a word the way Latin letters do.
_CJK = "\u3400-\u9fff"

_QUANTITY = re.compile(
    rf"""
    (?:
        (?<![^\s(\[])(?P<sign>[-−+])(?=[\d.,]+\s*(?:%|percent\b|per\s+cent\b))  # -41.2%
      | (?<![.{_SYMBOLS}-])(?<![^\W{_CJK}])(?<![A-Za-z]-)   # not inside a word, number or name
    )
    (?:(?P<cur>{_PREFIXES})\s*)?
    (?:
        (?P<num>(?>{_DIGITS}))(?:\s*[-–]\s*(?P<num_to>(?>{_DIGITS}))(?![\w-]))?
        (?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b|(?P<wan>万亿|亿|万))?
      | (?P<frac>\b(?:{_FRACTION})\b)
      | (?P<mult>\b(?:{_MULTIPLE})\b)
      | (?P<words>\b{_WORDS}\b)
    )
    (?P<unit>{"|".join(f"(?P<u{i}>{p})" for i, (_, p) in enumerate(_UNIT_PATTERNS))})?
    (?![^\W{_CJK}])                                # a Chinese character may follow: 万家
    """,
    re.IGNORECASE | re.VERBOSE,
)

_SCALE_VALUES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
                 "trillion": 1_000_000_000_000, "bn": 1_000_000_000, "mn": 1_000_000,
                 "万": 10**4, "亿": 10**8, "万亿": 10**12}  # fmt: skip


#: Digits a written number may have. More is not a figure but a pasted string of digits:
#: it is skipped, and Python never converts thousands of digits to a number.
MAX_DIGITS = 30


def _too_long(number: str | None) -> bool:
    return number is not None and sum(c.isdigit() for c in number) > MAX_DIGITS


def _digits(text: str, scale: int, rounded: bool) -> Amount:
    plain = text.replace(",", "")
    value = Fraction(plain) * scale
    decimals = len(plain.partition(".")[2])
    if rounded or decimals or scale > 1:
        return Amount(value, Fraction(1, 10**decimals) * scale)
    return Amount(value)


#: "one of the top cities", "one of them": a pronoun, not a count.
_PRONOUN_ONE = re.compile(r"one\s+of\b", re.IGNORECASE)
#: "which one", "no one", "the sixth one": "one" after a determiner is a pronoun.
_DETERMINER_BEFORE = re.compile(
    r"\b(?:which|no|the|this|that|each|every|any|another|last|" + "|".join(ORDINALS) + r")\s+$",
    re.IGNORECASE,
)


def _is_pronoun_one(m: re.Match[str]) -> bool:
    if not m["words"] or m["unit"] or m["words"].lower() != "one":
        return _PRONOUN_ONE.match(m.string, m.start("words")) is not None and not m["unit"]
    before = m.string[max(0, m.start() - 20) : m.start()]
    return _DETERMINER_BEFORE.search(before) is not None or (
        _PRONOUN_ONE.match(m.string, m.start("words")) is not None
    )


def _unit(m: re.Match[str]) -> Unit | None:
    if not m["unit"]:
        return None
    index = next(i for i in range(len(_UNIT_PATTERNS)) if m[f"u{i}"])
    return _UNIT_PATTERNS[index][0]


#: Words one number in words may take: "nine hundred and ninety-nine thousand nine
#: hundred and ninety-nine" is 14 tokens. Longer runs are several numbers, and trying
#: every length of a long run would be quadratic.
_MAX_NUMBER_WORDS = 16


def _word_pieces(m: re.Match[str]) -> list[Figure]:
    """The numbers in a run of number words that is not one number: "three and five
    years" is 3 and 5 years (then joined into a range), "one two three" is 1, 2, 3.
    Greedy: the longest run that is a number, then the rest."""
    tokens = [
        (t.group().lower(), t.start(), t.end()) for t in re.finditer(r"[A-Za-z]+", m["words"])
    ]
    base = m.start("words")
    pieces: list[Figure] = []
    i = 0
    while i < len(tokens):
        if tokens[i][0] in {"and", "a", "an"}:
            i += 1
            continue
        for j in range(min(len(tokens), i + _MAX_NUMBER_WORDS), i, -1):
            number = words_to_number([t for t, _, _ in tokens[i:j]])
            if number is not None:
                start, end = base + tokens[i][1], base + tokens[j - 1][2]
                unit = None
                if j == len(tokens) and m["unit"]:  # the unit follows the last piece
                    end, unit = m.end(), _unit(m)
                amount = Amount(Fraction(number))
                pieces.append(Figure(start, end, amount, amount, unit))
                i = j
                break
        else:
            i += 1
    return pieces


def _quantity(m: re.Match[str]) -> Figure | None:
    if _is_pronoun_one(m):
        return None
    unit = _unit(m)
    if m["cur"]:
        prefix_unit = _CURRENCY_PREFIX[m["cur"].strip().lower()]
        if unit is not None and unit is not prefix_unit:
            return None  # "$5 percent": not a figure we can read
        unit = prefix_unit
    rounded = unit is Unit.PERCENT  # a share is a rounded ratio, even when whole
    if _too_long(m["num"]) or _too_long(m["num_to"]):
        return None
    if m["num"]:
        word = m["scale"] or m["wan"]
        scale = _SCALE_VALUES[word.lower()] if word else 1
        low = _digits(m["num"], scale, rounded)
        high = low
        if m["num_to"]:
            high = _digits(_expand_abbreviated(m["num"], m["num_to"]), scale, rounded)
            if high.value < low.value:
                return None  # "10-5" is a score or an id, not a range
    elif m["frac"]:
        *numer, denom = re.split(r"[\s-]+", m["frac"].lower())
        value = fraction_in_words(numer[0], denom) if len(numer) == 1 else None
        if value is None:
            return None
        # News writes fractions as approximations ("one-fifth" for 21.7 percent): the
        # word stands for its value give or take FRACTION_TOLERANCE of it, read as a
        # rounding so that hedges ("over one-fifth") apply as to any rounded figure.
        low = high = Amount(value, 2 * FRACTION_TOLERANCE * value)
        unit = unit or Unit.RATIO
    elif m["mult"]:
        low = high = Amount(Fraction(_MULTIPLE_WORDS[m["mult"].lower()]))
        unit = unit or Unit.TIMES
    else:
        words = [w for w in re.split(r"[\s-]+", m["words"].lower()) if w]
        if words[0] in {"a", "an"}:
            words[0] = "one"
        number = words_to_number(words)
        if number is None:
            return None
        big = [SCALES[w] for w in words if w in SCALES and SCALES[w] >= 1000]
        step = Fraction(min(big)) if big and words[-1] in SCALES else Fraction(0)
        low = high = Amount(Fraction(number), step)
    if unit is Unit.YEARS and m["unit"] and "month" in m["unit"].lower():
        low, high = (Amount(a.value / 12, a.step / 12) for a in (low, high))
    negative = m["sign"] in {"-", "−"}  # "-41.2%": the amounts are magnitudes, as for "down"
    return Figure(m.start(), m.end(), low, high, unit, negative=negative)


def _expand_abbreviated(first: str, second: str) -> str:
    """'2018', '20' → '2020' (a span of years written short)."""
    if len(first) == 4 and len(second) == 2 and first.isdigit() and second.isdigit():
        return first[:2] + second
    return second


# -- phase 2: hedges and ranges ------------------------------------------------------

_HEDGE_BEFORE = re.compile(
    r"(?:^|(?<=[^\w]))(?P<hedge>"
    + "|".join(re.escape(h) for h in sorted(HEDGE_WORDS, key=len, reverse=True))
    + r")\s+$",
    re.IGNORECASE,
)
_RANGE_JOINER = re.compile(r"\s*(?:to|–|-|and)\s*", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[^\w]))(?P<sign>up|down)(?:\s+by)?\s+$", re.IGNORECASE)


_CJK_HEDGE_BEFORE = re.compile(
    "(?P<hedge>" + "|".join(sorted(CJK_HEDGES_BEFORE, key=len, reverse=True)) + r")\s*$"
)
#: "多"/"余" right after the figure; "以上"/"以下" after a measure word, if any.
_CJK_HEDGE_AFTER = re.compile(r"(?:(?P<hedge>多|余)|[家个名项件座所户]?(?P<hedge2>以上|以下))")
_HEDGE_AFTER = re.compile(
    r"\s+(?P<hedge>" + "|".join(re.escape(h) for h in HEDGES_AFTER) + r")\b", re.IGNORECASE
)
#: Verbs that make "up" or "down" part of them, not a direction: "make up 9.5 percent",
#: "set up 12 firms", "wound down 3".
_PHRASAL = re.compile(
    r"\b(?:make|makes|made|making|add|adds|added|adding|sum|sums|summed|set|sets|end|ends|"
    r"ended|ending|turn|turns|turned|show|shows|showed|pick|picks|picked|wound|wind|winds)\s+$",
    re.IGNORECASE,
)
_LOOKBEHIND = 24  # characters before a figure searched for a hedge
#: "by 2025" bounds a year, but "grew by 13 percent" is exact; likewise "since".
_YEAR_ONLY_HEDGES = frozenset({"by", "since"})


def _is_year(figure: Figure) -> bool:
    return (
        figure.unit is None
        and figure.low.step == 0
        and all(
            a.value.denominator == 1 and 1000 <= a.value <= 2999 for a in (figure.low, figure.high)
        )
    )


def _dates(text: str) -> list[Figure]:
    dates = []
    for m in PROSE_DATE.finditer(text):
        try:
            period = period_of_match(m)
        except ValueError:  # "2018-20" is a span of years, not month 20
            continue
        if period is not None:
            first, last = period.days
            dates.append(
                Figure(
                    m.start(), m.end(), Amount(Fraction(first)), Amount(Fraction(last)), Unit.DATE
                )
            )
    return dates


#: Numbers that are not figures: phone numbers (0086-27-87592219), times of day (07:30),
#: numbers of houses and items (No. 18), screen sizes (1024*768), numbers with a leading
#: zero (0086, an id or a code), and numbers that are part of a name: an index (S&P 500),
#: a model (Boeing 737, iPhone 15), a rule or a place in a text (Section 427, Article 5),
#: a group (G20, Group of 20, COP28), a network (5G).
_NOT_FIGURES = re.compile(
    r"""(?<![\d+])\+?\d{2,}(?:-\d{2,}){2,}
      | \b\d{1,2}:\d{2}(?::\d{2})?\b
      | \b(?:No|no|Nr|nr)\.\s*\d+
      | \b(?:S&P|FTSE|Nikkei|DAX|CAC|Stoxx|Fortune|Russell|Boeing|Airbus\s+A|iPhone|Windows
           |Route|Formula|Apollo|Section|Row|Article|Chapter|Phase|Group\s+of|Galaxy\s+S
           |Highway|Interstate|Flight|Gate|Terminal|Platform|Room|Level|Category|Model)
        \s*\d+(?![\d.,]*\s*(?:%|percent|per\s+cent))
      | \b(?:G|COP|F)\d{1,2}\b | \b[2-6]G\b
      | \b\d+\s*[*×]\s*\d+\b
      | (?<![\d.,])0\d+""",
    re.VERBOSE,
)


#: A cheap first look: text with no digit and no number word holds no figure.
_MAYBE = re.compile(
    r"\d|\b(?:" + "|".join([*CARDINALS, *DENOMINATORS, *_MULTIPLE_WORDS, *SCALES]) + r")",
    re.IGNORECASE,
)


class _Spans:
    """Spans of text, asked whether any overlaps a given one in O(log n)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans.sort()
        self.starts = [start for start, _ in spans]
        self.reach = list(accumulate((end for _, end in spans), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span [s, e) has s < end and start < e."""
        before = bisect_left(self.starts, end) - 1  # the last span that starts before end
        return before >= 0 and self.reach[before] > start


def scan(text: str) -> Iterator[Figure]:
    """Every figure in ``text``, left to right, with hedges and ranges joined."""
    if _MAYBE.search(text) is None:
        return
    dates = _dates(text)
    taken = _Spans(
        [(d.start, d.end) for d in dates] + [m.span() for m in _NOT_FIGURES.finditer(text)]
    )
    quantities: list[Figure] = []
    for m in _QUANTITY.finditer(text):
        if taken.overlaps(m.start(), m.end()):
            continue
        quantity = _quantity(m)
        if quantity is not None:
            quantities.append(quantity)
        elif m["words"] and not _is_pronoun_one(m):
            quantities.extend(_word_pieces(m))
    quantities = sorted([*quantities, *dates], key=lambda f: f.start)
    i = 0
    while i < len(quantities):
        figure = quantities[i]
        before = text[max(0, figure.start - _LOOKBEHIND) : figure.start]
        if i + 1 < len(quantities):
            joined = _join_range(text, figure, quantities[i + 1], before)
            if joined is not None:
                figure = joined
                i += 1
        yield _with_prefix(text, figure)
        i += 1


def _join_range(text: str, first: Figure, second: Figure, before: str) -> Figure | None:
    gap = text[first.end : second.start]
    joiner = _RANGE_JOINER.fullmatch(gap)
    if joiner is None:
        return None
    word = joiner.group(0).strip().lower()
    intro = _BETWEEN_BEFORE.search(before)
    introduced = intro is not None
    if word == "and" and not introduced:
        return None  # "500 and 68" are two figures
    if first.unit is not None and first.unit is not second.unit:
        # "0.5 percent to 3,005.47" is a change and a level; a range names its unit
        # once, at its end ("10 to 15 percent"), or at both ends alike
        return None
    if (first.unit is Unit.DATE) != (second.unit is Unit.DATE):
        return None  # "from 2019 to September 2022": a year and a day are not one range
    if second.low.value < first.low.value:
        return None
    unit = second.unit or first.unit
    start = first.start - len(before) + intro.start() if intro is not None else first.start
    return Figure(start, second.end, _scaled_like(text, first, second), second.high, unit)


_SCALE_WORD = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn)\b|万亿|亿|万", re.I)


def _scaled_like(text: str, first: Figure, second: Figure) -> Amount:
    """The low end of a range, in the scale the high end names: "10 to 15 billion" is
    10 billion to 15 billion, "four to five thousand" 4,000 to 5,000. A low end with a
    scale or unit of its own keeps it."""
    scale = _SCALE_WORD.search(text, second.start, second.end)
    if scale is None or first.unit is not None:
        return first.low
    if _SCALE_WORD.search(text, first.start, first.end) is not None:
        return first.low
    factor = _SCALE_VALUES[scale.group(0).lower()]
    carried = Amount(first.low.value * factor, second.high.step)
    return carried if carried.value <= second.high.value else first.low


def _with_prefix(text: str, figure: Figure) -> Figure:
    """Attach a hedge ("more than") and a direction ("up 13 percent", "down more than 5
    percent", "down by 2.5 percent") written before the figure."""
    base = max(0, figure.start - _LOOKBEHIND)
    before = text[base : figure.start]
    start, hedge = figure.start, figure.hedge
    h = _HEDGE_BEFORE.search(before)
    if h is not None and (h["hedge"].lower() not in _YEAR_ONLY_HEDGES or _is_year(figure)):
        hedge = HEDGE_WORDS[h["hedge"].lower()]
        start = base + h.start("hedge")
        before = before[: h.start("hedge")]
    if hedge is None and (c := _CJK_HEDGE_BEFORE.search(before)) is not None:
        hedge = CJK_HEDGES_BEFORE[c["hedge"]]
        start = base + c.start("hedge")
        before = before[: c.start("hedge")]
    negative, direction = figure.negative, figure.direction
    s = _SIGN_BEFORE.search(before)
    if s is not None and not _PHRASAL.search(before[: s.start("sign")]):
        start = base + s.start("sign")
        direction = s["sign"].lower()
        negative = direction == "down"
    elif (change := direction_before(before)) is not None:  # "rose 6.5%": a change
        direction, negative = change, change == "down"
    end = figure.end
    if hedge is None:
        after = text[end : end + _LOOKBEHIND]
        if (c := _CJK_HEDGE_AFTER.match(after)) is not None:
            hedge, end = CJK_HEDGES_AFTER[c["hedge"] or c["hedge2"]], end + c.end()
        elif (e := _HEDGE_AFTER.match(after)) is not None:
            hedge, end = HEDGES_AFTER[e["hedge"].lower()], end + e.end()
    return replace(
        figure, start=start, end=end, hedge=hedge, negative=negative, direction=direction
    )
