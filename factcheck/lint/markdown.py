"""What of a Markdown draft is prose, read as a CommonMark renderer reads it.

markdown-it-py (a CommonMark parser, https://spec.commonmark.org/) finds the blocks and
the inline constructs; what is not prose — front matter, fenced and indented code,
reference definitions, HTML (tags, comments, ``<script>`` and ``<style>`` with what they
hold), inline code, link and image targets — is blanked with spaces, newlines kept, so
that an offset into the prose is an offset into the file. The HTML comments a reader's
browser would take as comments are returned too: only they can hold a suppression.

Blocks carry line maps; inline tokens carry no position, so the inline rules that make
the tokens blanked here are wrapped to record where, in the paragraph's text, each one
starts and ends (``_located``), and the paragraph's lines are then aligned with the
file's (``_Alignment``). Both are linear in the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, autolink, backtick, html_inline, image, link
from markdown_it.token import Token

from factcheck.lint.html import Html

__all__ = ["Masked", "blank", "mask_markdown", "mask_plain"]

#: YAML front matter: ``---`` on the first line, up to a line of ``---`` or ``...``.
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
#: A comment, anywhere in a plain-text draft.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_INLINE_MARKUP = re.compile(r"[`<\[]")
_SPAN = "factcheck.span"  # Token.meta key: (start, end) in the paragraph's text
_LABEL_END = "factcheck.label_end"  # Token.meta key: where a link's or image's label ends


@dataclass(frozen=True, slots=True)
class Masked:
    prose: str  # the text, the same length, non-prose blanked (newlines kept)
    comments: tuple[tuple[int, int], ...]  # the HTML comments, (start, end), in order
    front_matter: tuple[int, int] | None = None
    #: Where a paragraph, list item, table row or heading starts: a sentence ends there,
    #: with or without a full stop ("- Beijing: 590" and "- Shanghai: 262" are two).
    breaks: tuple[int, ...] = ()


def blank(text: str) -> str:
    """``text`` with every character but newlines made a space."""
    return "\n".join(" " * len(line) for line in text.split("\n"))


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with ``spans`` (possibly overlapping, in any order) blanked."""
    pieces: list[str] = []
    done = 0
    for start, end in sorted(spans):
        if end > done:
            pieces += [text[done : max(start, done)], blank(text[max(start, done) : end])]
            done = end
    pieces.append(text[done:])
    return "".join(pieces)


def mask_plain(text: str) -> Masked:
    """A plain-text draft: everything but HTML comments (where suppressions live) is prose."""
    comments = [m.span() for m in _COMMENT.finditer(text)]
    return Masked(_blanked(text, comments), tuple(comments))


# -- the parser ------------------------------------------------------------------------

_Rule = Callable[[StateInline, bool], bool]


def _located(rule: _Rule, kind: str, label: int | None = None) -> _Rule:
    """``rule``, recording on the ``kind`` token it makes where it starts and ends in
    the paragraph's text (and, given ``label``, where the label from ``start + label``
    ends). Silent runs (markdown-it looking ahead) make no token and are let through."""

    def located(state: StateInline, silent: bool) -> bool:
        if silent:
            return rule(state, silent)
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        for index in range(count, len(state.tokens)):  # a pending text, then the token
            token = state.tokens[index]
            if token.type == kind:
                token.meta[_SPAN] = (start, state.pos)
                if label is not None:
                    # Found again (a lookup in the state's cache): the rule keeps it local.
                    token.meta[_LABEL_END] = state.md.helpers.parseLinkLabel(
                        state, start + label, kind == "link"
                    )
                break
        return True

    return located


def _inline(state: StateCore) -> None:
    """markdown-it's inline parsing, of the paragraphs and headings where there is
    something to blank: every inline construct blanked here starts with one of
    `` ` < [ `` (most news prose has none, and skipping it halves the parse)."""
    for token in state.tokens:
        if token.type == "inline":
            token.children = []
            if _INLINE_MARKUP.search(token.content):
                state.md.inline.parse(token.content, state.md, state.env, token.children)


@functools.cache
def _parser() -> MarkdownIt:
    # CommonMark as specified; reference definitions as tokens, so that their lines
    # are known; nesting beyond the preset's 20 levels is left as text (prose).
    md = MarkdownIt("commonmark", {"inline_definitions": True})
    md.core.ruler.at("inline", _inline)
    md.inline.ruler.at("backticks", _located(backtick, "code_inline"))
    md.inline.ruler.at("html_inline", _located(html_inline, "html_inline"))
    md.inline.ruler.at("autolink", _located(autolink, "link_open"))
    md.inline.ruler.at("link", _located(link, "link_open", 0))
    md.inline.ruler.at("image", _located(image, "image", 1))
    return md


# -- from the tokens to spans of the file ------------------------------------------------


class _Lines:
    """The file's lines: where each starts and ends (before its newline)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = [0, *(m.end() for m in re.finditer("\n", source))]

    def start(self, line: int) -> int:
        return self.starts[line] if line < len(self.starts) else len(self.source)

    def end(self, line: int) -> int:
        return self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)

    def text(self, line: int) -> str:
        return self.source[self.start(line) : self.end(line)]


def _without_closing_hashes(line: str) -> str:
    """An ATX heading's line without its closing ``#``s (``# Title ##``)."""
    bare = line.rstrip("#")
    return bare.rstrip() if bare != line and (not bare or bare[-1] in " \t") else line


