"""Fuzz tests of prose: the figure scanner and the draft linter never raise on any
text, and every place they give is in the text (tests/test_fuzz.py has the rest).
"""

from __future__ import annotations

import functools
import re

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from factcheck import api
from factcheck.config import discover_settings
from factcheck.factbase import FactBase
from factcheck.figures import scan
from factcheck.lint.drafts import read_draft
from factcheck.lint.run import LintOptions, lint_drafts

from .conftest import ROOT
from .fuzzing import FIGURES, UNUSUAL, assert_located, long_digits

# A failing example of thousands of characters is still worth seeing whole.
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)


PROSE = (
    "the", "capital", "had", "cultivated", "national-level", "little", "giants", "Beijing",
    "Guangdong", "firms", "companies", "ranking", "first", "by", "September", "more than",
    "nearly", "about", "up", "down", "by", "percent", "between", "and", "to", "from", "of",
    "in", "year", "batch", "fifth", "one-eighth", "two thirds", "a third of", "doubled",
    "twofold", "thirteen thousand", "a hundred and five", "Co.", "Ltd.", "U.S.", "e.g.",
    ". ", "! ", "? ", ", ", "; ", "(", ")", '"', "“", "”", "'s",
)  # fmt: skip
MARKDOWN = (
    "```", "```python\n", "~~~", "<!--", "-->", "<!-- factcheck: ignore FC301 wrong -->",
    "<!-- factcheck: ignore -->", "<!-- factcheck: ignore FC999 -->", "<script>", "</script>",
    "<style>", "<b>", "</b>", "<br/>", "&amp;", "**", "*", "_", "`", "``", "[link](x)",
    "[a]: http://x", "](", "![img](y.png \"t\")", "| a | 5 |", "|---|---|", "# ", "> ",
    "    ", "- ", "1. ", "---\n", "\\",
)  # fmt: skip
DATES = ("2022-09-30", "2022-13-45", "0000-01-01", "9999-12-31", "0001-01-01", "2022-02-30")


@st.composite
def front_matter(draw: st.DrawFn) -> str:
    """Nothing, or a Markdown front matter whose ``date:`` the linter reads."""
    if draw(st.booleans()):
        return ""
    when = draw(st.sampled_from(DATES) | st.from_regex(r"\A\d{4}-\d{2}-\d{2}\Z"))
    quote = draw(st.sampled_from(["", '"', "'"]))
    return f"---\ntitle: a draft\ndate: {quote}{when}{quote}\n---\n"


#: The quotes of the bundled fact base: sentences the linter can match to claims.
QUOTES = tuple(
    " ".join(claim["quote"].split())
    for path in sorted((ROOT / "claims").glob("*.yaml"))
    for claim in (yaml.safe_load(path.read_text("utf-8")) or {}).get("claims") or ()
)


@st.composite
def retold(draw: st.DrawFn) -> str:
    """A sentence of a source with some of its figures changed, as a draft retells it."""
    figure = st.one_of(
        st.sampled_from(FIGURES), st.integers(0, 10**6).map(lambda n: f"{n:,}"), st.just("")
    )
    quote = draw(st.sampled_from(QUOTES))
    return re.sub(r"\d[\d,.]*\d|\d", lambda m: draw(figure | st.just(m.group())), quote)


prose_tokens = st.one_of(
    retold(),
    st.sampled_from(PROSE),
    st.sampled_from(FIGURES),
    st.sampled_from(UNUSUAL),
    st.sampled_from(MARKDOWN),
    long_digits(),
    st.integers(300, 2_000).map(lambda n: "1" + ",000" * n),
    st.integers(1_000, 3_000).map(lambda n: "0." + "3" * n),
    st.integers(1_000, 3_000).map(lambda n: "１" * n),
    st.text(max_size=8),
)
prose_soup = st.lists(st.tuples(prose_tokens, st.sampled_from([" ", "", "\n"])), max_size=40).map(
    lambda pairs: "".join(token + gap for token, gap in pairs)
)
prose = st.one_of(st.text(), prose_soup, st.tuples(front_matter(), prose_soup).map("".join))


@given(text=prose)
def test_scan_never_raises_and_spans_are_in_the_text(text: str) -> None:
    """Every figure the scanner finds is a non-empty span of the text it was given."""
    for figure in scan(text):
        assert 0 <= figure.start < figure.end <= len(text), (figure, len(text))


@functools.cache
def bundled_factbase() -> FactBase:
    """The bundled fact base, loaded once: what `factcheck lint` checks drafts against.
    (Not a fixture, so that a failing example does not print all of it.)"""
    loaded, _ = api.load(discover_settings(ROOT))
    return loaded


@settings(deadline=None)
@given(text=prose, markdown=st.booleans())
@example(  # a draft dated in year 1: "last year" was year 0, which Python has not
    text="---\ntitle: a draft\ndate: 0001-01-01\n---\nby the end of last year, the number of "
    '"little giant" enterprises had reached 9.5 percent in China ',
    markdown=True,
)
def test_lint_never_raises(text: str, markdown: bool) -> None:
    """Reading any draft, Markdown or plain text, and linting it against the fact base
    reports findings on lines and columns of the draft, and never raises."""
    draft = read_draft("draft.md" if markdown else "draft.txt", text)
    assert len(draft.prose) == len(text)
    findings, _ = lint_drafts(bundled_factbase(), [draft], LintOptions(strict=True))
    assert_located(findings, text)
    for finding in findings:
        assert finding.location.path == draft.path, finding
        assert finding.location.line <= text.count("\n") + 1, finding
