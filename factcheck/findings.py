"""The one thing every stage reports: a ``Finding``, located in a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

__all__ = [
    "Finding",
    "Location",
    "Related",
    "Severity",
    "printable_path",
    "visible_excerpt",
    "visible_text",
]

#: Characters that change how the text after them is displayed without being seen:
#: the bidirectional embeddings, overrides and isolates (after U+202E, "590" shows as
#: "095"), the direction marks, and the line and paragraph separators.
_DIRECTIONAL = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_INVISIBLE = re.compile(f"[{_DIRECTIONAL}]")
#: Those, control characters (C0, DEL, C1), and the lone surrogates by which Python
#: keeps a file name's bytes that are not UTF-8.
_UNPRINTABLE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\ud800-\\udfff{_DIRECTIONAL}]")


def visible_text(text: str) -> str:
    """A message as every format shows it: each character that would reorder or break
    what follows it (``_INVISIBLE``) written ``<U+202E>``, as FC110 writes them."""
    if not _INVISIBLE.search(text):
        return text
    return _INVISIBLE.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def visible_excerpt(line: str) -> str:
    """A line of a draft as an excerpt shows it: those characters as U+FFFD, one for
    one, so that the caret under a figure stays in its column."""
    return _INVISIBLE.sub("\ufffd", line) if _INVISIBLE.search(line) else line


def printable_path(name: str) -> str:
    """A file name as reports show it: each byte that is not UTF-8 text (a lone surrogate
    in ``name``) or is a control character written ``\\xNN``, so that every format is
    valid UTF-8 and a name with a line break cannot start a line of its own (a forged
    finding, or a GitHub workflow command)."""
    if not _UNPRINTABLE.search(name):
        return name
    return _UNPRINTABLE.sub(_escape, name)


def one_line(text: str) -> str:
    """A text from a fact base as a table or tree shows it: on one line, its control
    characters and the characters that reorder text written out (``printable_path``),
    so that a quote cannot colour a terminal, set its title or reverse a figure."""
    return printable_path(" ".join(text.split()))


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    code = ord(character)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class Severity(StrEnum):
    """How serious a finding is; ``--fail-on`` picks the lowest that fails a run."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """A place in a file: 1-based line and column; the end is exclusive."""

    path: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Related:
    """Another place a finding involves (the other claim of a duplicate, say)."""

    location: Location
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem, at one place, with a stable code (``FC105``) and a slug."""

    code: str
    slug: str
    severity: Severity
    message: str
    location: Location
    related: tuple[Related, ...] = ()
    claims: tuple[str, ...] = field(default=())
    #: Set when the inconsistency is genuinely in the sources and an editor said so
    #: (``acknowledged`` on a claim or constraint): shown, but it does not fail a run.
    acknowledged: str | None = None
    #: The line of a draft the finding is on, for formatters that show it underlined;
    #: of a long line, a window of it that starts at ``excerpt_column``.
    excerpt: str | None = None
    excerpt_column: int = 1
    #: The constraint (constraints/*.yaml) the finding is about, if any.
    constraint: str | None = None
    #: With ``--baseline``: "new", or "unchanged" (recorded already: it does not fail).
    baseline: str | None = None

    @property
    def sort_key(self) -> tuple[Location, str, str]:
        return (self.location, self.code, self.message)
