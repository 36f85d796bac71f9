"""Where a quote or a value stands in a text: whitespace normalised, whole words only,
and, when a quote is not there, where it parts from the text (FC105, FC107)."""

from __future__ import annotations

import unicodedata

__all__ = ["as_written", "normalise_space", "where_it_differs", "written_in"]


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def where_it_differs(quote: str, text: str, composed: str) -> str:
    """What a message says of where a quote not found in ``text`` parts from it: the
    first character after the longest prefix that is there (with code points where
    they are not plain ASCII), and whether only Unicode normalisation separates them
    (``composed`` is ``text`` in NFC)."""
    same_once_normalised = unicodedata.normalize("NFC", quote) in composed
    matched = longest_matching_prefix(quote, text)
    if matched < 10 and not same_once_normalised:
        return ""  # a short prefix is found anywhere: it says nothing
    start = text.find(quote[:matched]) + matched
    detail = (
        f"; the first {matched} characters match, then the quote has "
        f"{_shown(quote[matched : matched + 30])} where the source has "
        f"{_shown(text[start : start + 30])}"
    )
    if same_once_normalised:
        detail += (
            " (the same text once Unicode-normalised: one of them writes accented letters "
            "as a letter and a combining mark; copy the quote again, or normalise to NFC)"
        )
    return detail


def _shown(piece: str) -> str:
    """A piece of text for a message, with the code points of its first character when
    it is not plain ASCII (a combining mark, a look-alike, an invisible space)."""
    if not piece:
        return "the end of the text"
    first = piece[0]
    cluster = first + "".join(
        c for c in piece[1:3] if unicodedata.combining(c)
    )  # a letter and its marks
    shown = repr(piece.rstrip() or piece)
    if cluster.isascii() and cluster.isprintable():
        return shown
    points = " ".join(f"U+{ord(c):04X}" for c in cluster)
    return f"{shown} ({points} first)"


def longest_matching_prefix(quote: str, text: str) -> int:
    """Length of the longest prefix of ``quote`` found in ``text`` (binary search)."""
    low, high = 0, len(quote)
    while low < high:
        middle = (low + high + 1) // 2
        if quote[:middle] in text:
            low = middle
        else:
            high = middle - 1
    return low


def as_written(value: str, quote: str) -> str:
    """How to write a bare number the quote writes with separators: ``value: 1000``
    (YAML reads it as a number) for "1,000" in the quote."""
    if not value.isdigit() or len(value) < 4 or len(value) > 30:
        return ""
    written = f"{int(value):,}"
    if not written_in(written, quote):
        return ""
    fix = f'value: "{written}"'
    return f", which writes it {written!r}: write the value as the source does, {fix}"


def written_in(value: str, quote: str) -> bool:
    """``value`` stands in ``quote`` as whole words: "50" is not written in "500"."""
    at = quote.find(value)
    while at >= 0:
        end = at + len(value)
        clear_before = not value[:1].isalnum() or at == 0 or not is_word(quote[at - 1])
        clear_after = not value[-1:].isalnum() or end == len(quote) or not is_word(quote[end])
        if clear_before and clear_after:
            return True
        at = quote.find(value, at + 1)
    return False


def is_word(character: str) -> bool:
    return character.isascii() and character.isalnum()
