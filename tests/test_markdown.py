"""What lint reads of a Markdown draft (factcheck/lint/markdown.py and html.py).

Masking blanks what is not prose and nothing else, keeping every offset; what it keeps
is what a browser shows of the rendered page (checked against markdown-it's own HTML
output read by Python's HTML parser); and only what a browser takes as a comment can
hold a suppression. Hang and size shapes are in tests/cases/hostile/markdown.yaml.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import pytest
from hypothesis import assume, example, given, reject, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from factcheck.lint.drafts import read_draft
from factcheck.lint.markdown import mask_markdown, mask_plain

# -- masking only blanks ---------------------------------------------------------------

markdownish = st.text(
    alphabet=st.sampled_from(list("`*_[]()<>!#-=~>:/\"'\\&;|\t\r\n 0123456789abcAB\u3000\0\ufeff"))
    | st.characters(),
    max_size=400,
)


@settings(deadline=None)
@given(text=markdownish, markdown=st.booleans())
def test_masking_keeps_length_and_every_newline_and_only_blanks(text: str, markdown: bool) -> None:
    masked = mask_markdown(text) if markdown else mask_plain(text)
    assert len(masked.prose) == len(text)
    for kept, was in zip(masked.prose, text, strict=True):
        assert kept == was or (kept == " " and was != "\n"), (kept, was)
    for start, end in masked.comments:
        assert text.startswith("<!--", start)
        assert masked.prose[start:end].strip() == ""


# -- what is kept is what a reader sees ------------------------------------------------

_WORD = re.compile(r"w\d+")
_RENDER = MarkdownIt("commonmark")
#: markdown-it-py before 3 drops a code span from an image's text alternative (alt=""
#: for ![`a`]()), which CommonMark keeps as plain text, as lint does: with such a
#: version, the oracle cannot judge a document with code in an image's brackets.
_ALT_DROPS_CODE = 'alt=""' in _RENDER.render("![`a`]()")


class _Shown(HTMLParser):
    """The words a browser shows of a page: text outside code, scripts and styles, and
    images' text alternatives."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0
        self.words: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("code", "script", "style"):
            self.hidden += 1
        if tag == "img":
            self.words.update(_WORD.findall(dict(attrs).get("alt") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "script", "style") and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.words.update(_WORD.findall(data))


def shown(text: str) -> Counter[str]:
    page = _RENDER.render(text)
    # Where Python's parser is not a browser's (https://html.spec.whatwg.org/#tokenization):
    # it ends a comment at "-- >" and reads "<!-->" as an opening; it shows a comment or
    # tag left open at the end of the page, which a browser drops.
    assume(not re.search(r"--!?\s+>|<!---?>", page))
    at = 0
    while (start := page.find("<!--", at)) >= 0:
        end = page.find("-->", start + 4)
        if end < 0:
            page = page[:start]
            break
        at = end + 3
    tail = re.compile(r"</?[A-Za-z]|<[!?]").search(page, page.rfind(">") + 1)
    page = page[: tail.start()] if tail else page
    parser = _Shown()
    try:
        parser.feed(page)
        parser.close()
    except AssertionError:  # Python's parser gives up on some "<![" sections
        reject()
    return parser.words


_MARKDOWN = ["`", "``", "[", "]", "](", ")", "(", "\n", "\n\n", "> ", "- ", "1. ", "    ", "  ",
             "\t", "# ", "*", "_", "![", "\\", "```\n", "~~~", " ", "[r]: /u", "===", "---",
             "&amp;", '"', "'"]  # fmt: skip
_HTML = ["<", ">", "<!--", "-->", "<b>", "</b>", "<div>", "</div>", "<script>", "</script>",
         "<style>", "<?", "<!X"]  # fmt: skip


@st.composite
def documents(draw: st.DrawFn, pieces: list[str]) -> str:
    """Markdown of numbered words (each once) and the pieces of syntax between them."""
    return "".join(
        f"w{i}" if draw(st.booleans()) else draw(st.sampled_from(pieces))
        for i in range(draw(st.integers(0, 60)))
    )


@settings(deadline=None, max_examples=300)
@given(text=documents(_MARKDOWN + _HTML))
# "<?" left open by one HTML block ends at the ">" of the next one's "<script>", so the
# script tag is inside it and "w9" is shown (found by hypothesis in CI)
@example(text="<div>`````<?\n\n<script>w9")
def test_nothing_a_reader_sees_is_blanked(text: str) -> None:
    """Every word the rendered page shows is in the prose lint reads."""
    read = Counter(_WORD.findall(mask_markdown(text).prose))
    assert not shown(text) - read, mask_markdown(text).prose


@settings(deadline=None, max_examples=300)
@given(text=documents(_MARKDOWN))
def test_without_html_lint_reads_what_a_reader_sees(text: str) -> None:
    """Without raw HTML, the words lint reads are exactly the words shown: none from code,
    link targets or reference definitions, none missing."""
    assume(not (_ALT_DROPS_CODE and re.search(r"!\[[^\]]*`", text)))
    read = Counter(_WORD.findall(mask_markdown(text).prose))
    assert read == shown(text), mask_markdown(text).prose


# -- what is prose, at the file's own offsets -------------------------------------------

PROSE = [
    # (Markdown, the prose lint reads of it)
    ("- a:\n\n    b 509\n", "  a:\n\n    b 509\n"),  # a list item's paragraph; no marker
    ("- a:\n\n      b 509\n", "  a:\n\n           \n"),  # its indented code
    ("1. a 509\n2) b\n", "   a 509\n   b\n"),  # an ordered list's numbers are not figures
    ("> a `b\n> c` d\n", "> a   \n     d\n"),  # a code span over lines in a quotation
    ("# a `b` #\n", "# a     #\n"),
    ('a [b](c/509 "t") [d][r]\n\n[r]: /u\n', "a [b]            [d]   \n\n       \n"),
    ("a ![b `c` d](e) f\n", "a ![b `c` d]    f\n"),  # a text alternative is text
    ('a <b title="1 > 2">c</b> d\n', "a " + " " * 17 + "c" + " " * 4 + " d\n"),
    ("---\ndate: 2022-11-30\n---\na\n", "   \n                \n   \na\n"),
    ("a\r\n```\r\n509\r\n```\r\nb\r\n", "a\r\n    \n    \n    \nb\r\n"),
    ("\ufeff# a\n", "\ufeff# a\n"),
]


@pytest.mark.parametrize(("text", "prose"), PROSE)
def test_prose(text: str, prose: str) -> None:
    assert mask_markdown(text).prose == prose


# -- only a comment a browser reads as one can suppress -------------------------------

COMMENTS = [
    # (Markdown, the comments in it)
    ("a <!-- c --> b\n", ["<!-- c -->"]),
    ("<!-- c -->\n", ["<!-- c -->"]),
    ("<div>\n<!-- c -->\n</div>\n", ["<!-- c -->"]),
    ("a `<!-- c -->` b\n", []),
    ("```\n<!-- c -->\n```\n", []),
    ("    <!-- c -->\n", []),
    ("<script>\n<!-- c -->\n</script>\n", []),
    ("<style>/* <!-- c --> */</style>\n", []),
    ("a <script>x = '<!-- c -->'</script> b <!-- d -->\n", ["<!-- d -->"]),
    ("a <script>\n\nb <!-- c -->\n\n</script> <!-- d -->\n", ["<!-- d -->"]),
    ("![a <!-- c --> b](u)\n", []),  # an image's text alternative is text, not HTML
    ("<div><!--\n\nb\n\n<p>-->\n", ["<!--\n\nb\n\n<p>-->"]),  # open past its block
    # ... to the end of the file: prose's "-->" is text to a browser (rendered "--&gt;")
    ("<div><!--\n\nb -->\n", ["<!--\n\nb -->\n"]),
    ("a <!-- c\n\nb -->\n", []),  # a paragraph's "<!--" never closed there is text
]


@pytest.mark.parametrize(("text", "comments"), COMMENTS)
def test_comments(text: str, comments: list[str]) -> None:
    assert [text[s:e] for s, e in mask_markdown(text).comments] == comments


def test_a_suppression_in_code_is_neither_a_suppression_nor_a_malformed_one() -> None:
    text = "`<!-- factcheck: ignore -->` and `<!-- factcheck: ignore FC3 x -->`\n"
    draft = read_draft("d.md", text)
    assert draft.suppressions == ()
    assert draft.problems == ()
