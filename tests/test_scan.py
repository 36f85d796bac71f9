"""The figure scanner: what it finds in prose, and that it never fails on any text."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from factcheck.figures import scan

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "scan.yaml").read_text("utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_scan_finds(case: dict[str, Any]) -> None:
    found = [
        [case["text"][f.start : f.end], *sorted({f.low.value, f.high.value})]
        for f in scan(case["text"])
    ]
    expected = [[text, *(Fraction(str(v)) for v in values)] for text, *values in case["figures"]]
    assert found == expected


prose = st.text(
    alphabet=st.sampled_from(list("0123456789,.-–$% abcdefghijklmnopqrstuvwxyz")) | st.characters(),
    max_size=200,
)


@given(prose)
def test_scan_never_raises_and_spans_are_ordered(text: str) -> None:
    last_end = 0
    for figure in scan(text):
        assert last_end <= figure.start < figure.end <= len(text)
        assert figure.low.value <= figure.high.value
        last_end = figure.end


#: Pieces of the grammar's words and signs, with letters whose case folding is Unicode's
#: ("ſ" matches "s", "İ" matches "i", the Kelvin sign matches "k"), glued at random.
pieces = st.lists(
    st.sampled_from(
        ["ſ", "İ", "ı", "K", "rs", "Rſ", "inr", "uſ$", "thouſand", "ſix", "-fold", "lakh", "half",
         " a ", " of ", "5", "1,500", ".5", "%", " ", "-", "minus ", "between ", " and ", "万",
         "三", "年", "dozen", "in ", "3-1", "2:03:17", "by "]
    ),
    max_size=30,
).map("".join)  # fmt: skip


@given(pieces)
def test_scan_never_raises_on_words_of_its_grammar(text: str) -> None:
    for figure in scan(text):
        assert 0 <= figure.start < figure.end <= len(text)
        assert figure.low.value <= figure.high.value
