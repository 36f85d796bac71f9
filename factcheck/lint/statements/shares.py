"""Shares: a percentage or a fraction word that one figure of the draft makes of another.

"30 of the 727 firms, 4.1 percent"; "Of the district's 538 ..., 90 ..., 13 percent of
the total"; "1,260 of them, about a third of the city's total"; "That is 7.1 percent of
the list"; "so Chengdu's share came to 63.6 percent"; "Over 80 percent of them, some 250
staff". The whole is the figure the words after "of" name: one written there, one a
pronoun or "the total" points back to, or one described in the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.lint.statements.cues import (
    content_words,
    points_back,
    same_kind,
)
from factcheck.lint.statements.passage import Mention, Passage, noun_key
from factcheck.lint.statements.statement import Category, Reading, Statement, times
from factcheck.units import Unit

__all__ = ["might_state", "read_shares"]

_OF = re.compile(r"\s*(?:of|among)\s+(?P<what>(?:[^,.;:()]|[.,]\d)*)")
#: "of" a whole that a pronoun or a general word stands for.
_POINTING = re.compile(
    r"(?:them|these|those|which|it|all\s*$|all of them|the\s+(?:\w+'s\s+)?(?:national\s+|"
    r"city's\s+|whole\s+)?(?:total|list|lot|whole|number|batch|group|tally|roster|firms|"
    r"companies|enterprises)\b)"
)
_BACK_INSIDE = re.compile(r",\s*(?:that|this|which)\s+(?:is|was|makes|made)\s+(?:\w+\s+)?$")
_PRONOUN = re.compile(r"(?:them|these|those|which|it)\b")
#: Words before a share that make it one without "of": "share came to", "accounting for".
_SHARE_BEFORE = re.compile(
    r"(?:share|proportion|portion)\s+(?:\w+\s+){0,2}(?:came to|was|is|of|stood at|reached|"
    r"to|at|rose to|fell to)\s*$|(?:accounting|accounted|account|accounts)\s+for\s*$"
    r"|(?:making|make|made|makes)\s+up\s*$|(?:representing|represents|represented)\s*$"
)
_DIFFERENCE = re.compile(r"\s*(?:more|fewer|less|higher|lower|additional|new)\b")
_EXCLUDED = re.compile(r"(?:up|down|rise|rose|fell|grew|growth|increase|decrease|by)\s*$")


def _is_share(passage: Passage, m: Mention) -> bool:
    figure = m.figure
    if figure.unit is Unit.RATIO:
        return figure.high.value <= 1
    return (
        figure.unit is Unit.PERCENT
        and figure.direction is None
        and not figure.negative
        and not passage.is_points(m)
        and not _EXCLUDED.search(passage.before(m, 20))
    )


def might_state(passage: Passage) -> bool:
    """A cheap test before reading: a percentage or a fraction word."""
    return any(m.unit in {Unit.PERCENT, Unit.RATIO} for m in passage.mentions)


def read_shares(passage: Passage) -> Iterator[Statement]:
    for share in passage.mentions:
        if not _is_share(passage, share):
            continue
        before = next(passage.earlier(share, 0), None) if share.index else None
        if (
            before is not None and before is not share and before.unit is Unit.PERCENT
            and re.fullmatch(r"\s*,\s*(?:or\s+)?", passage.between(before, share))
        ):  # fmt: skip
            continue  # "31.6 percent, nearly a third": the same share in words
        after = _OF.match(passage.after(share))
        if after is None and not _SHARE_BEFORE.search(passage.before(share, 40)):
            continue
        readings = list(_readings(passage, share, after.group("what") if after else None))
        if readings:
            yield Statement(Category.SHARE, share, tuple(readings))


_RATE = re.compile(r"\s*(?:[a-z\-]+\s+){0,3}?(?:per|each|apiece|a head|for each)\b")


def _counted(passage: Passage, m: Mention) -> bool:
    """A count that can be a part or a whole: not a difference ("210 more") nor a rate
    ("22 patents per company")."""
    after = passage.after(m, 30)
    return m.is_count and not _DIFFERENCE.match(after) and not _RATE.match(after)


def _readings(passage: Passage, share: Mention, what: str | None) -> Iterator[Reading]:
    candidates = [
        m for m in passage.earlier(share, 1)
        if _counted(passage, m) or (m.is_money and not _RATE.match(passage.after(m, 30)))
    ]  # fmt: skip
    own = [m for m in candidates if m.sentence == share.sentence]
    pointing = what is None or bool(_POINTING.match(what.strip()))
    parts = _appositive(passage, share)
    if not _opens_clause(passage, share):
        # "Nearly 90 percent of the firms are manufacturers": the part is not written,
        # unless set off after it ("Over 80 percent of them, some 250 staff, ...").
        parts += [m for m in own if not _named_whole(passage, m)]
        if not parts and (pointing or points_back(passage, share.sentence)):
            parts = [m for m in candidates if m.sentence != share.sentence]
    pronoun = what is not None and bool(_PRONOUN.match(what.strip()))
    wholes = _wholes(passage, share, what, candidates)
    if (pointing and points_back(passage, share.sentence)) or _BACK_INSIDE.search(
        passage.before(share, 40)
    ):
        # "Set against the 8,997 named by then, that is nearly two-fifths of the
        # roster": the part is in the sentence before.
        parts += [m for m in candidates if m.sentence != share.sentence and m not in parts]
    for part in parts:
        for whole in wholes:
            if whole is part or not same_kind(part, whole):
                continue
            if whole.figure.low.value <= part.figure.low.value:
                continue
            named = (  # the whole found by the words after "of", not written there
                what is not None and not _POINTING.match(what.strip()) and whole.start < share.start
            )
            apart = whole.sentence != part.sentence and not pronoun
            if (apart or named) and not _alike(passage, part, whole):
                continue  # "14,600 firms held 327,400 patents ... 11 percent of all patents"
            yield _reading(passage, share, part, whole)


def _alike(passage: Passage, part: Mention, whole: Mention) -> bool:
    """Whether two figures of different sentences count the same kind of thing."""
    a, b = passage.noun(part), passage.noun(whole)
    return a is None or b is None or a == b


def _wholes(
    passage: Passage, share: Mention, what: str | None, candidates: list[Mention]
) -> list[Mention]:
    if what is not None:
        end = share.end + passage.after(share).find(what) + len(what)
        written = [m for m in passage.later(share) if m.end <= end and m.is_count]
        if written:
            return written[:1]
        if not _POINTING.match(what.strip()):
            # "45 percent of the bourse's listings": a figure that counts listings.
            keys = {noun_key(w) for w in content_words(what)}
            return [
                m for m in candidates if passage.noun(m) in keys or _named_before(passage, m, keys)
            ]
    # "of them", "of the total", "share came to": a whole before the share, the
    # partitive "Of the 538 …" or "1,260 of them" first.
    return sorted(candidates, key=lambda m: not _named_whole(passage, m))


def _named_before(passage: Passage, m: Mention, keys: set[str]) -> bool:
    """ "the province's 306 ...", "the list of 727": words just before the figure."""
    words = content_words(passage.before(m, 30))[-3:]
    return any(noun_key(w) in keys for w in words)


def _named_whole(passage: Passage, m: Mention) -> bool:
    """ "Of the 538 …", "563 firms in all", "the list of 727": a figure said to be a whole."""
    before, after = passage.before(m, 25), passage.after(m, 30)
    return bool(
        (
            re.search(r"\bof\s+(?:the\s+)?(?:\w+'s\s+)?$", before)
            and not re.search(r"\b\d", before[-12:])
        )
        or re.match(r"[^,.;]*\b(?:in all|in total|altogether|combined)\b", after)
    )


_CLAUSE_OPENS = re.compile(r"(?:^|[;:]|\b(?:and|but|while|whereas))\s*$")


def _opens_clause(passage: Passage, share: Mention) -> bool:
    start = passage.sentences[share.sentence][0]
    return bool(_CLAUSE_OPENS.search(passage.text[start : share.start].lower()))


def _appositive(passage: Passage, share: Mention) -> list[Mention]:
    """The figure set off right after a share: "Over 80 percent of them, some 250 staff"."""
    return [
        m for m in passage.later(share)
        if m.is_count and re.fullmatch(r"\s*of\s+\w+\s*,\s*", passage.between(share, m))
    ]  # fmt: skip


def _reading(passage: Passage, share: Mention, part: Mention, whole: Mention) -> Reading:
    p, w, s = passage.operand(part), passage.operand(whole), passage.operand(share)
    return Reading(
        p.name, "==", times(w.name, s.name), (p, w, s),
        f"{s.label} is the share {p.label} makes of {w.label}",
    )  # fmt: skip
