"""Order and rank: a figure said to lead, or to outweigh others, must be at least as
large as the figures it is said to lead.

- "led with 1,260, ahead of Nanshan with 1,087 and Longhua with 767"; "had the most,
  212, followed by Shandong with 200"; "form the largest group with 15, ahead of ...";
  "807 companies, more than any other province. Zhejiang followed with 398";
- "890 of them, more than all the province's other cities put together": more than the
  whole less itself;
- "ranked seventh ... Only Shanghai, Shenzhen, Beijing, Guangzhou, Hangzhou and Nanjing
  placed higher": one more than the places named above it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from fractions import Fraction

from factcheck.figure_model import Amount, Figure
from factcheck.lint.statements.cues import content_words, ordinal, points_back, same_kind
from factcheck.lint.statements.passage import Mention, Operand, Passage, noun_key
from factcheck.lint.statements.statement import Category, Reading, Statement, constant, minus
from factcheck.units import Unit

__all__ = ["might_state", "read_ranks"]

_LEADS = re.compile(
    r"\b(?:led|leads|leading|topped|tops|the most|the largest|the biggest|the highest|"
    r"largest|biggest|highest|first place|ranked first|came first|more than any other|"
    r"most of any)\b"
)
#: Between a leader and a figure it leads: "ahead of Nanshan with", "followed by
#: Shandong with", "and Longhua with".
_FOLLOWS = re.compile(
    r"\b(?:ahead of|followed by|trailed by|before|then|second|third|next)\b[^.;]{0,80}?"
    r"\bwith\s*$|\bfollowed with\s*$"
)
_NEXT_FOLLOWS = re.compile(
    r"^[^.;]{0,40}?\b(?:followed|trailed|(?:came|was|ranked|placed|finished|stood)\s+"
    r"(?:a\s+)?(?:close\s+|distant\s+)?(?:second|third|next))\b"
)
_ALL_OTHERS = re.compile(
    r"\bmore\b[^.;]{0,40}?\bthan\s+all\s+(?:of\s+)?(?:the\s+)?(?:[\w']+\s+){0,3}?other\b[^.;]{0,40}?"
    r"\b(?:combined|put together|together)\b"
)
_ORDINAL = re.compile(
    r"\b(?:ranked|ranks|ranking|placed|came|stood)\s+(?P<n>first|second|third|fourth|fifth|"
    r"sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))\b"
)
_HIGHER = re.compile(
    r"^\s*(?i:only)\s+(?P<names>[A-Z][^.;]*?)\s+(?:placed|ranked|came|were|was|stood|scored)\s+"
    r"(?:higher|above|ahead|better)\b"
)


#: A figure set below the one before it: "overtaking Tesla's 564,000", "ahead of the
#: west with 8.83 percent".
_BEATS = re.compile(
    r"\b(?:overtaking|overtook|overtakes|beating|beat|beats|surpassing|surpassed|surpasses|"
    r"outselling|outsold|outstripping|outstripped|topping|ahead of)\s+(?:[\w'’&.-]+\s+){0,4}?$"
)
#: A figure set above the one the sentence is about: "behind only the 814,000 sold".
_BEHIND = re.compile(
    r"\b(?:behind|trailing|second only to)\s+(?:only\s+)?(?:the\s+)?(?:[\w'’]+\s+){0,2}?$"
)


#: What a sentence that states an order says: the words the patterns below look for.
_ORDER_WORDS = re.compile(
    r"\b(?:led|leads|leading|topped|tops|most|largest|biggest|highest|first|more than any|"
    r"ahead|followed|trailed|overt\w*|beat\w*|surpass\w*|outs\w*|outstrip\w*|topping|behind|"
    r"second|third|next)\b"
)


def _counter(passage: Passage, m: Mention) -> bool:
    """ "second only to one other city", "the top three": a number in words that counts
    places, not a figure to order."""
    return m.figure.low.value <= 10 and not any(c.isdigit() for c in passage.written(m))


def _ordered(m: Mention) -> bool:
    return m.is_count or m.is_money or (m.unit is Unit.PERCENT and not m.points)


_CUES = re.compile(
    r"led|lead|ahead|follow|trail|most|largest|biggest|highest|first|more than any|overt|"
    r"beat|surpass|outs|topp|behind|second|third|rank|place|combined|put together|higher|"
    r"fastest|slowest|greatest|smallest|lowest|least|than any other"
)


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a word of order."""
    return bool(_CUES.search(passage.lowered))


