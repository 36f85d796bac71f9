"""What the statement readers share: which figures are of a kind that can be related
(counts with counts, yuan with yuan), the words that point back to an earlier sentence,
and the figures such words can point to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.lint.statements.passage import Mention, Passage
from factcheck.numwords import ORDINALS
from factcheck.units import Unit

__all__ = [
    "BACK",
    "antecedents",
    "content_words",
    "kind",
    "ordinal",
    "points_back",
    "same_kind",
]

#: A sentence that opens with these speaks of what the sentence before said.
BACK = re.compile(
    r"(?:that|this|it|they|their|its|those|these|which|so|thus|such|together|the figure|the total|"
    r"the number|the count|that's|it's|with)\b"
)
_SKIP = frozenset((
    "the", "a", "an", "of", "its", "their", "his", "her", "our", "this", "that", "these",
    "those", "s", "and", "in", "on", "at", "all", "other", "such", "some", "about",
))  # fmt: skip


def kind(mention: Mention) -> str | None:
    """What a figure can be related to: "count", a currency code, "percent"; None for a
    year, a date, a duration or a measure lint does not reason about."""
    if mention.points:
        return "points"
    if mention.is_count:
        return "count"
    unit = mention.unit
    if mention.is_money and unit is not None:
        return unit.value
    if unit is None and mention.figure.measure is not None and not mention.points:
        return f"measure:{mention.figure.measure}"  # "9.85 square kilometers"
    if unit is Unit.PERCENT:
        return "percent"
    return None


def same_kind(a: Mention, b: Mention) -> bool:
    return kind(a) is not None and kind(a) == kind(b)


def points_back(passage: Passage, sentence: int) -> bool:
    """Whether sentence ``sentence`` opens by pointing back ("That is", "Of these")."""
    opening = passage.opening(sentence)
    return bool(BACK.match(opening)) or opening.startswith(("of these", "of them", "of those"))


def antecedents(passage: Passage, mention: Mention, sentences: int = 1) -> Iterator[Mention]:
    """Figures of ``mention``'s kind before it, nearest first, in its sentence and up to
    ``sentences`` before it."""
    for other in passage.earlier(mention, sentences):
        if same_kind(other, mention):
            yield other


def content_words(text: str) -> list[str]:
    """The words of a phrase that say what it is about, lowered."""
    return [w for w in re.findall(r"[a-z]+", text.lower()) if w not in _SKIP and len(w) > 2]


def ordinal(word: str) -> int:
    """ "seventh" or "7th" as a number (``numwords.ORDINALS``); 0 for neither."""
    return ORDINALS.get(word.lower()) or int(re.sub(r"\D", "", word) or 0)
