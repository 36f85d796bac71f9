"""Parts and sums: figures that add up to a total the draft states.

- a total after its parts: "248, 1,744 and 2,930 firms, totaling 4,922"; "Together the
  three districts account for 3,114" after three sentences' figures; "That made 1,984"
  after "782, 656 and 546"; "Those 37 firms" after "3 national-level and 34 provincial";
  "a company that earns all three can collect 800,000 yuan";
- a remainder: "65 firms ... Fifteen make computers, 10 ... and 7 ... The other 33 ...":
  the whole is the parts and the rest.

How many parts a total adds up is read from the words where they say it ("the three
districts", "all three", "the five batches"); otherwise the list just before the total, or
the figures of the sentence before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import reduce

from factcheck.engine.relations import Term
from factcheck.lint.statements.cues import kind, same_kind
from factcheck.lint.statements.passage import Mention, Passage
from factcheck.lint.statements.statement import Category, Reading, Statement, plus
from factcheck.numwords import words_to_number

__all__ = ["might_state", "read_sums"]

_TOTAL_BEFORE = re.compile(
    r"(?:total(?:l)?(?:ing|ed)|a total of|total of|sum of|add(?:s|ed|ing)? up to|"
    r"account(?:s|ed|ing)? for|collect|(?:make|makes|made|making) up|"
    r"in all|all told)\s*$"
)
#: A running count the paragraph's figures add up to: "the province's count now stands
#: at", "lifts the city's total to", "brings the tally to".
_STOCK = re.compile(
    r"(?:(?:count|total|tally|number) (?:now )?(?:stands|stood|is|was|rises|rose|climbs|"
    r"climbed) (?:at|to)|(?:lifts?|lifted|brings?|brought|bringing|lifting) (?:the|its|their) "
    r"(?:[\w']+ )?(?:total|tally|count|number) to)\s*$"
)
#: "With 10.13 trillion yuan lent to medium-sized firms, credit to SMEs came to ...".
_WITH = re.compile(r"\s*with\b")
_CAME_TO = re.compile(r"\b(?:came|comes|come|amounted|amounts|totaled|totalled)\s+to\s*$")
#: "This year's 10 new institutions joined 61 that were already operating there."
_JOINED = re.compile(
    r"^\s*(?:[\w'-]+\s+){0,4}?(?:joined|join|joining|add(?:ed)? to|on top of)\s+(?:the\s+)?$"
)
_TOTAL_AFTER = re.compile(
    r"\s*(?:[\w-]+\s+){0,3}?(?:in all|in total|altogether|combined|all told)\b"
)
_OPENS = re.compile(
    r"(?:together|in all|altogether|combined|in total|all told|between them|that (?:made|"
    r"makes|gives|gave|brings|brought|puts|put|took|takes)|this (?:made|makes|gives|brings|"
    r"puts)|(?:those|these) (?=\d))\b"
)
_HOW_MANY = re.compile(
    r"\b(?:the|all|those|these|its|their)\s+(?P<n>two|three|four|five|six|seven|eight|nine|ten|"
    r"\d{1,2})\b(?!\s*(?:percent|per cent|%|years?|months?|times))"
)
#: Between the parts of a list: "248, 1,744 and 2,930"; "12 chip makers, 9 software firms".
_LIST = re.compile(r"(?:\s*[\w'’-]+){0,3}?\s*(?:,|,?\s*and|,?\s*plus)\s*(?:[\w'’-]+\s+){0,2}?")
_WHOLE_BEFORE = re.compile(r"\bof\s+(?:the\s+|its\s+|their\s+)?$")
_REMAINDER = re.compile(r"\b(?:the\s+)?(?:other|remaining|rest of the|last)\s*$")
_REACH = 3  # sentences back that a total's parts may be spread over


#: "the three districts", "all three", "the first three batches": how many, not a part.
_COUNTER_BEFORE = re.compile(
    r"\b(?:the|all|those|these|its|their|first|last|top|past|next|other)\s+$"
)


_PER = re.compile(
    r"\s*(?:[a-z\-]+\s+){0,2}?(?:per\s+[a-z]+|apiece|an?\s+(?:day|week|month|year|hour|"
    r"minute|second|head|piece|unit|tonne|ton|share|dollar|euro)\b)"
)


def _addable(passage: Passage, m: Mention) -> bool:
    if _PER.match(passage.after(m, 25)):
        return False  # "141 yen per dollar", "2.81 million tonnes a day": a rate
    if m.figure.direction is not None and re.match(
        r"\s*(?:more|fewer|less|higher|lower)\b", passage.after(m, 12)
    ):  # "two fewer than", a difference
        return False
    if kind(m) == "count":
        words = m.figure.low.step == 0 and not any(c.isdigit() for c in passage.written(m))
        return not (words and _COUNTER_BEFORE.search(passage.before(m, 15)))
    return m.is_money


_CUES = re.compile(
    r"total|together|in all|combined|altogether|all told|other|remaining|rest of|last|join|"
    r"on top of|added to|came to|comes to|amount|those|these|between them|that made|that makes|"
    r"that gives|this makes|count|tally|number|add up|adds up|sum of|account|make up|made up|"
    r"makes up|collect|lift|bring|brought"
)


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a word that marks a total or a remainder."""
    return bool(_CUES.search(passage.lowered))


