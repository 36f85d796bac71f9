"""JSON and TOML a person wrote (configurations, baselines): the text of the file, and
the place to name when a parser gives up without one.

``json`` and ``tomllib`` recurse once per level of nesting, so deep nesting ends in a
``RecursionError``, and Python refuses to read an integer of more than 4,300 digits
(a ``ValueError`` that tells the user to call ``sys.set_int_max_str_digits()``). Neither
says where. ``deep_nesting`` and ``long_number`` find the place afterwards, so they
cost nothing on the files that parse; ``shortened`` keeps a value of thousands of
characters out of a message.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal

__all__ = [
    "MAX_DEPTH",
    "decode_error_place",
    "deep_nesting",
    "line_and_column",
    "long_number",
    "shortened",
    "utf8_text",
]

#: The nesting named in a message when a parser ran out of stack: far above what a
#: configuration or baseline needs (three levels), far below where Python's recursion
#: limit stops ``json`` (about 900 levels) and ``tomllib`` (about 300 inline tables).
MAX_DEPTH = 100

# Tokens that matter for nesting: strings and comments (whose brackets do not count) and
# brackets. Possessive repeats and optional closers: an unclosed string ends at the end
# of its line or of the file, never by backtracking.
_TOML_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*+(?:"""|\Z)'
    r"|'''(?:[^']|'(?!''))*+(?:'''|\Z)"
    r'|"(?:[^"\\\n]|\\[^\n])*+"?'
    r"|'[^'\n]*+'?"
    r"|#[^\n]*+"
    r"|[\[\]{}]",
    re.S,
)
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*+"?|[\[\]{}]', re.S)
_DIGITS = re.compile(r"[0-9][0-9_]*")


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``text[index]``."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def utf8_text(raw: bytes) -> str:
    """``raw`` as UTF-8 text, a byte-order mark dropped (as editors on Windows write
    it); ``UnicodeDecodeError`` otherwise, its ``start`` counted in ``raw``."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        skipped = len(raw) - len(body)
        raise UnicodeDecodeError(
            exc.encoding, raw, exc.start + skipped, exc.end + skipped, exc.reason
        ) from None


def decode_error_place(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, int]:
    """Line and column (in characters) of the first byte that is not UTF-8."""
    before = raw[: exc.start].removeprefix(codecs.BOM_UTF8).decode("utf-8", errors="replace")
    return line_and_column(before + "?", len(before))


def deep_nesting(
    text: str, syntax: Literal["json", "toml"], limit: int = MAX_DEPTH
) -> tuple[int, int] | None:
    """Line and column of the first bracket that opens more than ``limit`` levels deep
    (arrays and tables; brackets in strings and comments do not count), or ``None``."""
    tokens = _JSON_TOKENS if syntax == "json" else _TOML_TOKENS
    depth = 0
    for token in tokens.finditer(text):
        kind = token.group()
        if kind in ("[", "{"):
            depth += 1
            if depth > limit:
                return line_and_column(text, token.start())
        elif kind in ("]", "}"):
            depth = max(depth - 1, 0)
    return None


def long_number(text: str, digits: int) -> tuple[int, int, int] | None:
    """Line, column and length of the first run of more than ``digits`` digits
    (underscores between them, as TOML allows, not counted), or ``None``."""
    for run in _DIGITS.finditer(text):
        count = len(run.group()) - run.group().count("_")
        if count > digits:
            return (*line_and_column(text, run.start()), count)
    return None


def shortened(value: object, limit: int = 40) -> str:
    """``repr(value)`` for a message, cut to about ``limit`` characters: a number of
    5,000 digits is shown as its first digits and its length."""
    if isinstance(value, int) and not isinstance(value, bool):
        sign = "-" if value < 0 else ""
        if value.bit_length() >= 14_000:  # past what str() converts (4,300 digits)
            return f"{sign}a number of about {value.bit_length() * 0.30103:,.0f} digits"
        digits = str(abs(value))
        if len(digits) > limit:
            return f"{sign}{digits[:12]}… ({len(digits):,} digits)"
        return repr(value)
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 1]}… ({len(text):,} characters)"