class _Alignment:
    """Offsets in an inline token's text → offsets in the file.

    The text is the paragraph's (or heading's) lines, each without what comes before it
    on its line (indentation, ``>`` and list markers, ``#``) and the whole trimmed: each
    line of it, stripped of its white space, ends where the file's line ends (before any
    white space, or a heading's closing ``#``s). Lines that trimming removed entirely
    (white space only, before the first) are skipped."""

    def __init__(self, token: Token, lines: _Lines) -> None:
        self.starts: list[int] = []  # where each line of the text starts in the text
        self.files: list[tuple[int, int, int] | None] = []  # (lead, file offset, line end)
        pieces = token.content.split("\n")
        first, last = token.map or (0, 0)
        spare = max(0, last - first - len(pieces))
        offset = 0
        line = first
        for index, piece in enumerate(pieces):
            body = piece.strip()
            if index == 0:
                while spare and not lines.text(line).rstrip().endswith(body):
                    line, spare = line + 1, spare - 1
            self.starts.append(offset)
            self.files.append(self._place(piece, body, lines, line))
            offset += len(piece) + 1
            line += 1

    @staticmethod
    def _place(piece: str, body: str, lines: _Lines, line: int) -> tuple[int, int, int] | None:
        if line >= len(lines.starts):
            return None
        text = lines.text(line).rstrip()
        for candidate in (text, _without_closing_hashes(text)):
            if candidate.endswith(body):
                lead = len(piece) - len(piece.lstrip())
                return lead, lines.start(line) + len(candidate) - len(body), lines.end(line)
        return None

    def file_offset(self, offset: int) -> int | None:
        index = bisect_right(self.starts, offset) - 1
        place = self.files[index]
        if place is None:
            return None
        lead, start, end = place
        return min(start + max(0, offset - self.starts[index] - lead), end)


def _inline_spans(token: Token, lines: _Lines, spans: list[tuple[int, int]], html: Html) -> None:
    """What is not prose in one paragraph or heading: code spans, link and image
    targets, URLs, and HTML (handed to ``html``)."""
    here: list[tuple[int, int, bool]] = []  # (start, end, is HTML) in the token's text
    # An image's description is parsed as a text of its own, and is its text alternative
    # (code and HTML in it included): (tokens, offset, in an image).
    stack: list[tuple[list[Token], int, bool]] = [(token.children or [], 0, False)]
    while stack:
        children, offset, in_image = stack.pop()
        for child in children:
            span = child.meta.get(_SPAN)
            if span is None:
                continue
            start, end = span[0] + offset, span[1] + offset
            if child.type == "link_open" and child.markup == "autolink":
                here.append((start, end, False))  # a URL
            elif child.type in ("link_open", "image"):
                here.append((child.meta[_LABEL_END] + offset + 1, end, False))  # the target
                if child.type == "image" and child.children:
                    stack.append((child.children, start + 2, True))
            elif child.type in ("code_inline", "html_inline") and not in_image:
                here.append((start, end, child.type == "html_inline"))
    if not here:
        return
    alignment = _Alignment(token, lines)
    for start, end, is_html in here:
        file_start, file_end = alignment.file_offset(start), alignment.file_offset(end)
        if file_start is None or file_end is None:
            continue  # not placed: read as prose rather than hide anything
        if is_html:
            html.read(file_start, file_end)
        else:
            spans.append((file_start, file_end))


def mask_markdown(text: str) -> Masked:
    """``text`` with everything that is not prose replaced by spaces, and its comments."""
    # The same length, so every offset stays the file's: a lone CR is not a line end
    # here (positions count lines by LF), NUL is what markdown-it would make it.
    source = text.replace("\r", " ").replace("\0", "\ufffd")
    if source.startswith("\ufeff"):
        source = " " + source[1:]
    spans: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(source)
    if front is not None:
        spans.append(front.span())
        source = blank(front.group(0)) + source[front.end() :]
    lines = _Lines(source)
    html = Html(source)
    breaks: list[int] = []
    for token in _parser().parse(source):
        if token.map is None:
            continue
        first, last = token.map
        if token.type in ("list_item_open", "tr_open", "heading_open", "paragraph_open"):
            breaks.append(lines.start(first))
        if token.type == "list_item_open":
            spans.extend(_marker(lines, first))
        if token.type in ("fence", "code_block", "definition"):
            spans.append((lines.start(first), lines.start(last)))
        elif token.type == "html_block":
            html.read(lines.start(first), lines.start(last))
            continue
        if token.type != "definition":  # a link definition renders nothing
            html.rendered()  # a tag of its own closes what an HTML block left open
        if token.type == "inline":
            _inline_spans(token, lines, spans, html)
    # A pipe table is a paragraph to CommonMark; each of its rows is a sentence to us.
    breaks.extend(m.start() for m in _TABLE_ROW.finditer(source))
    markup, comments = html.finish()
    return Masked(
        _blanked(text, spans + markup),
        tuple(comments),
        front.span() if front is not None else None,
        tuple(sorted(set(breaks))),
    )


_TABLE_ROW = re.compile(r"^(?=[ \t]*\|)", re.M)
_MARKER = re.compile(r"[ \t>]*(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")


def _marker(lines: _Lines, line: int) -> list[tuple[int, int]]:
    """The marker of the list item that starts on ``line`` ("- ", "1. "): list syntax,
    not prose, so that "1." is not read as a figure."""
    m = _MARKER.match(lines.text(line))
    return [] if m is None else [(lines.start(line), lines.start(line) + m.end())]
