"""The HTML in a Markdown draft, read as a browser reads it.

CommonMark passes HTML through as it is — an HTML block's lines whole, a tag or comment
in a paragraph — and escapes everything else (``-->`` in prose or code is ``--&gt;`` to
the browser). What the reader's browser shows is what is prose, so the markup is
blanked by the browser's rules (https://html.spec.whatwg.org/#tokenization), reading
the pieces of HTML in file order: a tag ends at its ``>`` (a quoted attribute value may
hold one), a bogus comment (``<!DOCTYPE>``, ``<?php``, CDATA) at the next ``>``, and a
comment at the next ``-->``, and an element whose content a browser does not parse as
HTML (``<script>``, ``<style>``, ``<textarea>``, ``<title>``, ``<xmp>``, ``<iframe>``,
``<noembed>``, ``<noframes>``, ``<noscript>``) at its end tag, ``<plaintext>`` never,
in this or a later piece of HTML — whatever Markdown lies between is inside them. A
tag or bogus comment left open ends at the first ``>`` of the next HTML block when that
block is rendered right after it ("<div><?" then "<script>": the script tag is inside
the bogus comment, and what follows is shown), and otherwise with its piece (the next
thing rendered is a tag, whose ``>`` closes it); a comment or element left open runs to
the end of the file.

Only what this reading takes as a comment can hold a suppression: not the text of a
``<!--`` inside a ``<script>`` or a ``<textarea>`` (which a browser shows as text). The
content of those elements is blanked with them: none of it is prose of the draft. Each
piece is read once, so reading is linear.
"""

from __future__ import annotations

import re

__all__ = ["Html"]

#: What starts markup in HTML text: a comment, a bogus comment, a tag or an end tag.
_START = re.compile(r"<(?:!--|[!?]|/?[A-Za-z])")
_ABRUPT_COMMENT = re.compile(r"<!---?>")  # a whole comment, to a browser
#: The rest of a tag after its name, to its ``>``; a quoted value may hold ``>``. Atomic
#: and possessive, so a tag without its ``>`` fails in one pass.
_TAG_REST = re.compile(r"""(?>[^>"'=]+|=\s*"[^"]*"|=\s*'[^']*'|["'=])*+>""")
#: Elements whose content is not parsed as HTML (raw text, escapable raw text, and what
#: a browser with scripting treats so): no comment or tag inside them is one.
_RAW_ELEMENTS = (
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    "noscript", "plaintext",
)  # fmt: skip
_RAW = re.compile(rf"<({'|'.join(_RAW_ELEMENTS)})(?=[\s/>])", re.I)
_END = {
    "comment": re.compile("-->"),
    **{name: re.compile(rf"</{name}\s*>", re.I) for name in _RAW_ELEMENTS},
    "plaintext": re.compile(r"(?!)"),  # never ends: the rest of the file is its text
}


class Html:
    """The markup of one file: give it each piece of HTML in file order (``read``), then
    take the spans to blank and the comments among them (``finish``)."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.spans: list[tuple[int, int]] = []
        self.comments: list[tuple[int, int]] = []
        self._open: tuple[int, str] | None = None  # a comment or element not yet ended
        #: A tag or bogus comment left open at the end of an HTML block: the next block of
        #: HTML, rendered right after it, holds its ``>``; anything else rendered between
        #: (a paragraph's ``<p>``) would close it (``rendered``).
        self._dangling = False

    def read(self, start: int, end: int) -> None:
        """The piece of HTML at ``start:end`` of the file."""
        source = self.source
        pos = start
        if self._dangling:  # "<div><?" then "<script>w9": the "<?" ends at "<script>"'s ">"
            found = source.find(">", start, end)
            pos = found + 1 if found >= 0 else end
            self._add(start, pos, "tag")
            self._dangling = found < 0
        while pos < end:
            if self._open is not None:
                opened, kind = self._open
                close = _END[kind].search(source, pos, end)
                if close is None:
                    return
                self._add(opened, close.end(), kind)
                self._open, pos = None, close.end()
                continue
            m = _START.search(source, pos, end)
            if m is None:
                return
            at = m.start()
            if m.group() == "<!--":
                abrupt = _ABRUPT_COMMENT.match(source, at, end)
                if abrupt is None:
                    self._open, pos = (at, "comment"), at + 4
                else:
                    self._add(at, abrupt.end(), "comment")
                    pos = abrupt.end()
                continue
            if m.group() in ("<!", "<?"):
                found = source.find(">", at + 2, end)
                pos = found + 1 if found >= 0 else end
                self._dangling = found < 0
            else:
                rest = _TAG_REST.match(source, m.end(), end)
                pos = rest.end() if rest is not None else end
                self._dangling = rest is None
                raw = _RAW.match(source, at, end)
                if raw is not None and rest is not None:
                    self._open = (at, raw.group(1).lower())
                    continue
            self._add(at, pos, "tag")

    def rendered(self) -> None:
        """Something other than HTML was rendered since the last piece: its first tag
        closes a tag or bogus comment left open."""
        self._dangling = False

    def finish(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
        """The spans of markup, and the comments among them: what is still open runs
        to the end of the file."""
        if self._open is not None:
            self._add(self._open[0], len(self.source), self._open[1])
            self._open = None
        return self.spans, self.comments

    def _add(self, start: int, end: int, kind: str) -> None:
        self.spans.append((start, end))
        if kind == "comment":
            self.comments.append((start, end))
