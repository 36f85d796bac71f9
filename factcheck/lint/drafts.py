"""Reading a draft: its prose (Markdown's non-prose blanked out), paragraphs, sentences
and suppression comments, with every position still that of the original file.

Masking replaces what is not prose — front matter, fenced and indented code, inline
code, HTML comments and tags, link targets — with spaces (newlines kept), so that an
offset into the masked text is an offset into the file.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from factcheck.findings import Location

__all__ = ["Draft", "Sentence", "Suppression", "read_draft"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^(?P=fence)[ \t]*$|\Z)", re.S | re.M)
_INDENTED_CODE = re.compile(r"(?:(?<=\n\n)|\A)(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>")
_SCRIPT = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|\Z)", re.S | re.I)
_LINK_TARGET = re.compile(r"(?<=\])\([^()\s]*(?:\s+\"[^\"]*\")?\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:[^\n]*$", re.M)
_SUPPRESS = re.compile(r"<!--\s*factcheck:\s*ignore\b(?P<body>.*?)-->", re.S | re.I)
_MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown", ".mkd"}

# A sentence ends at . ! ? followed by space and a capital, a quote or a digit; not after
# the abbreviations news prose uses, and not inside "9.5".
_ABBREVIATIONS = {
    "co",
    "ltd",
    "inc",
    "no",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "vs",
    "u.s",
    "e.g",
    "i.e",
}
#: Characters before a "." searched for an abbreviation: more than the longest, so
#: that a cut word never reads as one.
_ABBREVIATION_WINDOW = 16
#: Longest sentence, in characters; a longer run without a sentence end is cut at spaces.
MAX_SENTENCE = 2_000
#: A line longer than this is shown as a window of it, from ``EXCERPT_BEFORE`` characters
#: before the finding.
EXCERPT_WIDTH = 200
EXCERPT_BEFORE = 60
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*(?=\s+[\"“'‘(]?[A-Z0-9])|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Suppression:
    """``<!-- factcheck: ignore FC301 reason -->``: codes silenced in the next paragraph."""

    codes: tuple[str, ...]
    reason: str
    location: Location
    applies: tuple[int, int]  # the span of text (offsets) it covers


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # index of the paragraph it is in


@dataclass(frozen=True)
class Draft:
    path: str
    text: str  # the file as read
    prose: str  # the same length, non-prose blanked
    paragraphs: tuple[tuple[int, int], ...]
    sentences: tuple[Sentence, ...]
    suppressions: tuple[Suppression, ...]
    problems: tuple[tuple[str, Location], ...]  # malformed suppressions
    date: str | None  # "date:" from front matter, when there is one

    def location(self, start: int, end: int | None = None) -> Location:
        line, column = self.position(start)
        if end is None:
            return Location(self.path, line, column)
        end_line, end_column = self.position(end)
        return Location(self.path, line, column, end_line, end_column)

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def excerpt(self, start: int, end: int) -> tuple[str, int]:
        """The line that ``text[start:end]`` is on, and the column of the excerpt's first
        character: the whole line, or of a long one (minified HTML, a pasted table) the
        ``EXCERPT_WIDTH`` characters from ``EXCERPT_BEFORE`` before ``start``."""
        line = bisect_right(self._line_starts, start)
        first = self._line_starts[line - 1]
        last = self._line_starts[line] - 1 if line < len(self._line_starts) else len(self.text)
        if last - first <= EXCERPT_WIDTH:
            return self.text[first:last], 1
        window = max(first, start - EXCERPT_BEFORE)
        return self.text[window : min(last, max(end, window + EXCERPT_WIDTH))], window - first + 1

    def preceding(self, sentence: Sentence) -> str:
        """The paragraph before ``sentence``, at most ``MAX_SENTENCE`` characters of it,
        where matching looks for a subject named earlier."""
        start = self.paragraphs[sentence.paragraph][0]
        if sentence.start - start > MAX_SENTENCE:
            cut = sentence.start - MAX_SENTENCE
            start = self.prose.find(" ", cut, sentence.start) + 1 or cut
        return self.prose[start : sentence.start]

    @cached_property
    def _line_starts(self) -> list[int]:
        return [0, *(m.end() for m in re.finditer("\n", self.text))]


def _mask(text: str, patterns: list[re.Pattern[str]]) -> str:
    """``text`` with every match of ``patterns`` blanked, in order (newlines kept)."""
    for pattern in patterns:
        text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def mask_markdown(text: str) -> str:
    """``text`` with everything that is not prose replaced by spaces. Blocks go first
    (code fences may hold backticks and comments), then what lies inside lines."""
    return _mask(
        text,
        [_FRONT_MATTER, _FENCE, _SCRIPT, _COMMENT, _INDENTED_CODE, _INLINE_CODE,
         _LINK_TARGET, _REFERENCE, _TAG],
    )  # fmt: skip


def _paragraphs(prose: str) -> list[tuple[int, int]]:
    """Spans of consecutive lines that are not blank, each with its last newline.

    A loop over lines rather than one regular expression: a pattern for "a line with
    something on it" retries from every blank character and is quadratic in a long
    run of spaces."""
    spans = []
    start: int | None = None
    offset = 0
    for line in prose.split("\n"):
        end = offset + len(line) + 1  # past the newline
        if line and not line.isspace():
            start = offset if start is None else start
        elif start is not None:
            spans.append((start, offset))
            start = None
        offset = end
    if start is not None:
        spans.append((start, len(prose)))
    return spans


def _sentences(prose: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, (start, end) in enumerate(paragraphs):
        cursor = start
        for m in _SENTENCE_END.finditer(prose, start, end):
            tail = prose[max(cursor, m.start() - _ABBREVIATION_WINDOW) : m.start()]
            word = re.search(r"(?<![\w.])([\w.]+)$", tail)
            if (
                m.group(0)[0] == "."
                and word
                and word.group(1).lower().rstrip(".") in _ABBREVIATIONS
            ):
                continue
            sentences.extend(_bounded(prose, cursor, m.end(), index))
            cursor = m.end()
        if prose[cursor:end].strip():
            sentences.extend(_bounded(prose, cursor, end, index))
    return sentences


def _bounded(prose: str, start: int, end: int, paragraph: int) -> Iterator[Sentence]:
    """The sentence ``prose[start:end]``, cut at spaces into pieces of at most
    ``MAX_SENTENCE`` characters: matching reads a few words around each figure, and a
    "sentence" of megabytes (a pasted table, minified HTML) must not make it quadratic."""
    while end - start > MAX_SENTENCE:
        cut = prose.rfind(" ", start + 1, start + MAX_SENTENCE) + 1 or start + MAX_SENTENCE
        yield Sentence(start, cut, paragraph)
        start = cut
    yield Sentence(start, end, paragraph)


def _front_matter_date(text: str) -> str | None:
    m = _FRONT_MATTER.match(text)
    if m is None:
        return None
    date = re.search(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2})", m.group(0), re.M)
    if date is None:
        return None
    try:
        datetime.date.fromisoformat(date.group(1))
    except ValueError:
        return None  # "0000-00-00": not a date, so the draft has none (docs/lint.md)
    return date.group(1)


_CODE = re.compile(r"FC\d{1,3}")


def read_draft(path: str, text: str, *, markdown: bool | None = None) -> Draft:
    """Split a draft into what the checks need. ``markdown`` defaults to the suffix."""
    is_markdown = (
        markdown if markdown is not None else any(path.endswith(s) for s in _MARKDOWN_SUFFIXES)
    )
    prose = mask_markdown(text) if is_markdown else _mask(text, [_COMMENT])
    paragraphs = _paragraphs(prose)
    draft = Draft(
        path, text, prose, tuple(paragraphs), tuple(_sentences(prose, paragraphs)), (), (), None
    )
    suppressions, problems = _suppressions(draft, paragraphs)
    return Draft(
        path, text, prose, tuple(paragraphs), draft.sentences, tuple(suppressions),
        tuple(problems), _front_matter_date(text) if is_markdown else None,
    )  # fmt: skip


def _suppressions(
    draft: Draft, paragraphs: list[tuple[int, int]]
) -> tuple[list[Suppression], list[tuple[str, Location]]]:
    found: list[Suppression] = []
    problems: list[tuple[str, Location]] = []
    # Each comment, then whether it is a suppression: searching for the suppression
    # pattern alone would rescan to the end from every unclosed "<!-- factcheck:".
    comments = (
        _SUPPRESS.match(draft.text, c.start(), c.end()) for c in _COMMENT.finditer(draft.text)
    )
    for m in (m for m in comments if m is not None):
        where = draft.location(m.start(), m.end())
        words = m.group("body").split()
        codes = [w.upper() for w in words if _CODE.fullmatch(w.upper())]
        reason = " ".join(w for w in words if not _CODE.fullmatch(w.upper()))
        if not codes:
            problems.append(("names no code (write FC301, or a prefix such as FC3)", where))
            continue
        if not reason:
            problems.append(("gives no reason", where))
            continue
        following = next(((s, e) for s, e in paragraphs if s >= m.end()), (m.end(), m.end()))
        found.append(Suppression(tuple(codes), reason, where, following))
    return found, problems
