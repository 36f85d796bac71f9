"""Changes: a figure that says how much one value grew or shrank from another.

- a percentage with a direction: "15.3 billion yuan, up 21 percent from 12.6 billion";
  "rising 82 percent to $27.59 million from $15.2 million"; "risen to 202, an increase of
  89 percent" after the sentence that gave 107; "90 percent more than the 20 it added";
- a multiple: "tripled from A to B"; "from 15 to 39, 2.6 times as many as before"; "reach
  200 by 2027, nearly doubling its count" of the sentence before;
- a difference: "38 new little giants, 13 more than the 25 added in 2021".

The old and new values are found by ``change_pair`` and the words "from", "to" and
"than" around them; where the sentence gives neither, by pointing back to the sentence
before ("That was up 12 percent from 12.6 billion yuan").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from factcheck.lint.statements.cues import antecedents, kind, points_back, same_kind
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import (
    Category,
    Reading,
    Statement,
    constant,
    minus,
    plus,
    times,
)
from factcheck.units import Unit

__all__ = ["change_pair", "is_growth", "might_state", "read_changes"]

_FROM = re.compile(r"\bfrom\s+(?:the\s+)?$")
_TO = re.compile(r"\b(?:to|at|reach|reached|reaching|hit)\s+(?:the\s+)?$")
_THAN = re.compile(
    r"\s*(?:more|fewer|less|higher|lower|larger|smaller|up|down)?\s*than\s+(?:the\s+|its\s+|their\s+)?$"
)
_AGAIN = re.compile(
    r"as (?:many|much|large|big|high) as (?:before|previously|a year (?:earlier|ago)|last year)"
    r"|\b(?:doubl|tripl|quadrupl|fold)"
)


#: Between a new value and the old one after it: "27.4 percent of investment, up from".
_BACK_FROM = re.compile(
    r"(?:[^.;]|\.\d){0,60}?,?\s*(?:up|down|rising|falling|rose|fell)?\s*"
    r"(?:from|compared with|against)\s+"
)


def change_pair(
    passage: Passage, sentence: int, after: Mention | None = None
) -> tuple[Mention, Mention] | None:
    """The old and new value a sentence states a change between: "from A to B", "to B
    from A", "B, up from A", "B, compared with A"; the first after ``after``, if given
    ("slipped 0.7 points to 22.3 percent from 23 percent, while Tesla's fell 4.9 points
    to 18.4 percent from 23.3 percent")."""
    figures = [
        m for m in passage.in_sentence(sentence)
        if kind(m) is not None and (after is None or m.start > after.start)
    ]  # fmt: skip
    for a, b in itertools.pairwise(figures):
        if not same_kind(a, b):
            continue
        gap = passage.between(a, b)
        if _FROM.search(passage.before(a, 12)) and re.fullmatch(r"\s*(?:in \d{4}\s*)?to\s+", gap):
            return a, b
        if _BACK_FROM.fullmatch(gap):
            return b, a
    return None


def is_growth(passage: Passage, multiple: Mention) -> bool:
    """Whether a multiple says how a value grew: "tripled", "2.6 times as many as
    before", "a fivefold increase"."""
    return bool(
        multiple.figure.direction
        or _AGAIN.search(passage.text[multiple.start : multiple.end + 40].lower())
    )


#: A percentage that is a change without a word of direction at it: "Growth of nearly
#: 130 percent", "an increase of 47 percent".
_CHANGE_NOUN = re.compile(
    r"\b(?:growth|increase|rise|jump|gain|surge|expansion|decline|decrease|drop|fall|"
    r"contraction)\s+of\s+$"
)
_CHANGE_NOUN_ANYWHERE = re.compile(_CHANGE_NOUN.pattern.replace("\\s+$", "\\b"))
_FALL_NOUN = re.compile(r"\b(?:decline|decrease|drop|fall|contraction)\s+of\s+$")


def _direction(passage: Passage, m: Mention) -> str | None:
    if m.figure.direction:
        return m.figure.direction
    before = passage.before(m, 30)
    if _CHANGE_NOUN.search(before):
        return "down" if _FALL_NOUN.search(before) else "up"
    return None


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a figure with a direction, a multiple, or a noun of
    change ("growth of")."""
    return any(m.figure.direction or m.unit is Unit.TIMES for m in passage.mentions) or bool(
        _CHANGE_NOUN_ANYWHERE.search(passage.lowered)
    )


def read_changes(passage: Passage) -> Iterator[Statement]:
    for m in passage.mentions:
        figure = m.figure
        if figure.unit is Unit.PERCENT and _direction(passage, m) and not passage.is_points(m):
            statement = _percent(passage, m)
        elif figure.unit is Unit.TIMES and is_growth(passage, m):
            statement = _multiple(passage, m)
        elif m.is_count and figure.direction and _THAN.match(passage.after(m, 20)):
            statement = _difference(passage, m)
        else:
            statement = None
        if statement is not None:
            yield statement


def _values(passage: Passage, change: Mention) -> list[tuple[Mention, Mention]]:
    """(old, new) candidates for a change figure, the likeliest first: "from A" or "than
    A" gives the old value, "to B" the new; "B, up P percent from A" has the new value
    before the change. A sentence that gives neither but points back ("That is 5
    percent higher than a year earlier") relates the pair of the sentence before."""
    after = [m for m in passage.later(change) if kind(m) is not None][:2]
    before = [m for m in passage.earlier(change, 0) if kind(m) is not None]
    # The old value right after the change ("up 12 percent from 12.6 billion"), or after
    # its new value ("rising 82 percent to $27.59 million from $15.2 million"), or before.
    after_to = after[1:] if after and _TO.search(passage.before(after[0], 12)) else []
    old = next(
        (
            m for m in (*after[:1], *after_to, *before)
            if _FROM.search(passage.before(m, 12)) or _THAN_BEFORE.search(passage.before(m, 30))
        ),
        None,
    )  # fmt: skip
    new = next(
        (m for m in (*after, *before) if _TO.search(passage.before(m, 12)) and m is not old), None
    )
    if old is not None and new is None:
        new = next((m for m in before if same_kind(m, old) and m is not old), None)
    if old is not None and new is None and points_back(passage, change.sentence):
        # "That was up 12 percent from 12.6 billion yuan": the new value is the
        # sentence before's.
        new = next((m for m in antecedents(passage, old, 1) if m.sentence < old.sentence), None)
    if old is not None and new is not None:
        return [(old, new)] if same_kind(old, new) else []
    sentence = passage.sentence_lowered(change.sentence)
    if new is not None and not _FROM.search(sentence) and _SAME_QUANTITY.search(sentence):
        # "By March the figure had risen to 202, an increase of 89 percent": the old
        # value is in the sentence before.
        return [(o, new) for o in antecedents(passage, new, 1) if o.sentence < new.sentence][:3]
    if new is None and points_back(passage, change.sentence) and change.sentence > 0:
        pair = change_pair(passage, change.sentence - 1)
        if pair is not None:
            return [pair]
    return []


_THAN_BEFORE = re.compile(
    r"\b(?:than|above|below|over)\s+(?:the\s+|its\s+|their\s+|that\s+of\s+)?(?:[\w'’]+\s+){0,2}$"
)
#: Words that say a sentence continues the quantity of the one before: "the figure had
#: risen to 202".
_SAME_QUANTITY = re.compile(
    r"\b(?:the|that|this|its|their)\s+(?:figure|number|count|total|tally|tallies)\b|"
    r"^\s*(?:it|that|this|they)\b"
)


def _percent(passage: Passage, change: Mention) -> Statement | None:
    readings = []
    for old, new in _values(passage, change):
        o, n, p = passage.operand(old), passage.operand(new), passage.operand(change)
        down = _direction(passage, change) == "down"
        factor = minus(constant(1), p.name) if down else plus(constant(1), p.name)
        word = "fall" if down else "rise"
        readings.append(
            Reading(
                n.name,
                "==",
                times(o.name, factor),
                (o, n, p),
                f"{p.label} is the {word} from {o.label} to {n.label}",
            )
        )
    return Statement(Category.CHANGE, change, tuple(readings)) if readings else None


def _multiple(passage: Passage, change: Mention) -> Statement | None:
    pairs = _values(passage, change)
    readings = []
    for old, new in pairs:
        o, n, t = passage.operand(old), passage.operand(new), passage.operand(change)
        readings.append(
            Reading(
                n.name,
                "==",
                times(o.name, t.name),
                (o, n, t),
                f"{t.label} is how many times {o.label} {n.label} is",
            )
        )
    return Statement(Category.CHANGE, change, tuple(readings)) if readings else None


def _difference(passage: Passage, change: Mention) -> Statement | None:
    """ "38 …, 13 more than the 25 …": the figures either side of the difference."""
    than = next((m for m in passage.later(change) if m.is_count), None)
    new = next((m for m in passage.earlier(change, 0) if m is not change and m.is_count), None)
    if than is None or new is None or not _THAN_BEFORE.search(passage.before(than, 30)):
        return None
    if passage.between(change, than).count(",") or len(passage.between(change, than)) > 40:
        return None
    o, n, d = passage.operand(than), passage.operand(new), passage.operand(change)
    down = change.figure.direction == "down"
    gap = minus(o.name, n.name) if down else minus(n.name, o.name)
    word = "fewer" if down else "more"
    return Statement(
        Category.CHANGE, change,
        (Reading(gap, "==", d.name, (o, n, d), f"{n.label} is {d.label} {word} than {o.label}"),),
    )  # fmt: skip