def read_sums(passage: Passage) -> Iterator[Statement]:
    totals: set[int] = set()
    cued = {
        i for i in range(len(passage.sentences))
        if _CUES.search(passage.sentence_lowered(i))
    }  # fmt: skip
    for m in passage.mentions:
        if m.sentence not in cued:
            continue
        following = _next(passage, m)
        if _REMAINDER.search(passage.before(m, 25)):
            statement = _remainder(passage, m) if _addable(passage, m) else None
        elif following is not None and _JOINED.match(passage.between(m, following)):
            statement = _joined(passage, m, following) if _addable(passage, m) else None
        elif _is_total(passage, m) and _addable(passage, m):
            statement = _total(passage, m, totals)
        else:
            statement = None
        if statement is not None:
            totals.add(m.index)
            yield statement


def _next(passage: Passage, m: Mention) -> Mention | None:
    if m.index + 1 >= len(passage.mentions):
        return None
    following = passage.mentions[m.index + 1]
    return following if following.sentence == m.sentence and same_kind(following, m) else None


def _joined(passage: Passage, new: Mention, old: Mention) -> Statement | None:
    """ "10 new institutions joined 61 already there": together a count the paragraph
    gives for the same thing ("hosts 71 institutions")."""
    noun = passage.noun(new)
    totals = [
        m for m in passage.mentions
        if m is not new and m is not old and same_kind(m, new)
        and abs(m.sentence - new.sentence) <= 1 and m.figure.low.value > old.figure.low.value
        and (noun is None or passage.noun(m) in {noun, None})
    ]  # fmt: skip
    readings = [_reading(passage, t, (new, old)) for t in totals]
    return Statement(Category.SUM, new, tuple(readings)) if readings else None


def _is_total(passage: Passage, m: Mention) -> bool:
    before = passage.before(m, 40)
    if _TOTAL_BEFORE.search(before) or _TOTAL_AFTER.match(passage.after(m, 40)):
        return True
    if _STOCK.search(before):
        return True
    if _CAME_TO.search(before) and _WITH.match(passage.opening(m.sentence)):
        return True
    if not _OPENS.match(passage.opening(m.sentence)):
        return False
    first = next((o for o in passage.in_sentence(m.sentence) if _addable(passage, o)), None)
    return first is m


def _how_many(passage: Passage, total: Mention) -> int | None:
    start = passage.sentences[total.sentence][0]
    clause = passage.text[start : total.end + 40].lower()
    found = _HOW_MANY.search(clause)
    if found is None:
        return None
    n = found.group("n")
    value = int(n) if n.isdigit() else words_to_number([n])
    return int(value) if value is not None else None


