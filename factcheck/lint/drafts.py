"""Reading a draft: its prose (Markdown's non-prose blanked out), paragraphs, sentences
and suppression comments, with every position still that of the original file.

Masking replaces what is not prose — front matter, fenced and indented code, inline
code, HTML comments and tags, link targets — with spaces (newlines kept), so that an
offset into the masked text is an offset into the file.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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

    def line_text(self, offset: int) -> str:
        line = bisect_right(self._line_starts, offset)
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start : end if end != -1 else len(self.text)]

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
    spans = []
    for m in re.finditer(r"(?:[^\n]*\S[^\n]*(?:\n|\Z))+", prose):
        spans.append((m.start(), m.end()))
    return spans


def _sentences(prose: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    sentences = []
    for index, (start, end) in enumerate(paragraphs):
        cursor = start
        for m in _SENTENCE_END.finditer(prose, start, end):
            word = re.search(r"([\w.]+)$", prose[cursor : m.start()])
            if (
                m.group(0)[0] == "."
                and word
                and word.group(1).lower().rstrip(".") in _ABBREVIATIONS
            ):
                continue
            sentences.append(Sentence(cursor, m.end(), index))
            cursor = m.end()
        if prose[cursor:end].strip():
            sentences.append(Sentence(cursor, end, index))
    return sentences


def _front_matter_date(text: str) -> str | None:
    m = _FRONT_MATTER.match(text)
    if m is None:
        return None
    date = re.search(r"^date:\s*[\"']?(\d{4}-\d{2}-\d{2})", m.group(0), re.M)
    return date.group(1) if date else None


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
    for m in _SUPPRESS.finditer(draft.text):
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