def read_ranks(passage: Passage) -> Iterator[Statement]:
    # Sentences with a word of order, and those after one (a follower there).
    ordering = {
        i for i in range(len(passage.sentences))
        if _ORDER_WORDS.search(passage.sentence_lowered(i))
    }  # fmt: skip
    for m in passage.mentions:
        if m.sentence not in ordering and m.sentence - 1 not in ordering:
            continue
        if not _ordered(m) or m.figure.direction or _counter(passage, m):
            continue
        clause = passage.before(m, 50) + " " + passage.after(m, 90)
        yield from _leads(passage, m, leads=bool(_LEADS.search(clause)))
        behind = _BEHIND.search(passage.before(m, 40))
        if behind is not None:
            statement = _behind(passage, m)
            if statement is not None:
                yield statement
    for number in range(len(passage.sentences)):
        others = _ALL_OTHERS.search(passage.sentence_lowered(number))
        if others is not None:
            statement = _more_than_rest(passage, number, others)
            if statement is not None:
                yield statement
    yield from _ordinals(passage)
    yield from _superlatives(passage)


def _leads(passage: Passage, leader: Mention, *, leads: bool) -> Iterator[Statement]:
    """The leader against each figure said to follow it: in its sentence ("ahead of
    Nanshan with 1,087", "overtaking Tesla's 564,000"), or, when it is said to lead,
    the first of the next sentence ("Zhejiang followed with 398")."""
    followers = [
        m for m in passage.later(leader, 1)
        if same_kind(m, leader) and m.figure.direction is None and not m.figure.hedge
        and (
            (m.sentence == leader.sentence and _follows(passage, leader, m))
            or (leads and m.sentence == leader.sentence + 1
            and _NEXT_FOLLOWS.match(passage.sentence_text(m.sentence))
            and passage.in_sentence(m.sentence)[0] is m)
        )
    ]  # fmt: skip
    for follower in followers:
        if re.search(r"\b(?:in all|in total|of the|all told)\b", passage.after(follower, 15)):
            continue
        a, b = passage.operand(leader), passage.operand(follower)
        says = f"{a.label} leads {b.label}"
        reading = Reading(a.name, ">=", b.name, (a, b), says)
        yield Statement(Category.RANK, leader, (reading,))
        if follower.sentence != leader.sentence:  # "Baosteel came second with ...": said
            yield Statement(Category.RANK, follower, (reading,))  # in both sentences


def _follows(passage: Passage, leader: Mention, m: Mention) -> bool:
    """Whether ``m`` is said to come after ``leader`` in its sentence; a figure of the
    kind between them must be one too ("ahead of Nanshan with 1,087 and Longhua with")."""
    between = passage.between(leader, m)
    if not (_FOLLOWS.search(between) or _BEATS.search(between)):
        return False
    return all(
        _FOLLOWS.search(passage.between(leader, o)) or _BEATS.search(passage.between(leader, o))
        for o in passage.mentions
        if leader.start < o.start < m.start and same_kind(o, m)
    )


def _behind(passage: Passage, ahead: Mention) -> Statement | None:
    """ "It was the second-best month on record, behind only the 814,000 sold in
    December": the sentence's own figure, or the one it points back to, is below."""
    own = [m for m in passage.earlier(ahead, 0) if same_kind(m, ahead)]
    if not own and points_back(passage, ahead.sentence):
        own = (
            [m for m in passage.in_sentence(ahead.sentence - 1) if same_kind(m, ahead)][:1]
            if ahead.sentence
            else []
        )
    if not own:
        return None
    a, b = passage.operand(own[0]), passage.operand(ahead)
    says = f"{a.label} is behind {b.label}"
    return Statement(Category.RANK, ahead, (Reading(a.name, "<=", b.name, (a, b), says),))


def _more_than_rest(passage: Passage, number: int, words: re.Match[str]) -> Statement | None:
    """ "890 of them, more than all the other cities put together": more than the whole
    less itself. The part is the first figure of the sentence, or else of the paragraph
    ("Xiamen has 144 ... Fujian has 288. That leaves Xiamen with more than all other
    Fujian cities combined"); the whole the largest of its kind before the words."""
    start = passage.sentences[number][0]
    own = [m for m in passage.in_sentence(number) if m.is_count]
    firsts = own[:1] or [m for m in passage.mentions if m.is_count][:1]
    if not firsts:
        return None
    part = firsts[0]
    wholes = [
        m for m in passage.mentions
        if m is not part and same_kind(m, part) and m.start < start + words.start()
        and m.figure.low.value > part.figure.low.value
    ]  # fmt: skip
    if not wholes:
        return None
    whole = max(wholes, key=lambda m: m.figure.low.value)
    a, w = passage.operand(part), passage.operand(whole)
    says = f"{a.label} is more than the rest of {w.label}"
    anchor = part
    if part.sentence != number:  # reported where the words are
        span = Figure(start + words.start(), start + words.end(), part.figure.low, part.figure.high)
        anchor = Mention(span, number, -1000 - number)
    return Statement(
        Category.RANK, anchor, (Reading(a.name, ">", minus(w.name, a.name), (a, w), says),)
    )