def _listed_before(passage: Passage, total: Mention) -> list[Mention]:
    """The list that ends just before the total: "248, 1,744 and 2,930 firms, totaling"."""
    parts: list[Mention] = []
    for m in passage.earlier(total, 0):
        if not same_kind(m, total):
            break
        following = parts[0] if parts else None
        if following is not None and not _LIST.fullmatch(passage.between(m, following)):
            break
        parts.insert(0, m)
    return parts


def _total(passage: Passage, total: Mention, totals: set[int]) -> Statement | None:
    candidates = [
        m for m in passage.earlier(total, _REACH)
        if m is not total and same_kind(m, total) and m.index not in totals
        and _addable(passage, m)
        and not _WHOLE_BEFORE.search(passage.before(m, 12))
    ]  # fmt: skip
    listed = _listed_before(passage, total)
    how_many = _how_many(passage, total)
    groups: list[list[Mention]] = []
    if len(listed) >= 2:
        groups.append(listed)
    elif how_many is not None and 2 <= how_many <= len(candidates):
        groups.append(candidates[:how_many][::-1])
    elif _OPENS.match(passage.opening(total.sentence)):
        previous = [m for m in candidates if m.sentence == total.sentence - 1][::-1]
        if len(previous) >= 2:
            groups.append(previous)
    elif _STOCK.search(passage.before(total, 40)):
        # Every figure of the kind before it, and the nearest k of them.
        groups += [candidates[:k][::-1] for k in range(len(candidates), 1, -1)]
    elif _CAME_TO.search(passage.before(total, 20)) and _WITH.match(
        passage.opening(total.sentence)
    ):
        # "With X lent to medium firms, credit to SMEs came to T" after "... to Y":
        # X and a figure of the sentence before.
        with_part = [m for m in candidates if m.sentence == total.sentence][-1:]
        groups += [
            [m, *with_part] for m in candidates
            if m.sentence == total.sentence - 1 and with_part
        ]  # fmt: skip
    if any(re.match(r"\s*each\b", passage.after(m, 8)) for g in groups for m in g):
        return None  # "contributed 5 billion each": how many times is not written
    groups = [g for g in groups if _alike(passage, g[-1], total)]
    readings = [_reading(passage, total, parts) for parts in groups]
    return Statement(Category.SUM, total, tuple(readings)) if readings else None


def _alike(passage: Passage, part: Mention, total: Mention) -> bool:
    a, b = passage.noun(part), passage.noun(total)
    return part.is_money or a is None or b is None or a == b


def _added(terms: Sequence[Term]) -> Term:
    return reduce(plus, terms)


def _reading(passage: Passage, total: Mention, parts: Sequence[Mention]) -> Reading:
    t = passage.operand(total)
    ops = [passage.operand(p) for p in parts]
    added = _added([o.name for o in ops])
    shown = " + ".join(o.label for o in ops)
    return Reading(t.name, "==", added, (t, *ops), f"{t.label} is the sum {shown}")


def _remainder(passage: Passage, rest: Mention) -> Statement | None:
    """ "The other 33": the whole, less the parts named between it and the rest."""
    before = [
        m for m in passage.earlier(rest, _REACH) if same_kind(m, rest) and _addable(passage, m)
    ]
    if len(before) < 2:
        return None
    first_part = next(
        (
            i
            for i, m in enumerate(before)
            if i + 1 < len(before) and before[i + 1].sentence < m.sentence
        ),
        None,
    )
    if first_part is None:
        return None
    parts = before[: first_part + 1][::-1]
    whole = before[first_part + 1]
    if whole.figure.low.value <= rest.figure.low.value:
        return None
    w, r = passage.operand(whole), passage.operand(rest)
    ops = [passage.operand(p) for p in parts]
    added = _added([o.name for o in (*ops, r)])
    shown = " + ".join(o.label for o in (*ops, r))
    says = f"{w.label} is the sum {shown}"
    return Statement(Category.SUM, rest, (Reading(w.name, "==", added, (w, r, *ops), says),))
