"""Reading a draft: its prose (Markdown's non-prose blanked out, see
``factcheck.lint.markdown``), paragraphs, sentences and suppression comments, with every
position still that of the original file.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from factcheck.findings import Location
from factcheck.lint.markdown import Masked, mask_markdown, mask_plain

__all__ = ["Draft", "Sentence", "Suppression", "read_draft"]

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


def _blocks(
    paragraphs: list[tuple[int, int]], breaks: tuple[int, ...]
) -> Iterator[tuple[int, int, int]]:
    """Each paragraph (its index, start, end), cut where a Markdown block starts in it
    (a paragraph, list item, table row or heading: ``Masked.breaks``)."""
    for index, (start, end) in enumerate(paragraphs):
        inside = breaks[bisect_right(breaks, start) : bisect_left(breaks, end)]
        for cut_start, cut_end in zip((start, *inside), (*inside, end), strict=True):
            yield index, cut_start, cut_end


def _sentences(
    prose: str, paragraphs: list[tuple[int, int]], breaks: tuple[int, ...] = ()
) -> list[Sentence]:
    sentences: list[Sentence] = []
    for index, start, end in _blocks(paragraphs, breaks):
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


def _front_matter_date(text: str, masked: Masked) -> str | None:
    if masked.front_matter is None:
        return None
    start, end = masked.front_matter
    date = re.search(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2})", text[start:end], re.M)
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
    masked = mask_markdown(text) if is_markdown else mask_plain(text)
    prose = masked.prose
    paragraphs = _paragraphs(prose)
    sentences = tuple(_sentences(prose, paragraphs, masked.breaks))
    draft = Draft(path, text, prose, tuple(paragraphs), sentences, (), (), None)
    suppressions, problems = _suppressions(draft, masked.comments, paragraphs)
    return Draft(
        path, text, prose, tuple(paragraphs), draft.sentences, tuple(suppressions),
        tuple(problems), _front_matter_date(text, masked),
    )  # fmt: skip


def _suppressions(
    draft: Draft, comments: tuple[tuple[int, int], ...], paragraphs: list[tuple[int, int]]
) -> tuple[list[Suppression], list[tuple[str, Location]]]:
    """The suppressions among a draft's comments (real comments only: not a comment's
    text inside code or a ``<script>``), each with the paragraph after it."""
    found: list[Suppression] = []
    problems: list[tuple[str, Location]] = []
    starts = [start for start, _ in paragraphs]
    matches = (_SUPPRESS.match(draft.text, start, end) for start, end in comments)
    for m in (m for m in matches if m is not None):
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
        after = bisect_left(starts, m.end())
        following = paragraphs[after] if after < len(paragraphs) else (m.end(), m.end())
        found.append(Suppression(tuple(codes), reason, where, following))
    return found, problems
