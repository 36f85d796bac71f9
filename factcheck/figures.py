"""Figures in text: "nearly 13,000", "5 billion yuan", "$684.4 million", "one-eighth".

A figure is what was written, kept apart from what it means (``factcheck.figure_model``);
``factcheck.hedges`` turns a figure into an interval (docs/semantics.md).

Scanning works in two steps. ``factcheck.quantities`` finds quantities (a number in
digits or words, with its currency, scale word and unit); then, here, each looks at the
words around it for a hedge ("more than", "or more"), a direction ("rose", "a 3% drop")
or a sign ("minus"), and at the next quantity for the other end of a range ("three to
five years", "between 2019 and 2022").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from factcheck.figure_model import Amount, Figure
from factcheck.hedge_words import (
    CJK_HEDGES_AFTER,
    CJK_HEDGES_BEFORE,
    CUTS,
    HEDGE_WORDS,
    HEDGES_AFTER,
    Hedge,
    direction_after,
    direction_before,
    direction_by,
    direction_of_rate,
)
from factcheck.measure_words import GLUED_SCALES, SCALE_VALUES, SPACED_SCALES
from factcheck.quantities import CJK, folded, quantities
from factcheck.regex_trie import trie_pattern
from factcheck.units import Unit, currency_of

__all__ = ["Amount", "Figure", "Hedge", "scan"]


def scan(text: str) -> Iterator[Figure]:
    """Every figure in ``text``, left to right, with hedges and ranges joined."""
    found = quantities(text)
    previous: Figure | None = None
    i = 0
    while i < len(found):
        figure = found[i]
        before = text[max(0, figure.start - _LOOKBEHIND) : figure.start]
        if i + 1 < len(found):
            joined = _join_range(text, figure, found[i + 1], before)
            if joined is not None:
                figure = joined
                i += 1
        figure = _in_context(text, figure)
        if (
            previous is not None
            and figure.direction is None
            and _RESTATED.fullmatch(text, previous.end, figure.start)
        ):  # "fell $1.20, or 1.4%": the same change restated
            figure = replace(figure, direction=previous.direction)
        yield figure
        previous = figure
        i += 1


_HEDGE_BEFORE = re.compile(
    r"(?:^|(?<=[^\w]))(?P<hedge>" + trie_pattern(HEDGE_WORDS) + r")\s+$",
    re.IGNORECASE,
)
_RANGE_JOINER = re.compile(r"\s*(?P<word>to|–|-|and|至|到)\s*(?P<minus>minus\s+)?", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\b(?P<word>between|from)\s+(?:minus\s+)?$", re.IGNORECASE)
_RESTATED = re.compile(r"(?:\s+[a-z]+){0,2},\s+or\s+")  # "cut 850 jobs, or 6%"
_BY_BEFORE = re.compile(r"\bby\s+$", re.IGNORECASE)
#: Before "from A to B": a verb of change makes it two levels, not a range.
_CHANGE_FROM = re.compile(
    r"\b(?:up|down|rose|fell|risen|fallen|increased|decreased|grew|dropped|climbed|improved"
    r"|declined|jumped|slipped|widened|narrowed|shrank|changed|moved|raised|lowered|cut"
    r"|rising|falling|increasing|climbing|improving|growing|dropping|slipping)"
    r"(?:\s+[\w'’-]+){0,6}\s*$",
    re.IGNORECASE,
)
_SIGN_BEFORE = re.compile(r"(?:^|(?<=[^\w]))(?P<sign>up|down)(?:\s+by)?\s+$", re.IGNORECASE)


_CJK_HEDGE_BEFORE = re.compile("(?P<hedge>" + trie_pattern(CJK_HEDGES_BEFORE) + r")\s*$")
#: "多"/"余" right after the figure; "以上"/"以下" after a measure word, if any.
_CJK_HEDGE_AFTER = re.compile(rf"(?:(?P<hedge>多|余)|[{CJK}]?(?P<hedge2>以上|以下|以内|左右))")
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


def _written_year(text: str, figure: Figure) -> bool:
    """A year as news writes it: four digits, no comma ("2018", not "2,018")."""
    written = text[figure.start : figure.end]
    return len(written) == 4 and written.isdigit() and 1800 <= int(written) <= 2100


def _join_range(text: str, first: Figure, second: Figure, before: str) -> Figure | None:
    gap = text[first.end : second.start]
    joiner = _RANGE_JOINER.fullmatch(gap)
    if joiner is None:
        return None
    if gap in {"-", "–"} and first.unit is None and second.unit is None:
        return None  # "2-2": numbers touching a dash were read as one or left apart already
    word = joiner["word"].lower()
    intro = _BETWEEN_BEFORE.search(before)
    if word == "and" and intro is None:
        return None  # "500 and 68" are two figures
    if intro is not None and intro["word"].lower() == "from":
        earlier = text[max(0, first.start - len(before) + intro.start() - 60) : first.start]
        if _CHANGE_FROM.search(earlier[: len(earlier) - len(before) + intro.start()]):
            return None  # "rose from 62% to 71%": a change from one level to another
    elif word == "to" and _BY_BEFORE.search(before):
        return None  # "fell by 43,000 to 957,000": a change and the level it reached
    elif word == "to" and direction_before(before) and second.high.value > 2 * first.low.value:
        return None  # "dropped 14,000 to 218,000", but "rise 150% to 200%" is a range
    if _written_year(text, first) != _written_year(text, second):
        return None  # "rose 60% in 2018 to 3.9 million"
    if first.measure != second.measure and first.measure is not None:
        return None
    if first.unit is not None and first.unit is not second.unit:
        # "0.5 percent to 3,005.47" is a change and a level; a range names its unit
        # once, at its end ("10 to 15 percent"), or at both ends alike
        return None
    if (first.unit is Unit.DATE) != (second.unit is Unit.DATE):
        return None  # "from 2019 to September 2022": a year and a day are not one range
    low, high = first, second
    if joiner["minus"]:  # "between minus 80 and minus 60": magnitudes, the ends swap
        if not _MINUS_BEFORE.search(before):
            return None
        low, high = second, first
    if high.low.value < low.low.value:
        return None
    start = first.start - len(before) + intro.start() if intro is not None else first.start
    return Figure(
        start, second.end, _scaled_like(text, low, high), high.high, second.unit or first.unit,
        negative=bool(joiner["minus"]), measure=second.measure or first.measure,
    )  # fmt: skip


_SCALE_WORD = re.compile(
    rf"\b(?:{SPACED_SCALES})\b|(?<=\d)(?:{GLUED_SCALES})\b|万亿|百万|亿|万", re.IGNORECASE
)


def _scaled_like(text: str, first: Figure, second: Figure) -> Amount:
    """The low end of a range, in the scale the high end names: "10 to 15 billion" is
    10 billion to 15 billion, "four to five thousand" 4,000 to 5,000. A low end with a
    scale or unit of its own keeps it."""
    scale = _SCALE_WORD.search(text, second.start, second.end)
    if scale is None or first.unit is not None:
        return first.low
    if _SCALE_WORD.search(text, first.start, first.end) is not None:
        return first.low
    factor = SCALE_VALUES.get(" ".join(folded(scale.group(0)).split()))
    if factor is None:
        return first.low
    carried = Amount(first.low.value * factor, second.high.step)
    return carried if carried.value <= second.high.value else first.low


def _in_context(text: str, figure: Figure) -> Figure:
    """The figure with what the words around it say: a hedge before it ("more than",
    超过) or after it ("or more", 以上), a sign ("minus 5 degrees"), and a direction
    ("up 13 percent", "fell by 2.5 percent", "cut its rate by 25 basis points", "a 3%
    drop", "0.8% higher")."""
    base = max(0, figure.start - _LOOKBEHIND)
    before = text[base : figure.start]
    start, hedge = figure.start, figure.hedge
    # Most figures have no word around them: a regular expression is tried only when
    # the last word before the figure (or a Chinese character) could end what it reads.
    last, cjk = _last_word(before)
    h = _HEDGE_BEFORE.search(before) if last in _HEDGE_ENDS else None
    word = folded(h["hedge"]) if h is not None else ""
    if h is not None and word in HEDGE_WORDS and _hedges(word, figure, text, base + h.start()):
        hedge = HEDGE_WORDS[word]
        start = base + h.start("hedge")
        before = before[: h.start("hedge")]
    elif before.endswith("sub-"):  # "sub-7 percent growth"
        hedge, start, before = Hedge.LESS_THAN, figure.start - 4, before[:-4]
    if (
        hedge is None
        and cjk
        and (c := _CJK_HEDGE_BEFORE.search(before)) is not None
        and not (
            c["hedge"] == "近"
            and (figure.unit is Unit.YEARS or text.startswith(("年来", "年间", "年"), figure.end))
        )
    ):  # but 近三年, 近5年来 are "the last three years", "the last five years"
        hedge = CJK_HEDGES_BEFORE[c["hedge"]]
        start = base + c.start("hedge")
        before = before[: c.start("hedge")]
    negative, direction = figure.negative, figure.direction
    year = _written_year(text, figure)
    if start != figure.start:
        last, cjk = _last_word(before)
    s = _SIGN_BEFORE.search(before) if last in _SIGN_ENDS else None
    if s is not None and not _PHRASAL.search(before[: s.start("sign")]):
        start = base + s.start("sign")
        direction = s["sign"].lower()
        negative = direction == "down"
    elif (last in _MINUS_ENDS or cjk) and (minus := _MINUS_BEFORE.search(before)) is not None:
        start, negative = base + minus.start(), True
    elif not year and (change := direction_before(text[max(0, start - 40) : start])) is not None:
        direction, negative = change, figure.negative or change == "down"  # "grew -1.3%"
    elif (last == "by" or last in CUTS) and not year:  # "cut its rate by 25", "cut 400 jobs"
        direction = direction_by(text[max(0, start - _BY_LOOKBEHIND) : start])
    end = figure.end
    after = text[end : end + _LOOKBEHIND]
    spaced = after[:1].isspace()  # most words after a figure follow a space; 多, 以上 do not
    if hedge is None and after[:1] >= "\u3400":
        if (c := _CJK_HEDGE_AFTER.match(after)) is not None:
            hedge, end = CJK_HEDGES_AFTER[c["hedge"] or c["hedge2"]], end + c.end()
    elif hedge is None and spaced and after.lstrip()[:2].lower() in {"or", "an"}:
        e = _HEDGE_AFTER.match(after)
        if e is not None and folded(e["hedge"]) in HEDGES_AFTER:
            hedge, end = HEDGES_AFTER[folded(e["hedge"])], end + e.end()
    if direction is None and (figure.unit is Unit.PERCENT or figure.measure in _POINTS):
        direction = direction_of_rate(text[max(0, start - _BY_LOOKBEHIND) : start])
    if direction is None and spaced and _OFF.match(text, end) and _taken_off(figure):
        direction = "down"  # "two seconds off the record", "5% off", not "50 km off the coast"
    if direction is None and spaced and not year:
        share = figure.unit in _SHARES or figure.measure in _POINTS
        named = _ARTICLE_BEFORE.search(text, max(0, start - 9), start) is not None
        direction = direction_after(text[figure.end : figure.end + _LOOKBEHIND], share, named)
    return Figure(
        start, end, figure.low, figure.high, figure.unit, hedge, negative, direction,
        figure.measure,
    )  # fmt: skip


def _taken_off(figure: Figure) -> bool:
    """Whether "off" after the figure takes it away: a share, money, time or points."""
    unit = figure.unit
    return (
        unit in _SHARES
        or (unit is not None and currency_of(unit) is not None)
        or (figure.measure in _TIMED)
    )


def _last_word(before: str) -> tuple[str, bool]:
    """The word ``before`` ends with, lowercased ("" unless a space follows it), and
    whether it ends with a Chinese character."""
    tail = before.rstrip()
    last = tail.rsplit(None, 1)[-1].lower() if tail and tail != before else ""
    return last.lstrip("([\"'“‘"), tail[-1:] >= "\u3400"


_HEDGE_ENDS = frozenset(h.split()[-1] for h in HEDGE_WORDS)
_SIGN_ENDS = frozenset({"up", "down", "by"})
_MINUS_ENDS = frozenset({"minus", "negative"})
#: Measures of time: "over five years" is a duration, not "more than five years".
_DURATIONS = frozenset({"months", "days", "weeks", "hours", "minutes", "seconds"})
#: A hedge that is a preposition before a duration: "over five years".
_DURATION_PREPOSITIONS = frozenset({"over"})
_MINUS_BEFORE = re.compile(r"(?:\b(?:minus|negative)\s+|零下|负)$", re.IGNORECASE)
_POINTS = frozenset({"basis-points", "points"})
_SHARES = frozenset({Unit.PERCENT, Unit.RATIO})
_TIMED = frozenset({"seconds", "minutes", "hours", "points", "basis-points"})
_OFF = re.compile(r"\s+off\b", re.IGNORECASE)
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|another|the)\s+$", re.IGNORECASE)
_BY_LOOKBEHIND = 60  # characters searched for the verb of "cut its policy rate by"


