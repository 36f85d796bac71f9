"""One regular expression for a set of words, shaped as a trie.

Python's ``re`` tries the branches of ``one|two|three|…`` one after another at every
position; the figure grammar has alternations of a hundred words (number words,
currency codes, names), so scanning spent most of its time there. As a trie,
``t(?:en|h(?:irty|ree)|w(?:elve|o))``, a position that starts no word fails on its
first character, and one that does follows a single path. The language matched is the
same; among words that are prefixes of one another the longest is tried first. The
trie is retrie's (docs/architecture.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrie.trie import Trie

__all__ = ["trie_pattern", "word_starts"]


def trie_pattern(words: Iterable[str]) -> str:
    """A regular expression (no groups) that matches exactly ``words``, literally."""
    pattern: str = Trie().add(*words).pattern()
    return pattern or "(?!)"


_ESCAPE = re.compile(r"\\.")  # \s, \b, \. … : no letter of a word
_OPTIONAL = re.compile(r".[?*]")  # "dollars?": the s may be missing
_RUN = re.compile(r"[^\W\d_]+")


def word_starts(patterns: Iterable[str], symbols: str, length: int = 3) -> str:
    """A quick test for ``(?:p1|p2|…)``: an expression that every text one of the
    ``patterns`` matches starts with (after spaces), and few others do.

    Its words are the literal runs of letters in the patterns' source, read both with
    and without the characters marked optional ("k?cal": "kcal" and "cal"; "u\\.?s\\.?":
    "us" and "u", "s"): a run of ``length`` letters or more stands for any word it
    begins, a shorter one for itself as a whole word ("ha", "x" in "5x"; Chinese, which
    touches the next word, always as a beginning: 吨至). Besides
    them, one of ``symbols``: the characters other than letters a pattern may start
    with ("%", "-fold"). A pattern whose first word is spelled by a character class
    ("[a-z]") is not covered: the tables it serves are of words, and
    tests/test_regex_trie.py holds the test to every unit's spellings."""
    runs: set[str] = set()
    for pattern in patterns:
        plain = _ESCAPE.sub(" ", pattern)
        for literal in (_OPTIONAL.sub("", plain), plain.replace("?", "").replace("*", "")):
            runs.update(run.lower() for run in _RUN.findall(literal))
    whole = {run for run in runs if len(run) < length and run.isascii()}  # "ha", not 吨
    prefixes = trie_pattern({run[:length] for run in runs - whole})
    words = trie_pattern(whole)
    return rf"\s*(?:{prefixes}|(?:{words})(?![^\W\d_])|[{re.escape(symbols)}])"
