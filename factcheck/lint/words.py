"""The words of a draft as matching reads them: tokens with their offsets, plural
endings taken off, and the words that say nothing of what a sentence is about."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

__all__ = [
    "DESCRIBING",
    "GENERIC",
    "STOPWORDS", "UNIT_WORDS", "WORD", "Token", "content", "phrase", "stem", "stems", "tokenize",
    "words",
]  # fmt: skip

WORD = re.compile(r"[a-z0-9]+")  # "Beijing's" is "beijing", "s"
# Words that identify nothing. A tuple, not "...".split(), so that ruff keeps it short.
STOPWORDS = frozenset((
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from", "with", "and",
    "or", "as", "is", "was", "were", "are", "be", "been", "its", "it", "that", "this",
    "which", "their", "his", "her", "they", "them", "than", "more", "less", "over",
    "about", "nearly", "some", "up", "has", "had", "have", "will", "would", "could",
    "there", "these", "those", "into", "per", "s",
))  # fmt: skip
#: Unit and scale words say nothing of what a sentence is about ("163 billion yuan").
UNIT_WORDS = frozenset((
    "percent", "per", "cent", "thousand", "million", "billion", "trillion", "yuan", "rmb",
    "cny", "renminbi", "dollars", "usd", "times", "years", "year", "km",
))  # fmt: skip


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def content(tokens: Iterable[str]) -> set[str]:
    """The words that say what a sentence is about."""
    return {t for t in tokens if t not in STOPWORDS and t not in UNIT_WORDS and not t.isdigit()}


_TOKEN = re.compile(r"[A-Za-z0-9]+")  # as matching.words reads a lowered text


class Token(NamedTuple):
    """A word of a sentence (a tuple: a megabyte of prose makes a million of them)."""

    word: str  # lowered
    start: int
    end: int
    capital: bool  # written with a capital first letter
    gap: str  # the characters between the previous token and this one


#: Words that name no particular thing counted: "45 firms" counts what its clause says.
GENERIC = frozenset((
    "firm", "company", "enterprise", "business", "sme", "player", "one", "entity",
    "member", "name", "winner",
))  # fmt: skip
#: Words that may stand in a counted phrase without saying what is counted.
DESCRIBING = frozenset((
    "local", "new", "more", "such", "other", "specialized", "specialised",
    "sophisticated", "national", "provincial", "level", "key", "small", "medium",
    "sized", "and", "or", "high", "tech", "private", "chinese", "domestic", "state",
    "innovative", "certified", "recognised", "recognized", "qualified", "so", "called",
))  # fmt: skip


def tokenize(text: str) -> list[Token]:
    found: list[Token] = []
    last = 0
    for m in _TOKEN.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        found.append(Token(word.lower(), start, end, word[0].isupper(), text[last:start]))
        last = end
    return found


def phrase(text: str) -> tuple[str, ...]:
    return tuple(t.word for t in tokenize(text))


@lru_cache(maxsize=1 << 16)  # news repeats its words; a hostile draft cannot grow it
def stem(word: str) -> str:
    """A word without its plural ending, so that "batches" names "batch"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stems(text: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in phrase(text))