def _hedges(word: str, figure: Figure, text: str, at: int) -> bool:
    """Whether the hedge word at ``at``, before the figure, bounds it: "by" and "since"
    only a year ("by 2025", not "rose by 1,500"); "over" a duration only where it says
    how long ("was over 15 years", "for over 15 years", "over 15 years old"), not when
    ("over five years, the fund will"); "passed" and "passing" only a large figure
    ("passed 4.5 million", not "passing 16 measures")."""
    if word in _YEAR_ONLY_HEDGES:
        return _written_year(text, figure)
    if word in _DURATION_PREPOSITIONS and (
        figure.unit is Unit.YEARS or figure.measure in _DURATIONS
    ):
        fronted = text.startswith(",", figure.end)  # "Over five years, the fund will …"
        return not fronted and (
            _HOW_LONG_BEFORE.search(text, max(0, at - 12), at) is not None
            or _HOW_LONG_AFTER.match(text, figure.end) is not None
        )
    if word in _LARGE_ONLY:
        return figure.high.value >= 1000 or figure.high.step > 1
    return True


#: Before "over 15 years" (or at the start of a value): how long, so a bound.
_HOW_LONG_BEFORE = re.compile(
    r"(?:^|\b(?:is|was|were|are|be|been|being|for|aged|lasting|lasted|lasts|took|takes))\s*$",
    re.IGNORECASE,
)
_HOW_LONG_AFTER = re.compile(r"\s+(?:old|of\s+age|ago)\b", re.IGNORECASE)
_LARGE_ONLY = frozenset({"passed", "passing"})
