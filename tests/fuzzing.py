"""What the fuzz tests share (tests/test_fuzz.py, test_fuzz_expressions.py and
test_fuzz_prose.py): the base's ids, runs of digits, constraint expressions well formed
or not, pieces of prose, and the checks that a finding points at a real place."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import strategies as st

from factcheck.findings import Finding

#: Ids of the small valid fact base the fuzz tests use (tests/cases/loader/_base.yaml),
#: so that fuzzed records and expressions can name things that exist.
BASE_IDS = (
    "eworks-2022", "china", "beijing", "national-little-giants", "provincial-little-giants",
    "provincial-little-giants-share", "little-giant-lists", "loan-interest-rate",
    "loans-amount", "bj-national-little-giants",
)  # fmt: skip


def long_digits(low: int = 1_000, high: int = 6_000) -> st.SearchStrategy[str]:
    """A run of thousands of digits: cheap to draw, expensive if parsed carelessly."""
    return st.integers(low, high).map(lambda n: "9" * n)


def joined(tokens: st.SearchStrategy[str], max_size: int = 60) -> st.SearchStrategy[str]:
    return st.lists(tokens, max_size=max_size).map("".join)


# -- constraint expressions, well formed or not --------------------------------------

identifiers = st.from_regex(r"\A[a-z][a-z0-9]{0,6}(?:[-_.][a-z0-9]{1,5}){0,3}\Z")
numerals = st.one_of(
    st.integers(0, 10**6).map(str),
    st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)).map(lambda n: f"{n[0]}.{n[1]}"),
    st.integers(0, 10**40).map(str),
)
numbers = st.one_of(
    numerals,
    long_digits(),
    st.tuples(long_digits(1, 3_000), long_digits(1, 3_000)).map(".".join),
    st.sampled_from(["１２３", "٣", "1١", "1.٥", "1e5", "0x10", "1_000", ".5", "5.", "1,000"]),
)
EXPRESSION_TOKENS = (
    "+", "-", "*", "/", "×", "÷", "−", "**", "^", "%", "==", "<=", "<", ">=", ">", "≤", "≥",
    "=", "!=", "(", ")", ",", " ", "\t", "\n", "min(", "max(", "sum(", "lo(", "hi(", "foo(",
    "__import__('os')", "a.b", "lambda x: x", "__class__", "'", '"', "#", ";", "\x00",
)  # fmt: skip
expression_soup = joined(
    st.one_of(
        st.sampled_from(EXPRESSION_TOKENS),
        st.sampled_from(BASE_IDS),
        identifiers,
        numbers,
        st.integers(1, 5_000).map(lambda n: "(" * n),
        st.integers(1, 5_000).map(lambda n: ")" * n),
    ),
    max_size=30,
)


@st.composite
def comparisons(draw: st.DrawFn) -> str:
    """A comparison that is mostly well formed: two sides of soup around an operator,
    optionally wrapped in thousands of parentheses."""
    depth = draw(st.integers(0, 3_000))
    left, right = draw(expression_soup), draw(expression_soup)
    op = draw(st.sampled_from(["==", "<=", "<", ">=", ">", "≤", "≥"]))
    return f"{'(' * depth}{left}{')' * depth} {op} {right}"


#: Names a constraint may use in the fact base of ``test_check_never_raises``.
EXPRESSION_NAMES = (*BASE_IDS, "fuzz-claim", "fuzz-claim-2", "fuzz-unknown", "fuzz-unknown-2")
operands = st.one_of(
    st.sampled_from(EXPRESSION_NAMES),
    identifiers,
    numerals,
    numerals.map(lambda number: f"{number}%"),
    st.sampled_from(EXPRESSION_NAMES).map(lambda name: f"lo({name})"),
    st.sampled_from(EXPRESSION_NAMES).map(lambda name: f"hi({name})"),
)
arithmetic = st.recursive(
    operands,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/", "×", "÷", "−"]), inner).map(" ".join),
        inner.map(lambda term: f"({term})"),
        inner.map(lambda term: f"-{term}"),
        st.tuples(
            st.sampled_from(["min", "max", "sum"]), st.lists(inner, min_size=1, max_size=4)
        ).map(lambda call: f"{call[0]}({', '.join(call[1])})"),
    ),
    max_leaves=12,
)
well_formed: st.SearchStrategy[str] = st.tuples(
    arithmetic, st.sampled_from(["==", "<=", "<", ">=", ">", "≤", "≥"]), arithmetic
).map(" ".join)
expressions: st.SearchStrategy[str] = st.one_of(
    st.text(), expression_soup, comparisons(), well_formed
)


# -- what a finding must point at ------------------------------------------------------


def assert_located(findings: Iterable[Finding], text: str | None = None) -> None:
    """Every finding points at a real place: 1-based line and column, and, when the
    file's text is given, a line and column that exist in it."""
    for finding in findings:
        places = [finding.location, *(related.location for related in finding.related)]
        for where in places:
            assert where.line >= 1, finding
            assert where.column >= 1, finding
            assert where.end_line is None or where.end_line >= 1, finding
            assert where.end_column is None or where.end_column >= 1, finding
        if text is not None:
            assert_inside(finding, text)


def assert_inside(finding: Finding, text: str) -> None:
    """The finding's own location is inside ``text``. Generous on purpose: any way of
    counting lines (splitlines also breaks at \\r, \\x85, U+2028 …) and the longest
    line counted by "\\n" alone, so that only a location off the file fails."""
    lines = len(text.splitlines()) + 1
    longest = max(len(line) for line in text.split("\n")) + 1
    where = finding.location
    off = (
        f"{where} ({finding.code} {finding.message!r}) is off the file: "
        f"it has {lines - 1} lines, the longest {longest - 1} characters"
    )
    assert where.line <= lines, off
    assert where.column <= longest, off


# -- pieces of prose --------------------------------------------------------------------

FIGURES: tuple[str, ...] = (
    "9.5 percent", "nearly 13,000", "$684.4 million", "($684.4 million)", "5 billion yuan",
    "590", "5,261", "500,68", "17.9%", "2018-20", "2019 to 2022", "between 500 and 600",
    "US$1.2bn", "¥3 trillion", "RMB 5 billion", "3.6 percent", "1,336 loans", "September 2022",
    "2022-09-30", "Sept. 30, 2022", "10,000", "up 13 percent", "down by 2.5 percent",
    "1.5-fold", "3 times", "12 km", "5 years", "6 months", "No. 1", "COVID-19", "0.000", "00",
    ".5", "1,00,000", "1,2345", "-5", "–", "1 - 2", "9.5 per cent", "2 percentage points",
)  # fmt: skip
UNUSUAL: tuple[str, ...] = (
    "１２３", "1.2万", "3亿元", "五百", "٥٠٠", "İ", "İstanbul", "ǅ", "ß", "ﬁ", "K", "😀",
    "👍🏽", "שלום 5", "مرحبا ٣", "\u202e", "\u200b", "\u00a0", "\u2028", "\x00", "\r\n", "\r",
    "\t", "\ufeff", "\n", "\n\n",
)  # fmt: skip