def _ordinals(passage: Passage) -> Iterator[Statement]:
    for number in range(len(passage.sentences) - 1):
        start = passage.sentences[number][0]
        ranked = _ORDINAL.search(passage.sentence_text(number))
        higher = _HIGHER.match(passage.sentence_text(number + 1))
        if ranked is None or higher is None:
            continue
        n = ranked.group("n")
        value = ordinal(n)
        names = [
            x for x in re.split(r",\s*(?:and\s+)?|\s+and\s+", higher.group("names")) if x.strip()
        ]
        at = start + ranked.start("n")
        figure = Figure(
            at, at + len(n), Amount(Fraction(value)), Amount(Fraction(value)), Unit.RANK
        )
        mention = Mention(figure, number, -1 - number)
        rank = Operand(mention, Unit.RANK, f"'{n}'")
        says = f"{rank.label} is one below the {len(names)} places named higher"
        right = constant(len(names) + 1, f"{len(names)} + 1")
        yield Statement(Category.RANK, mention, (Reading(rank.name, "==", right, (rank,), says),))


#: "Communication equipment was the fastest-growing of the three", "Russia posted
#: faster growth than any other partner named", "the number of deals fell most steeply".
_SUPERLATIVE = re.compile(
    r"\b(?P<word>fastest|biggest|largest|highest|greatest|most|slowest|smallest|lowest|least)"
    r"\b|\b(?P<than>faster|larger|bigger|higher|more|slower|smaller|lower|less)\b[^.;]{0,30}?"
    r"\bthan any other\b"
)
_DOWNWARD = frozenset(
    ("slowest", "smallest", "lowest", "least", "slower", "smaller", "lower", "less")
)
_SUBJECT_STOP = re.compile(
    r"\b(?:was|is|were|are|posted|form|forms|formed|fell|rose|grew|had|has|made|make|"
    r"the|thus|of|after|in)\b"
)


def _superlatives(passage: Passage) -> Iterator[Statement]:
    """A sentence without figures of its own that calls one of the things before it the
    largest (or fastest, or the one that fell most): its figure is at least each of the
    others of its kind listed with it."""
    for number in range(1, len(passage.sentences)):
        if any(not _counter(passage, m) for m in passage.in_sentence(number)):
            continue  # its own figures: "the most, 212, followed by ..." is read above
        lowered = passage.sentence_lowered(number)
        found = _SUPERLATIVE.search(lowered)
        if found is None:
            continue
        word = found.group("word") or found.group("than")
        downward = word in _DOWNWARD
        subject = lowered[: found.start()] + " " + lowered[found.end() :]
        keys = {noun_key(w) for w in content_words(_SUBJECT_STOP.sub(" ", subject))}
        before = [
            m for m in passage.mentions
            if number - 2 <= m.sentence < number and _ordered(m)
        ]  # fmt: skip
        scores = [(len(keys & _said_of(passage, m)), m) for m in before]
        best = max((score for score, _ in scores), default=0)
        named = [m for score, m in scores if score == best and score > 0]
        if len(named) != 1:
            continue  # none or several alike: who is meant is not clear
        top = named[0]
        others = [
            m for m in before if m is not top and m.sentence == top.sentence and same_kind(m, top)
        ]
        if len(others) < 1:
            continue
        a = passage.operand(top)
        op = "<=" if downward else ">="
        for other in others:
            b = passage.operand(other)
            says = f"{a.label}, said to be the {word}, against {b.label}"
            anchor = Figure(
                passage.sentences[number][0] + found.start(),
                passage.sentences[number][0] + found.end(),
                top.figure.low,
                top.figure.high,
            )
            mention = Mention(anchor, number, -2000 - number)
            yield Statement(Category.RANK, mention, (Reading(a.name, op, b.name, (a, b), says),))


def _said_of(passage: Passage, m: Mention) -> set[str]:
    """The words said of a figure in its own clause: "communication equipment 8.2
    percent" → {"communication", "equipment"}."""
    before = re.split(r"[,;:]|\band\b|\bwhile\b", passage.before(m, 50))[-1]
    after = re.split(r"[,;:]|\.(?!\d)|\band\b", passage.after(m, 40))[0]
    return {noun_key(w) for w in content_words(before + " " + after)}
